/**
 * The report worker: reads IndexedDB and computes the report off the main thread, so the window
 * stays responsive while a year of mentions is counted. Only the small results travel back.
 */
import type { WorkerAnswer, WorkerNotice } from '../lib/worker-client';
import { prepareAllTime, prepareWorker, readyAhead, runExportLog, runReport, verifyReport, warmUp, type ReportRequest } from './engine';
import { setProgressSink, type ReportProgress } from './progress';

/** `sentAt`: when the screen sent it (performance.timeOrigin + performance.now(), one clock for both threads). */
export type WorkerRequest = { id: number; kind: 'report' | 'export-log' | 'verify' | 'prepare' | 'ready'; req: ReportRequest; sentAt?: number };
/** Besides the answers: what the work under way is doing (progress.ts), for whichever report waits on it. */
export type WorkerReply = WorkerAnswer | WorkerNotice<ReportProgress>;

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(m: WorkerReply): void };

setProgressSink((notice) => scope.postMessage({ notice }));

// One request at a time: two reports racing would build the same facts twice.
let queue: Promise<unknown> = Promise.resolve();
/** Requests other than the facts made ready ahead, sent and not yet started. */
let asked = 0;

scope.onmessage = (e) => {
  const { id, kind, req, sentAt } = e.data;
  if (kind === 'verify' || kind === 'prepare') {
    // Not queued. A verdict waits for the screen to be idle, and reports asked for meanwhile go
    // first. The start-ahead only opens the database and reads the stored intervals: a report sent
    // meanwhile shares both (Dexie's open, intervals-store.ts) instead of queueing behind them
    // (0.4-0.9 s when a lead opened Fairness just after the inbox: fairness bench).
    (kind === 'verify' ? verifyReport(req) : prepareWorker(req)).then(
      (value) => scope.postMessage({ id, ok: true, value }),
      (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  const arrived = performance.now();
  // A report's timings also say how long it waited (benchmarks): behind the requests queued before
  // it (queuedMs), and from being sent (waitMs: also the worker's start, and work the worker was
  // doing when it was sent, such as a step of the all-time report being prepared).
  const report = (): Promise<unknown> => {
    const queuedMs = performance.now() - arrived;
    const waitMs = sentAt === undefined ? undefined : performance.timeOrigin + performance.now() - sentAt;
    return runReport(req).then((r) => ({ ...r, timings: { ...r.timings, queuedMs, ...(waitMs === undefined ? {} : { waitMs }) } }));
  };
  // Facts made ready ahead are queued like a report: a report sent meanwhile waits for them and
  // then finds them in memory, instead of reading them a second time beside.
  if (kind !== 'ready') asked++;
  const run = (): Promise<unknown> => {
    if (kind === 'ready') return readyAhead(req, undefined, () => asked > 0);
    asked--;
    return kind === 'report' ? report() : runExportLog(req);
  };
  const work: Promise<unknown> = queue.then(run);
  queue = work.catch(() => undefined);
  work.then(
    (value) => {
      scope.postMessage({ id, ok: true, value });
      // A first short report came straight from its range: build the stored facts for the next one.
      if (kind === 'report' && (value as { how?: string }).how === 'range') queue = queue.then(() => warmUp(req)).catch(() => undefined);
      // A report over a shorter period: the all-time one is worked out while the screen draws this
      // one, beside the queue and in steps, so a request sent meanwhile does not wait for it.
      else if (kind === 'report' || (kind === 'ready' && value === true)) prepareAllTime(req).catch(() => undefined);
    },
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
