/**
 * Runs reports in the worker when one can start (a browser, the desktop app), else on the main
 * thread (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { runExportLog, runReport, verifyReport, type ReportRequest, type ReportResponse } from './engine';
import type { WorkerRequest } from './report.worker';
import { createWorkerClient } from '../lib/worker-client';
import { trackRequest } from '../state/report-requests';

const client = createWorkerClient<WorkerRequest>(() => new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'earshot-report' }), 'report');

function inWorker<T>(kind: WorkerRequest['kind'], req: ReportRequest, fallback: () => Promise<T>): Promise<T> {
  return client.call({ kind, req, sentAt: performance.timeOrigin + performance.now() }, fallback);
}

export function requestReport(req: Omit<ReportRequest, 'dbName'>): Promise<ReportResponse> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return trackRequest(inWorker('report', full, () => runReport(full, db)));
}

export function requestEventLog(req: Omit<ReportRequest, 'dbName'>): Promise<string> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return inWorker('export-log', full, () => runExportLog(full, db));
}

/** After a report with `checking`: false when it missed writes made behind the app's back (ask again). */
export function requestVerification(req: Omit<ReportRequest, 'dbName'>): Promise<boolean> {
  const db = getDb();
  const full = { ...req, dbName: db.name };
  return inWorker('verify', full, () => verifyReport(full, db));
}

/** Whether this session's report worker was started ahead (prepareReports). */
let prepared = false;

/**
 * Starts the report worker and has it open the database, so the first report of a session does
 * not wait for that (the inbox calls this once its list is complete). Once a session; where no
 * worker can start, nothing: the main thread opens the database anyway.
 */
export function prepareReports(): void {
  if (prepared || typeof Worker === 'undefined') return;
  prepared = true;
  const db = getDb();
  const req = { dbName: db.name, range: {}, nowMs: Date.now() };
  inWorker('prepare', req, () => Promise.resolve()).catch(() => undefined);
}

/**
 * Loads the report screen's code (the charts library, most of the page's script; app/App.tsx loads
 * it lazily) ahead, once the inbox is complete and no report is asked for, so a lead's first
 * Fairness open does not wait for it. Once a session; a failure is left to the screen's own load.
 */
let screenLoaded = false;
export function preloadReportScreen(): void {
  if (screenLoaded) return;
  screenLoaded = true;
  import('./ReportsScreen').catch(() => undefined);
}
