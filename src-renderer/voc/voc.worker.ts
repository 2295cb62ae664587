/**
 * The voice-of-the-customer worker: reads IndexedDB and counts off the main thread, so the window
 * stays responsive at 200,000 mentions. It keeps the period's columns and state between requests, so
 * a filter change is only a count. Only the small results travel back.
 */
import type { WorkerAnswer, WorkerNotice } from '../lib/worker-client';
import { setProgressSink, type ReportProgress } from '../reports/progress';
import { confirmVoc, forgetVocState, runVoc, runVocMembers, type VocRequest } from './voc-engine';
import type { VocFigure } from '../../src-main/shared/voc/report';

export type VocWorkerRequest =
  | { id: number; kind: 'report'; req: VocRequest & { fresh?: boolean; early?: boolean } }
  | { id: number; kind: 'members'; req: VocRequest & { figure: VocFigure } }
  /** Whether the last figures given unchecked stand (waits for the stored facts' count check). */
  | { id: number; kind: 'confirm'; dbName: string }
  /** Topic rules were applied to past mentions: count again from the columns (which take them in). */
  | { id: number; kind: 'topics-changed'; dbName: string };
/** Besides the answers: what the report's facts under way are doing (reports/progress.ts). */
export type VocWorkerReply = WorkerAnswer | WorkerNotice<ReportProgress>;

const scope = self as unknown as { onmessage: ((e: MessageEvent<VocWorkerRequest>) => void) | null; postMessage(m: VocWorkerReply): void };

setProgressSink((notice) => scope.postMessage({ notice }));

// One request at a time: two loads racing would build the same columns twice.
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.kind === 'confirm') {
    // Outside the queue: it only waits, and a filter change meanwhile need not wait with it.
    confirmVoc(msg.dbName).then(
      (value) => scope.postMessage({ id: msg.id, ok: true, value }),
      (err: unknown) => scope.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  const work: Promise<unknown> = queue.then((): Promise<unknown> => {
    if (msg.kind === 'report') return runVoc(msg.req);
    if (msg.kind === 'members') return runVocMembers(msg.req);
    forgetVocState(msg.dbName);
    return Promise.resolve(true);
  });
  queue = work.catch(() => undefined);
  work.then(
    (value) => scope.postMessage({ id: msg.id, ok: true, value }),
    (err: unknown) => scope.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
