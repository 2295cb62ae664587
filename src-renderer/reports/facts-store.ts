/**
 * Keeping the report's facts (facts.ts) current without reading a year of events every time.
 *
 * The first full build reads every mention and event in pages (short transactions, so ingest and
 * the agents are never held up long), checks in one short transaction that nothing slipped between
 * the pages, and stores the columns in `meta`. Later runs read the stored columns (tens of milliseconds for 200,000
 * mentions) and then only the recent window of events (`at` within two days of the newest seen),
 * from the window journal its writers keep (db/window-journal.ts) when it can say, else from the
 * stores: new events are folded in, mentions whose events were deleted (undo) are folded again from
 * scratch. Writes below the window (an old log imported, a replay older than the window, demo
 * history removed) bump the old-writes marker (db/old-writes.ts): when it moved, it builds again.
 * Writes made behind the app's back are caught by a count check run when the screen is idle
 * (factsVerified): when it fails, the next report builds, and the screen asks for one.
 * Topics re-tagged on past mentions are taken from the topic journal (db/topic-changes.ts): only
 * the mentions that changed.
 *
 * This file chooses among memory, storage and a build and hands the facts out; the stored format
 * and the save are facts-save.ts, the build and the fold facts-build.ts, the window read
 * facts-window.ts, the checks and the facts held facts-check.ts (with facts-idle.ts).
 */
import type { EarshotDb } from '../db/schema';
import { addMention, emptyFacts, foldEvent, indexFacts, type Facts, type FactsIndex, type FactsFilter } from './facts';
import { checkedEvents } from '../db/stored-events';
import { readJournalWindow, readWindow, type WindowRead } from './facts-window';
import { writesMark } from '../db/writes-mark';
import { postponeIdle } from './facts-idle';
import { deleteSaved, haveSaved, readHeader, readSaved, saveInBackground, seenOf, type Bookkeeping, type Held, type Stored } from './facts-save';
import { build, fold } from './facts-build';
import { restoreOutcomes } from './outcome-memo';
import { distrust, distrusted, memory, settle, verifyNow } from './facts-check';
import { tellProgress } from './progress';

export { checkPending, factsVerified, saveOutcomesWhenQuiet, setFactsIdleMs } from './facts-check';

export interface Loaded {
  facts: Facts;
  ix: FactsIndex;
  /** How the facts were had: built from scratch, read back and refreshed, or refreshed in memory. */
  how: 'built' | 'stored' | 'memory' | 'range';
  /** Where the time went, in ms (benchmarks): reading the stored facts, indexing them, the refresh. */
  phases?: Record<string, number>;
  /**
   * Whether the facts are current (the old-writes marker did not move). When it resolves false, the
   * caller must not use what it computed: currentFacts builds on the next call. Writes behind the
   * app's back are checked later, when idle (factsVerified).
   */
  checked: Promise<boolean>;
}


/**
 * Work the caller does on facts read back from storage while their window is read (engine.ts: the
 * outcome columns); it must stop soon once `waiting` turns false, and leave the facts unchanged.
 */
export type Meanwhile = (facts: Facts, waiting: () => boolean) => Promise<void>;

const iso = (ms: number): string => new Date(ms).toISOString();
const CHECKED = Promise.resolve(true);

/** The window after `book`'s cutoff, read from the stores (facts-window.ts readWindow; `onKeys`: see there). */
function windowFromStores(db: EarshotDb, book: Bookkeeping, known: (mentionId: string) => boolean, onKeys?: () => void): Promise<WindowRead> {
  const seen = seenOf(book);
  return readWindow(db, book.cutoffMs, seen.ids, known, book.topicsSeen ?? '', seen.at, onKeys);
}

/** The window from the window journal when it can say (one `meta` read: readJournalWindow), else from the stores. */
async function windowAfter(db: EarshotDb, book: Bookkeeping, known: (mentionId: string) => boolean): Promise<WindowRead> {
  return (await readJournalWindow(db, book, known).catch(() => undefined)) ?? windowFromStores(db, book, known);
}

/**
 * The facts of the whole database, as current as the database; built, read back or refreshed. With
 * `early`, read back or refreshed facts come before their checks are in, and `checked` says later
 * whether they held (see Loaded); without, the checks are waited for (and a failed one builds).
 * The checks are the old-writes marker and, unless `counted` is false, a count of every event and
 * mention (0.3-1.5 s at 200,000 mentions), which also catches writes made behind the app's back.
 * The report screen passes `counted: false`: it counts when idle and asks again if need be
 * (factsVerified).
 */
export async function currentFacts(db: EarshotDb, nowMs: number, opts: { early?: boolean; counted?: boolean; meanwhile?: Meanwhile } = {}): Promise<Loaded> {
  const counted = opts.counted ?? true;
  const first = await factsNow(db, nowMs, counted, opts.meanwhile);
  if (opts.early || (await first.checked)) return first;
  return factsNow(db, nowMs, counted);
}

/** `checked` also waits for the count check now, when `counted`. */
async function factsNow(db: EarshotDb, nowMs: number, counted: boolean, meanwhile?: Meanwhile): Promise<Loaded> {
  const loaded = await factsFolded(db, nowMs, meanwhile);
  if (!counted || loaded.how === 'built') return loaded;
  const held = memory.get(db.name);
  const checked = loaded.checked.then(async (ok) => {
    if (!ok || !held || held.stored.facts !== loaded.facts) return ok;
    if (await verifyNow(db, held).catch(() => false)) return true;
    distrust(db.name, held);
    return false;
  });
  return { ...loaded, checked };
}

async function factsFolded(db: EarshotDb, nowMs: number, meanwhile?: Meanwhile): Promise<Loaded> {
  const t0 = performance.now();
  postponeIdle(db.name);
  if (distrusted.delete(db.name)) return builtNow(db, nowMs, t0);
  const mem = memory.get(db.name);
  if (mem) {
    // Nothing written since the window was last read (one key, instead of the window's keys): the
    // facts held are those of the database as the window would find them.
    if (mem.mark !== undefined && (await writesMark(db)) === mem.mark && memory.get(db.name) === mem) {
      return { facts: mem.stored.facts, ix: mem.ix, how: 'memory', phases: { windowMs: performance.now() - t0, unchangedMs: performance.now() - t0 }, checked: CHECKED };
    }
    const w = await windowAfter(db, mem.stored, (id) => mem.ix.row.has(id));
    const t1 = performance.now();
    const r = await fold(db, mem.stored, mem.ix, w, nowMs);
    const checked = settle(db, mem, r, false);
    if (r.next) mem.mark = w.mark;
    return { facts: mem.stored.facts, ix: mem.ix, how: 'memory', phases: { windowMs: t1 - t0, ...w.phases, foldMs: performance.now() - t1 }, checked };
  }
  // The header first (small; IndexedDB answers in the order asked), then what is new since: from the
  // window journal when it can say (one small read, done before the columns are asked for, which
  // IndexedDB would read first), else the window from the stores, asked for before the columns.
  // The window is folded in as soon as the columns are there; the counts come last.
  const header = await readHeader(db);
  const tHeader = performance.now();
  if (header) tellProgress({ step: 'reading-stored' });
  // Mentions with events in the last window were in the facts then; others arriving are read (a
  // known one is skipped by addMention, an unknown one taken for known fails the count check).
  const held = new Set(header?.windowMentions);
  const known = (id: string): boolean => held.has(id);
  const journaled = header ? await readJournalWindow(db, header, known).catch(() => undefined) : undefined;
  let keysIn: () => void = () => undefined;
  const keysRead = new Promise<void>((r) => (keysIn = r));
  let windowRead = journaled ? Promise.resolve(journaled) : header ? windowFromStores(db, header, known, keysIn) : undefined;
  void windowRead?.finally(keysIn).catch(() => undefined);
  const saved = await readSaved(db, header);
  const tBlob = performance.now();
  if (saved) {
    const stored: Stored = saved.stored;
    // The window's next reads asked for before the columns are indexed (tens of milliseconds of this
    // thread, while IndexedDB reads the new events).
    if (windowRead && saved.sameHeader) await keysRead;
    const tKeys = performance.now();
    const ix = indexFacts(stored.facts, saved.stringOrder);
    const tIndex = performance.now();
    // A header of another save than the columns (a save between the two reads): read the window anew.
    if (!saved.sameHeader) {
      windowRead?.catch(() => undefined);
      windowRead = windowAfter(db, stored, (id) => ix.row.has(id));
    }
    const windowDone = windowRead!.catch(() => undefined);
    // The outcome columns stored with these columns (outcome-memo.ts) are taken back if they come
    // before the window: their rows' inputs are the rows as read, so never once the fold changed any.
    let windowIn = false;
    let restored = 0;
    let outcomesInMs = -1;
    const outcomesTaken = saved.outcomes.then((o) => {
      if (windowIn) return;
      outcomesInMs = performance.now() - t0;
      if (o) restored = restoreOutcomes(stored.facts, o);
    });
    // A window from the journal is in before the columns: the outcome columns, asked for right after
    // them, are waited for (they spare "All time" most of its work).
    await (journaled ? outcomesTaken : Promise.race([outcomesTaken, windowDone]));
    // The thread is mostly idle while IndexedDB reads the window: the caller may work on the facts
    // read back meanwhile (work that a fold of the window leaves valid), until the window is in.
    let waiting = true;
    meanwhile?.(stored.facts, () => waiting).catch(() => undefined);
    const w = await windowDone;
    windowIn = true;
    waiting = false;
    if (w) {
      const tWindow = performance.now();
      const arriving = w.arrivals.length;
      if (arriving || w.fresh.length) tellProgress({ step: 'taking-in', mentions: arriving, events: w.fresh.length });
      const kept: Held = { stored, ix, savedTag: saved.tag, rev: 0, ...(restored ? { outcomes: { tag: saved.tag, rows: restored } } : {}) };
      memory.set(db.name, kept);
      const r = await fold(db, stored, ix, w, nowMs);
      if (r.next) kept.mark = w.mark;
      const phases = { headerMs: tHeader - t0, readMs: tBlob - t0, keysWaitMs: tKeys - tBlob, indexMs: tIndex - tKeys, outcomesInMs, outcomesRows: restored, windowMs: tWindow - t0, ...w.phases, foldMs: performance.now() - tWindow };
      return { facts: stored.facts, ix, how: 'stored', phases, checked: settle(db, kept, r, true) };
    }
  }
  return builtNow(db, nowMs, t0);
}

async function builtNow(db: EarshotDb, nowMs: number, t0: number): Promise<Loaded> {
  const built = await build(db, nowMs);
  const ix = indexFacts(built.facts);
  const held: Held = { stored: built, ix, rev: 0 };
  memory.set(db.name, held);
  saveInBackground(db, held);
  return { facts: built.facts, ix, how: 'built', phases: { factsBuildMs: performance.now() - t0 }, checked: CHECKED };
}

/** The facts held in memory for this database, as last handed out (undefined: none). */
export function factsHeld(db: EarshotDb): { facts: Facts; ix: FactsIndex } | undefined {
  const held = memory.get(db.name);
  return held && { facts: held.stored.facts, ix: held.ix };
}

/** Whether facts are at hand without a full build (in memory, or stored). */
export async function haveFacts(db: EarshotDb): Promise<boolean> {
  return memory.has(db.name) || haveSaved(db);
}

/**
 * A short range read straight from its mentions and events, for a first report while no facts are
 * stored yet (the full build then runs in the background).
 */
export async function rangeFacts(db: EarshotDb, r: FactsFilter): Promise<Loaded> {
  const facts = emptyFacts();
  const ix = indexFacts(facts);
  const from = r.fromMs ?? -Infinity;
  const [mentions, events] = await db.transaction('r', [db.mentions, db.events], () =>
    Promise.all([db.mentions.where('dueAt').aboveOrEqual(from).toArray(), db.events.where('at').aboveOrEqual(iso(from - 7 * 86_400_000)).toArray()]),
  );
  for (const m of mentions) addMention(facts, ix, m);
  for (const e of checkedEvents(events, 'the fairness report')) foldEvent(facts, ix, e);
  return { facts, ix, how: 'range', checked: CHECKED };
}

/** As a new session would start: nothing in memory (tests). */
export function forgetFactsInMemory(dbName: string): void {
  memory.delete(dbName);
}

/** Forget the facts (tests, and after the demo history is removed). */
export async function dropFacts(db: EarshotDb): Promise<void> {
  memory.delete(db.name);
  await deleteSaved(db);
}

