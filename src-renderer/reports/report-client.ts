/**
 * Runs reports in the worker when one can start (a browser, the desktop app), else on the main
 * thread (tests, a locked-down webview). A worker that fails to start or dies falls back for good.
 */
import { getDb } from '../db/schema';
import { runExportLog, runReport, verifyReport, type ReportRequest, type ReportResponse } from './engine';
import type { WorkerRequest } from './report.worker';
import { createWorkerClient } from '../lib/worker-client';
import { trackRequest } from '../lib/report-requests';
import { DEFAULT_PARAMS, rangeOf } from './params';
import { ProgressHub, setProgressSink, type ReportProgress } from './progress';

const progress = new ProgressHub();

const client = createWorkerClient<WorkerRequest>(() => new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'earshot-report' }), 'report', (n) => progress.tell(n as ReportProgress));
// Where no worker can start, the work runs on this thread and tells its progress here directly.
setProgressSink(progress.tell);

/** Listens to what the report work under way is doing (progress.ts); returns the unsubscribe. */
export const onReportProgress = (listener: (p: ReportProgress) => void): (() => void) => progress.listen(listener);

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

/** Whether this session's facts were asked to be made ready (readyReports). */
let readied = false;

/**
 * Has the report worker make this session's facts ready (engine.ts readyAhead) for the report the
 * screen opens on, so a lead's first Fairness open finds them in memory (the VoC screen has its own
 * worker). The inbox calls this once its list is complete, search is loaded and the page is idle.
 * Once a session; where no worker can start, nothing (not worth the main thread's time before
 * anyone asks).
 */
export function readyReports(): void {
  if (readied || typeof Worker === 'undefined') return;
  readied = true;
  const db = getDb();
  const nowMs = Date.now();
  const req = { dbName: db.name, range: rangeOf(DEFAULT_PARAMS, nowMs), agent: DEFAULT_PARAMS.agent, by: DEFAULT_PARAMS.by, nowMs };
  inWorker('ready', req, () => Promise.resolve(false)).catch((e: unknown) => console.warn('earshot: the report could not be made ready ahead', e));
}

/** The report the screen opens on, asked for before the screen's code was there (startDefaultReport). */
let headStart: { nowMs: number; startedAt: number; response: Promise<ReportResponse> } | undefined;

/**
 * Asks for the report the screen opens on (DEFAULT_PARAMS) now, while the screen's code is still
 * loading (app/App.tsx calls this as it starts loading it): the worker computes while the page
 * fetches and runs the charts chunk, instead of after (that chunk added about 0.35 s to a first
 * Fairness open at 200,000 mentions; fairness bench). The screen takes it (takeHeadStart).
 */
export function startDefaultReport(): void {
  const nowMs = Date.now();
  const response = requestReport({ range: rangeOf(DEFAULT_PARAMS, nowMs), agent: DEFAULT_PARAMS.agent, by: DEFAULT_PARAMS.by, nowMs });
  response.catch(() => undefined); // the screen that takes it handles a failure
  headStart = { nowMs, startedAt: performance.now(), response };
}

/** Older than this, a report asked for ahead is not taken (the lead left before the screen came). */
const HEAD_START_MS = 5_000;

/** The report asked for ahead, once, when `paramsKey` is the screen's opening parameters. */
export function takeHeadStart(paramsKey: string): typeof headStart {
  const h = headStart;
  if (!h || paramsKey !== JSON.stringify(DEFAULT_PARAMS)) return undefined;
  headStart = undefined;
  return performance.now() - h.startedAt < HEAD_START_MS ? h : undefined;
}
