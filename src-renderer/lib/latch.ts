/**
 * Something that happens once per app start (the inbox's first rows drawn, the start-up catch-up
 * applied), for whoever waits for it: set once, awaited, watched. Pure: no React, no Dexie.
 */
export interface Latch {
  /** It happened (once; later calls do nothing). */
  set(): void;
  isSet(): boolean;
  /** Resolves once it happened, or after `timeoutMs` at most when given. */
  wait(timeoutMs?: number): Promise<void>;
  /** Called once when it happens; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createLatch(): Latch {
  let done = false;
  const listeners = new Set<() => void>();
  return {
    set() {
      if (done) return;
      done = true;
      for (const l of [...listeners]) l();
      listeners.clear();
    },
    isSet: () => done,
    wait(timeoutMs) {
      if (done) return Promise.resolve();
      return new Promise((resolve) => {
        const go = (): void => {
          clearTimeout(timer);
          listeners.delete(go);
          resolve();
        };
        const timer = timeoutMs === undefined ? undefined : setTimeout(go, timeoutMs);
        listeners.add(go);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
