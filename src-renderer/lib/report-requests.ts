/**
 * Whether a fairness or voice-of-the-customer request is being worked out. Work that only prepares
 * for later (the inbox's text-search warm-up reads every search row; the SLA tracker's later chunks
 * of ids, db/awaiting-due.ts) waits for none to be, so it does not compete with the report for
 * IndexedDB: when the report screen opens in a new session, the report mostly waited on IndexedDB
 * behind the inbox's startup reads. Pure bookkeeping, no Dexie: in lib, so db/ may use it too.
 *
 * That work also waits a moment after the last request settled (QUIET_MS): a lead who has just seen
 * a report often asks for the next at once (the screen opens on four weeks, then "All time"), and a
 * chunk of it started in between held the second request's first reads up behind it.
 */

/** How long after the last request settled the waiting work may start. */
export const QUIET_MS = 1500;

let inFlight = 0;
/** performance.now() when the last request settled. */
let settledAt = -Infinity;
let waiting: Array<() => void> = [];
let timer: ReturnType<typeof setTimeout> | undefined;

const quietLeft = (): number => settledAt + QUIET_MS - performance.now();

/** Lets the waiting work go once no request is in flight and none settled in the last QUIET_MS. */
function release(): void {
  timer = undefined;
  if (inFlight > 0 || !waiting.length) return;
  const left = quietLeft();
  if (left > 0) {
    timer = setTimeout(release, left);
    return;
  }
  const go = waiting;
  waiting = [];
  for (const w of go) w();
}

/** Counts `p` as in flight until it settles; hands it back unchanged. */
export function trackRequest<T>(p: Promise<T>): Promise<T> {
  inFlight++;
  const done = (): void => {
    inFlight--;
    settledAt = performance.now();
    if (inFlight === 0 && timer === undefined) release();
  };
  p.then(done, done);
  return p;
}

/** Resolves once no request is in flight and none settled in the last QUIET_MS (at once when so). */
export function whenNoRequest(): Promise<void> {
  if (inFlight === 0 && quietLeft() <= 0) return Promise.resolve();
  return new Promise((r) => {
    waiting.push(r);
    if (inFlight === 0 && timer === undefined) release();
  });
}
