/**
 * A request/response client for a Web Worker that falls back to the main thread: when no worker can
 * start (tests, a locked-down webview), or the worker dies, every call runs its fallback instead, for
 * good. The worker answers `{id, ok: true, value}` or `{id, ok: false, error}` for each `{id, ...}`.
 *
 * `start` must contain the literal `new Worker(new URL('./x.worker.ts', import.meta.url), ...)`
 * (Vite bundles the worker from that expression), so each caller passes its own.
 */
export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A message about the work under way rather than an answer to one request (a report's progress). */
export interface WorkerNotice<N> {
  notice: N;
}

/** A request without its id (distributes over a union of request kinds). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface WorkerClient<Req extends { id: number }> {
  /** Posts a request (its id is added here); runs `fallback` where the worker cannot. */
  call<T>(msg: WithoutId<Req>, fallback: () => Promise<T>): Promise<T>;
  /** Starts the worker now (its script loads and runs) without asking it anything; a no-op where none can start. */
  warm(): void;
  /** Whether a worker is running now (a call would reach it). */
  readonly running: boolean;
}

/** `onNotice`: told each WorkerNotice the worker posts. */
export function createWorkerClient<Req extends { id: number }>(start: () => Worker, what: string, onNotice?: (notice: unknown) => void): WorkerClient<Req> {
  let worker: Worker | undefined;
  let broken = typeof Worker === 'undefined';
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  const failAll = (message: string): void => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };

  const getWorker = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = start();
    } catch {
      broken = true;
      return undefined;
    }
    worker.onmessage = (e: MessageEvent<WorkerAnswer | WorkerNotice<unknown>>) => {
      if ('notice' in e.data) {
        onNotice?.(e.data.notice);
        return;
      }
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.value);
      else p.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      failAll(`the ${what} worker stopped (${e.message || 'could not start'})`);
    };
    return worker;
  };

  return {
    call<T>(msg: WithoutId<Req>, fallback: () => Promise<T>): Promise<T> {
      const w = getWorker();
      if (!w) return fallback();
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        w.postMessage({ ...msg, id });
      }).catch((e: unknown) => {
        // The worker could not do it (it did not start, or died): do it here instead.
        if (broken) return fallback();
        throw e;
      });
    },
    warm() {
      getWorker();
    },
    get running() {
      return worker !== undefined;
    },
  };
}
