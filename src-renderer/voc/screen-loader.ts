/**
 * The voice-of-the-customer screen's code loads when the screen is first opened (app/App.tsx), or
 * ahead with the report screen's (reports/screen-loader.ts), so its first open renders at once.
 */
import { preloadable } from '../lib/preloadable';

export const vocScreen = preloadable(() => import('./VocScreen').then((m) => m.VocScreen));

/** Loads the screen's code ahead, once a session; a failure is left to the screen's own load. */
let loaded = false;
export function preloadVocScreen(): void {
  if (loaded) return;
  loaded = true;
  vocScreen.preload().catch(() => undefined);
}
