/**
 * Whether a fairness or voice-of-the-customer request is being worked out. Work that only prepares
 * for later (the inbox's text-search warm-up reads every search row; the SLA tracker's later chunks
 * of ids, db/awaiting-due.ts) waits for none to be, so it does not compete with the report for
 * IndexedDB: when the report screen opens in a new session, the report mostly waited on IndexedDB
 * behind the inbox's startup reads. Pure bookkeeping, no Dexie: in lib, so db/ may use it too.
 */

let inFlight = 0;
let waiting: Array<() => void> = [];

/** Counts `p` as in flight until it settles; hands it back unchanged. */
export function trackRequest<T>(p: Promise<T>): Promise<T> {
  inFlight++;
  const done = (): void => {
    inFlight--;
    if (inFlight > 0) return;
    const go = waiting;
    waiting = [];
    for (const w of go) w();
  };
  p.then(done, done);
  return p;
}

/** Resolves when no request is in flight (at once when none is). */
export function whenNoRequest(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((r) => waiting.push(r));
}
