/**
 * The report screen's code (the charts library, most of the page's script) loads when the screen is
 * first opened (app/App.tsx), or ahead once the inbox is complete and the page idle
 * (`reportsScreen.preload()`, inbox/inbox-data.ts), so a lead's first Fairness open does not wait for it.
 */
import { preloadable } from '../lib/preloadable';
import { startDefaultReport } from './report-client';

// Opened before its code was in: the report the screen opens on is asked for as the code starts
// loading, so the worker computes meanwhile (once: a lazy component's loader runs on its first render).
export const reportsScreen = preloadable(() => import('./ReportsScreen').then((m) => m.ReportsScreen), startDefaultReport);
