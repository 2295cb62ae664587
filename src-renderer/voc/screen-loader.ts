/**
 * The voice-of-the-customer screen's code loads when the screen is first opened (app/App.tsx), or
 * ahead with the report screen's (reports/screen-loader.ts), so its first open renders at once.
 */
import { preloadable } from '../lib/preloadable';

export const vocScreen = preloadable(() => import('./VocScreen').then((m) => m.VocScreen));
