/**
 * The delivery worker (delivery/page-applier.ts workerApplier): validates delivery's pages and
 * writes them to IndexedDB off the main thread. Answers each request `{id, ok, value | error}`.
 */
import type { WorkerAnswer } from '../lib/worker-client';
import { createApplyHost, type ApplyWorkerRequest } from './apply-host';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ApplyWorkerRequest>) => void) | null; postMessage(m: WorkerAnswer): void };

// A later task without setTimeout's clamp (4 ms once timers nest), for validating pages in slices.
const channel = new MessageChannel();
const waiting: Array<() => void> = [];
channel.port1.onmessage = () => waiting.shift()?.();
const later = (fn: () => void): void => {
  waiting.push(fn);
  channel.port2.postMessage(null);
};

const host = createApplyHost(undefined, later);

scope.onmessage = (e) => {
  const { id, ...req } = e.data;
  host.handle(req).then(
    (value) => scope.postMessage({ id, ok: true, value }),
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
