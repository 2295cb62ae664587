/**
 * The report screen's code (the charts library, most of the page's script) loads when the screen is
 * first opened (app/App.tsx), or ahead once the inbox is complete and the page idle
 * (preloadReportScreen), so a lead's first Fairness open does not wait for it.
 */
import { preloadable } from '../lib/preloadable';
import { startDefaultReport } from './report-client';

// Opened before its code was in: the report the screen opens on is asked for as the code starts
// loading, so the worker computes meanwhile (once: a lazy component's loader runs on its first render).
export const reportsScreen = preloadable(() => import('./ReportsScreen').then((m) => m.ReportsScreen), startDefaultReport);

/**
 * Loads the report screen's code ahead, once the inbox is complete and no report is asked for.
 * Once a session; a failure is left to the screen's own load.
 */
let screenLoaded = false;
export function preloadReportScreen(): void {
  if (screenLoaded) return;
  screenLoaded = true;
  reportsScreen.preload().catch(() => undefined);
}
