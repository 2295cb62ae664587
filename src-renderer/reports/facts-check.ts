/**
 * Whether the report's facts held in memory are still those of the database, and what is done
 * about it: the facts held per database, the databases whose check failed (the next call builds),
 * the count check of every event and mention (run when the report screen is idle, facts-idle.ts,
 * as a check on writes made behind the app's back), and the save that waits for idle too.
 */
import type { EarshotDb } from '../db/schema';
import { countCheck } from './facts-window';
import { writesMark } from '../db/writes-mark';
import { idlePending, idleVerdict, runIdleNow, setIdleMs, whenIdle, whenQuiet } from './facts-idle';
import { saveInBackground, saveOutcomesInBackground, type Held, type Stored } from './facts-save';

export const memory = new Map<string, Held>();
/** Databases whose last count check failed: the next call builds without trying the cache. */
export const distrusted = new Set<string>();

/** The held facts no longer fit the database: forgotten, and the next call builds. */
export function distrust(dbName: string, held?: Held): void {
  if (held === undefined || memory.get(dbName) === held) memory.delete(dbName);
  distrusted.add(dbName);
}

/**
 * Every event and mention counted against what the facts expect. A window that moved since proves
 * nothing either way when it moved through EarshotDb (the writes mark moved: new events the next
 * report folds in, and checks again). When the mark did not move, the window was written behind
 * the app's back, and the window journal (db/window-journal.ts) the facts took it from does not
 * have those writes either: the facts do not stand, and the next report builds.
 */
export async function verifyNow(db: EarshotDb, held: Held): Promise<boolean> {
  const s = held.stored;
  const c = await countCheck(db, s.cutoffMs);
  const before = new Set(s.windowIds);
  if (c.ids.length !== before.size || c.ids.some((id) => !before.has(id))) {
    return held.mark === undefined || (await writesMark(db)) !== held.mark;
  }
  return c.events === s.events && c.mentions === s.facts.n;
}

/**
 * Resolves once the idle count check of the facts last handed out is done: false when it found a
 * write the facts missed (made behind the app's back; the next report builds). True at once when
 * no check is pending. With `now`, a pending check runs at once instead of waiting for idle (a
 * caller that must not show unchecked figures, such as a drill-down to the mentions behind one).
 */
export function factsVerified(db: EarshotDb, opts: { now?: boolean } = {}): Promise<boolean> {
  // A check failed since (the facts are forgotten, the next call builds): they did not stand.
  if (distrusted.has(db.name)) return Promise.resolve(false);
  const verdict = idleVerdict(db.name);
  if (opts.now) runIdleNow(db.name);
  return verdict;
}

/** Whether an idle count check (or save) is waiting. */
export const checkPending = (db: EarshotDb): boolean => idlePending(db.name);

/** Tests: how long the report screen must be idle before the save and the count check run. */
export const setFactsIdleMs = setIdleMs;

/** Once idle: the save, then the count check; a failed check forgets the facts (the next call builds). */
function saveAndVerifyWhenIdle(db: EarshotDb, held: Held, save: boolean): void {
  const facts = held.stored.facts;
  whenIdle(db.name, {
    // What is held when the screen is idle: the newest bookkeeping, and the columns only if changed.
    ...(save ? { save: () => saveInBackground(db, held) } : {}),
    verify: async () => {
      const ok = await verifyNow(db, held).catch(() => true);
      if (!ok) {
        if (memory.get(db.name)?.stored.facts === facts) memory.delete(db.name);
        distrusted.add(db.name);
      }
      return ok;
    },
  });
}

/** Stored outcome columns covering this share of the rows are left as they are. */
const OUTCOMES_COVERED = 0.98;

/**
 * After a report: once no report was asked for a moment (whenQuiet), the outcome columns it worked
 * out are stored with the stored columns (facts-save.ts decides whether they are worth it), unless
 * those stored already cover most rows. Facts that changed since their columns were stored are
 * saved in full when idle, their outcome columns with them.
 */
export function saveOutcomesWhenQuiet(db: EarshotDb): void {
  const held = memory.get(db.name);
  if (!held) return;
  if (held.savedTag !== undefined && held.outcomes?.tag === held.savedTag && held.outcomes.rows >= held.stored.facts.n * OUTCOMES_COVERED) return;
  whenQuiet(db.name, () => {
    if (memory.get(db.name) === held) saveOutcomesInBackground(db, held);
  });
}


/**
 * Ends a refresh: keeps the facts and, once the screen is idle, saves them and counts; or forgets
 * them (the next call builds).
 */
export function settle(db: EarshotDb, held: Held, r: { next: Stored | undefined; changed: boolean }, fromStorage: boolean): Promise<boolean> {
  const next = r.next;
  if (!next) {
    distrust(db.name, held);
    return Promise.resolve(false);
  }
  const before = held.stored;
  held.stored = next;
  if (r.changed) {
    held.rev++;
    held.savedTag = undefined;
  }
  const save = r.changed || next.cutoffMs !== before.cutoffMs || next.windowIds.length !== before.windowIds.length || next.windowAt?.length !== before.windowAt?.length;
  if (save || fromStorage) saveAndVerifyWhenIdle(db, held, save);
  return Promise.resolve(true);
}

