/**
 * Work on the report's facts that waits until the report screen has been idle for a while (no
 * report asked for): storing the facts again after a fold (a write of every column, 20 MB at
 * 200,000 mentions) and the count check of every event and mention (facts-store.ts). Either one
 * holds up IndexedDB for a good part of a second; run between two reports a lead asks for in a row,
 * it made the second one wait. Per database name; pure timers, no Dexie.
 */

interface Idle {
  timer?: ReturnType<typeof setTimeout>;
  save?: () => void;
  verify?: () => Promise<boolean>;
  /** Who waits for the check's verdict. */
  waiting: Array<(ok: boolean) => void>;
  /** Small work waiting for a short quiet (whenQuiet), by its slot, and the timer. */
  quietTimer?: ReturnType<typeof setTimeout>;
  quiet: Map<string, () => void>;
}

const idle = new Map<string, Idle>();
/** How long no report may be asked for before the work runs. */
let idleMs = 5000;

export function setIdleMs(ms: number): void {
  idleMs = ms;
}

function idleOf(name: string): Idle {
  let d = idle.get(name);
  if (!d) idle.set(name, (d = { waiting: [], quiet: new Map() }));
  return d;
}

/** Queues the save and the check (the newest of each replaces one waiting) and starts the wait again. */
export function whenIdle(name: string, work: { save?: () => void; verify?: () => Promise<boolean> }): void {
  const d = idleOf(name);
  if (work.save) d.save = work.save;
  if (work.verify) d.verify = work.verify;
  if (d.timer !== undefined) clearTimeout(d.timer);
  d.timer = setTimeout(() => void run(name), idleMs);
}

/** How long no report may be asked for before small work (whenQuiet) runs. */
const QUIET_MS = 1000;

/**
 * Queues small work (a few MB written: the outcome columns, facts-check.ts; the intervals,
 * intervals-store.ts) for once no report was asked for QUIET_MS, the newest in its `slot`
 * replacing one waiting there: sooner than the save of every column, so that a lead who closes the
 * app a few seconds after the last report still leaves it stored.
 */
export function whenQuiet(name: string, work: () => void, slot = 'outcomes'): void {
  const d = idleOf(name);
  d.quiet.set(slot, work);
  armQuiet(d, name);
}

/** (Re)starts the wait for quiet. */
function armQuiet(d: Idle, name: string): void {
  if (d.quietTimer !== undefined) clearTimeout(d.quietTimer);
  d.quietTimer = setTimeout(() => runQuiet(name), Math.min(QUIET_MS, idleMs));
}

function runQuiet(name: string): void {
  const d = idleOf(name);
  const works = [...d.quiet.values()];
  d.quietTimer = undefined;
  d.quiet.clear();
  for (const work of works) work();
}

/** A report is being asked for: the work waiting waits again. */
export function postponeIdle(name: string): void {
  const d = idle.get(name);
  if (d?.quietTimer !== undefined) armQuiet(d, name);
  if (d?.timer === undefined) return;
  clearTimeout(d.timer);
  d.timer = setTimeout(() => void run(name), idleMs);
}

async function run(name: string): Promise<void> {
  const d = idleOf(name);
  d.timer = undefined;
  const { save, verify } = d;
  d.save = undefined;
  d.verify = undefined;
  save?.();
  const ok = verify ? await verify() : true;
  // Whoever waits hears the verdict once nothing else is queued (a newer check answers them later).
  if (d.timer === undefined) for (const w of d.waiting.splice(0)) w(ok);
}

/** The work waiting runs now, without waiting for idle (a caller needs the check's verdict now). */
export function runIdleNow(name: string): void {
  const d = idle.get(name);
  if (d?.timer === undefined) return;
  clearTimeout(d.timer);
  void run(name);
}

/** Whether work is waiting for the screen to be idle. */
export function idlePending(name: string): boolean {
  return idle.get(name)?.timer !== undefined;
}

/** The verdict of the check waiting (true at once when none is). */
export function idleVerdict(name: string): Promise<boolean> {
  const d = idle.get(name);
  if (!d || d.timer === undefined) return Promise.resolve(true);
  return new Promise((r) => d.waiting.push(r));
}
