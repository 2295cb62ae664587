/**
 * Keeping the report's facts (facts.ts) current without reading a year of events every time.
 *
 * The first full build reads every mention and event in pages (short transactions, so ingest and
 * the agents are never held up long), checks in one short transaction that nothing slipped between
 * the pages, and stores the columns in `meta`. Later runs read the stored columns (tens of milliseconds for 200,000
 * mentions) and then only the recent window of events (`at` within two days of the newest seen):
 * new events are folded in, mentions whose events were deleted (undo) are folded again from
 * scratch. Writes below the window (an old log imported, a replay older than the window, demo
 * history removed) bump the old-writes marker (db/old-writes.ts): when it moved, it builds again.
 * Writes made behind the app's back are caught by a count check run when the screen is idle
 * (factsVerified): when it fails, the next report builds, and the screen asks for one.
 * Topics re-tagged on past mentions are taken from the topic journal (db/topic-changes.ts): only
 * the mentions that changed.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { lastTopicChange } from '../db/topic-changes';
import { deleteMeta, getMeta, metaKey, putMeta, record } from '../db/meta';
import { addMention, clearFolded, emptyFacts, foldEvent, indexFacts, setTopics, trimmed, type Facts, type FactsIndex, type FactsFilter } from './facts';
import { checkedEvents } from '../db/stored-events';
import { countCheck, readWindow, type WindowRead } from './facts-window';
import { oldWritesSeq } from '../db/old-writes';
import { idlePending, idleVerdict, postponeIdle, setIdleMs, whenIdle } from './facts-idle';

// 2: the followUp column; 3: the group columns (lang, source, handle, topics, sentiment);
// 4: ids stored as one joined string, the bookkeeping also apart (the header) under the same tag.
const VERSION = 4;
const WINDOW_SLACK_MS = 2 * 86_400_000;
const PAGE = 10_000;
/** Never inside a mention id. */
const SEP = '\u0000';

/** What the refresh needs besides the columns; stored apart too, so it is read before them. */
interface Bookkeeping {
  /** Events with `at` after this were in the last window read. */
  cutoffMs: number;
  /** Those events' ids, and the mentions they belong to (so a deleted one can be traced). */
  windowIds: string[];
  windowMentions: string[];
  /** Those events' times (epoch ms): with them the next window read needs no walk of the `at` index (absent: a save from before them). */
  windowAt?: number[];
  events: number;
  mentions: number;
  savedAt: string;
  /** The last entry of the topic journal taken in ('' or absent: none). */
  topicsSeen?: string;
  /** The old-writes marker the facts are current with (absent: a save from before it, read as 0). */
  oldWrites?: number;
}

interface Stored extends Bookkeeping {
  version: number;
  facts: Facts;
}

/** As stored: the ids joined (one string to clone instead of 200,000), a tag shared with the header. */
interface StoredBlob extends Bookkeeping {
  version: number;
  tag: string;
  facts: Omit<Facts, 'ids'> & { ids: string };
}

interface StoredHeader extends Bookkeeping {
  version: number;
  tag: string;
  /**
   * The tag of the columns this bookkeeping goes with, when the header was saved alone (the facts had
   * not changed, only the window moved with the clock); absent: the header's own tag.
   */
  factsTag?: string;
}

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

const isBookkeeping = (v: Record<string, unknown>): boolean =>
  typeof v.cutoffMs === 'number' && Array.isArray(v.windowIds) && Array.isArray(v.windowMentions) && typeof v.events === 'number' && typeof v.mentions === 'number' && typeof v.tag === 'string';

/** A stored cache of another version, or without its columns, reads as none: the report builds again. */
const FACTS = metaKey<StoredBlob>('reportFacts', (raw) => {
  const v = record(raw);
  const facts = record(v?.facts);
  return v && v.version === VERSION && isBookkeeping(v) && facts && typeof facts.n === 'number' && typeof facts.ids === 'string' && Array.isArray(facts.strings) ? (v as unknown as StoredBlob) : undefined;
});

const HEADER = metaKey<StoredHeader>('reportFactsHeader', (raw) => {
  const v = record(raw);
  return v && v.version === VERSION && isBookkeeping(v) ? (v as unknown as StoredHeader) : undefined;
});

/**
 * Facts held in memory. `savedTag`: the tag of the stored columns equal to these facts (the next save
 * writes the header alone); undefined when they changed since, or were never saved. `rev` counts the
 * changes, so a save that finishes after another change does not claim to be current.
 */
interface Held {
  stored: Stored;
  ix: FactsIndex;
  savedTag?: string;
  rev: number;
}

const memory = new Map<string, Held>();
/** Databases whose last count check failed: the next call builds without trying the cache. */
const distrusted = new Set<string>();
const iso = (ms: number): string => new Date(ms).toISOString();
const CHECKED = Promise.resolve(true);

/** A window's events as the bookkeeping keeps them: ids, times, mentions. */
interface WindowKeys {
  ids: readonly string[];
  atMs: readonly number[];
  mentions: readonly string[];
}

const keysOf = (win: readonly EventRecord[]): WindowKeys => ({ ids: win.map((e) => e.id), atMs: win.map((e) => Date.parse(e.at)), mentions: win.map((e) => e.mentionId ?? '') });

function bookkeeping(w: WindowKeys, counts: { events: number; mentions: number }, prevCutoff: number, nowMs: number): Pick<Bookkeeping, 'cutoffMs' | 'windowIds' | 'windowMentions' | 'windowAt' | 'events' | 'mentions'> {
  let newest = -Infinity;
  for (const a of w.atMs) newest = Math.max(newest, a);
  newest = Math.min(newest, nowMs);
  const cutoffMs = Math.max(prevCutoff, Number.isFinite(newest) ? newest - WINDOW_SLACK_MS : prevCutoff);
  const windowIds: string[] = [];
  const windowMentions: string[] = [];
  const windowAt: number[] = [];
  w.ids.forEach((id, k) => {
    if (w.atMs[k]! <= cutoffMs) return;
    windowIds.push(id);
    windowMentions.push(w.mentions[k]!);
    windowAt.push(w.atMs[k]!);
  });
  return { cutoffMs, windowIds, windowMentions, windowAt, events: counts.events, mentions: counts.mentions };
}

/** Reads the window after the cutoff and the counts, together; the caller runs this inside a transaction. */
async function readWindowNow(db: EarshotDb, cutoffMs: number): Promise<{ win: EventRecord[]; events: number; mentions: number }> {
  const [events, mentions, win] = await Promise.all([db.events.count(), db.mentions.count(), db.events.where('at').above(iso(cutoffMs)).toArray()]);
  return { win, events, mentions };
}

/** Reads a table in pages by primary key, each page its own short transaction (writers wait little). */
async function readPages<T extends { id?: string; key?: string }>(page: (after: string | undefined) => Promise<T[]>, each: (rows: T[]) => void): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const rows = await page(after);
    each(rows);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = (last.id ?? last.key)!;
  }
}

/**
 * Every mention and every event, read in pages so that ingest and the agents' actions are never held
 * up for long; then one short transaction checks that nothing slipped between the pages (every event
 * counted is one that was read, or is in the recent window read now). If something did, it reads
 * again.
 */
async function build(db: EarshotDb, nowMs: number): Promise<Stored> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // Re-tags after this point are taken in later (again, for mentions read after them: no harm).
    const topicsSeen = await lastTopicChange(db);
    const facts = emptyFacts(Math.max(1024, await db.mentions.count()));
    const ix = indexFacts(facts);
    await readPages(
      (after) => (after === undefined ? db.mentions.limit(PAGE).toArray() : db.mentions.where(':id').above(after).limit(PAGE).toArray()),
      (rows: MentionRecord[]) => rows.forEach((m) => addMention(facts, ix, m)),
    );
    const start = nowMs - WINDOW_SLACK_MS;
    let read = 0;
    const recent = new Set<string>();
    await readPages(
      (after) => (after === undefined ? db.events.limit(PAGE).toArray() : db.events.where(':id').above(after).limit(PAGE).toArray()),
      (rows: EventRecord[]) => {
        read += rows.length;
        for (const e of rows) if (Date.parse(e.at) > start) recent.add(e.id);
        // Counted above as read (the count check below is of rows), folded only when well-formed.
        for (const e of checkedEvents(rows, 'the fairness report')) foldEvent(facts, ix, e);
      },
    );
    const checked = await db.transaction('r', [db.mentions, db.events, db.meta], async () => {
      const [w, oldWrites] = await Promise.all([readWindowNow(db, start), oldWritesSeq(db)]);
      const extra = w.win.filter((e) => !recent.has(e.id));
      // Every event there is now was read, or came after and is recent; anything else slipped by.
      if (w.events !== read + extra.length) return undefined;
      const arrivals = extra.filter((e) => e.type === 'mention' && e.mentionId && !ix.row.has(e.mentionId));
      (await db.mentions.bulkGet(arrivals.map((e) => e.mentionId!))).forEach((m, k) => m && addMention(facts, ix, m, Date.parse(arrivals[k]!.at)));
      if (w.mentions !== facts.n) return undefined;
      for (const e of checkedEvents(w.win, 'the fairness report')) foldEvent(facts, ix, e);
      return { version: VERSION, facts, ...bookkeeping(keysOf(w.win), w, start, nowMs), savedAt: iso(nowMs), topicsSeen, oldWrites };
    });
    if (checked) return checked;
  }
  throw new Error('the database kept changing while the report read it; try again in a moment');
}

/**
 * Folds a window read (facts-window.ts) into stored facts: the arrivals, the new events, and the
 * mentions whose events were deleted (undo) folded again from all their events. Returns the next
 * bookkeeping (undefined: the old-writes marker moved, something changed below the window: build
 * again), and whether anything new was folded in (no need to store the facts again: a write of
 * every column). The counts it keeps are the ones expected if nothing changed below the window; the
 * idle count check (verifyNow) compares them with the database.
 */
async function fold(db: EarshotDb, s: Stored, ix: FactsIndex, w: WindowRead, nowMs: number): Promise<{ next: Stored | undefined; changed: boolean }> {
  // A save from before the marker counts as 0 (never bumped); the idle count check covers the rest.
  if (w.oldWrites !== (s.oldWrites ?? 0)) return { next: undefined, changed: false };
  const f = s.facts;
  // Topics re-tagged since the facts last looked, read in the same transaction as the arrivals and
  // set after they are added (so an arrival gets any newer ones).
  const journal = w.journal;
  for (const a of w.arrivals) if (a.record) addMention(f, ix, a.record, a.atMs);
  const n = f.n;
  const now = new Set(w.ids);
  const fresh = w.fresh;
  const gone = s.windowIds.flatMap((id, k) => (now.has(id) ? [] : [s.windowMentions[k]!]));
  if (gone.length) {
    // An undo deleted events: fold the mentions it touched again from all their events.
    const affected = new Set(gone.filter(Boolean));
    f.skips = f.skips.filter((k) => !affected.has(k.mentionId));
    ix.skipIds = new Set(f.skips.map((k) => k.id));
    for (const id of affected) {
      const i = ix.row.get(id);
      if (i !== undefined) clearFolded(f, i);
    }
    for (const e of checkedEvents(await db.events.where('mentionId').anyOf([...affected]).toArray(), 'the fairness report')) if (e.type !== 'mention') foldEvent(f, ix, e);
  }
  for (const e of checkedEvents(fresh, 'the fairness report')) foldEvent(f, ix, e);
  const retagged = journal.last !== (s.topicsSeen ?? '');
  for (const [id, t] of journal.topics) {
    const i = ix.row.get(id);
    if (i !== undefined) setTopics(f, ix, i, t);
  }
  const windowBefore = s.windowIds.length;
  const mentionOf = new Map(s.windowIds.map((id, k) => [id, s.windowMentions[k]!] as const));
  for (const e of fresh) mentionOf.set(e.id, e.mentionId ?? '');
  const keys = { ids: w.ids, atMs: w.atMs, mentions: w.ids.map((id) => mentionOf.get(id) ?? '') };
  const expected = { events: s.events - windowBefore + w.ids.length, mentions: n };
  const next = { ...s, facts: f, ...bookkeeping(keys, expected, s.cutoffMs, nowMs), savedAt: iso(nowMs), topicsSeen: journal.last, oldWrites: w.oldWrites };
  return { next, changed: fresh.length > 0 || gone.length > 0 || retagged };
}

/** The bookkeeping fields alone (a header carries its tags besides). */
function bookOf(b: Bookkeeping): Bookkeeping {
  const { cutoffMs, windowIds, windowMentions, windowAt, events, mentions, savedAt, topicsSeen, oldWrites } = b;
  return { cutoffMs, windowIds, windowMentions, ...(windowAt ? { windowAt } : {}), events, mentions, savedAt, ...(topicsSeen !== undefined ? { topicsSeen } : {}), ...(oldWrites !== undefined ? { oldWrites } : {}) };
}

/** The window's events as seen last, and their times when they were kept (see readWindow). */
function seenOf(b: Bookkeeping): { ids: Set<string>; at: Map<string, number> | undefined } {
  const at = b.windowAt?.length === b.windowIds.length ? new Map(b.windowIds.map((id, k) => [id, b.windowAt![k]!] as const)) : undefined;
  return { ids: new Set(b.windowIds), at };
}

function pack(s: Stored, tag: string): { blob: StoredBlob; header: StoredHeader } {
  const t = trimmed(s.facts);
  const book = bookOf(s);
  return { blob: { ...book, version: VERSION, tag, facts: { ...t, ids: t.ids.join(SEP) } }, header: { ...book, version: VERSION, tag } };
}

function unpack(b: StoredBlob): Stored {
  const { tag: _tag, facts, ...book } = b;
  return { ...book, version: VERSION, facts: { ...facts, ids: facts.ids === '' ? [] : facts.ids.split(SEP) } };
}

const newTag = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * Both keys in one transaction, under one new tag: a reader that gets one of each notices. When the
 * stored columns are those of the facts held (only the window moved: a new session, the clock), the
 * header alone, naming the columns' tag: rewriting 20 MB of unchanged columns at 200,000 mentions
 * took 0.4 s and held up the next request.
 */
async function save(db: EarshotDb, held: Held): Promise<void> {
  const s = held.stored;
  const tag = newTag();
  const rev = held.rev;
  if (held.savedTag !== undefined) {
    await putMeta(db, HEADER, { ...bookOf(s), version: VERSION, tag, factsTag: held.savedTag });
    return;
  }
  const { blob, header } = pack(s, tag);
  await db.transaction('rw', db.meta, async () => {
    await putMeta(db, FACTS, blob);
    await putMeta(db, HEADER, header);
  });
  if (held.rev === rev) held.savedTag = tag;
}

/**
 * Saves the cache without holding up the report. The cache only saves time: when a save fails
 * (storage full, the database closing) the report is still right, the failure is logged, and the
 * next session reads back the older copy (the count check rebuilds it if it no longer fits) or builds.
 */
function saveInBackground(db: EarshotDb, held: Held): void {
  save(db, held).catch((e: unknown) => console.error('earshot: the report cache could not be saved; the next report reads the database again', e));
}

/**
 * Every event and mention counted against what the facts expect. A window that moved since (new
 * events the next report folds in) proves nothing either way: that report checks again.
 */
async function verifyNow(db: EarshotDb, held: Held): Promise<boolean> {
  const s = held.stored;
  const c = await countCheck(db, s.cutoffMs);
  const before = new Set(s.windowIds);
  if (c.ids.length !== before.size || c.ids.some((id) => !before.has(id))) return true;
  return c.events === s.events && c.mentions === s.facts.n;
}

/**
 * Resolves once the idle count check of the facts last handed out is done: false when it found a
 * write the facts missed (made behind the app's back; the next report builds). True at once when
 * no check is pending.
 */
export const factsVerified = (db: EarshotDb): Promise<boolean> => idleVerdict(db.name);

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

/**
 * Ends a refresh: keeps the facts and, once the screen is idle, saves them and counts; or forgets
 * them (the next call builds).
 */
function settle(db: EarshotDb, held: Held, r: { next: Stored | undefined; changed: boolean }, fromStorage: boolean): Promise<boolean> {
  const next = r.next;
  if (!next) {
    if (memory.get(db.name) === held) memory.delete(db.name);
    distrusted.add(db.name);
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

/**
 * The facts of the whole database, as current as the database; built, read back or refreshed. With
 * `early`, read back or refreshed facts come before their checks are in, and `checked` says later
 * whether they held (see Loaded); without, the checks are waited for (and a failed one builds).
 * The checks are the old-writes marker and, unless `counted` is false, a count of every event and
 * mention (0.3-1.5 s at 200,000 mentions), which also catches writes made behind the app's back.
 * The report screen passes `counted: false`: it counts when idle and asks again if need be
 * (factsVerified).
 */
export async function currentFacts(db: EarshotDb, nowMs: number, opts: { early?: boolean; counted?: boolean } = {}): Promise<Loaded> {
  const counted = opts.counted ?? true;
  const first = await factsNow(db, nowMs, counted);
  if (opts.early || (await first.checked)) return first;
  return factsNow(db, nowMs, counted);
}

/** `checked` also waits for the count check now, when `counted`. */
async function factsNow(db: EarshotDb, nowMs: number, counted: boolean): Promise<Loaded> {
  const loaded = await factsFolded(db, nowMs);
  if (!counted || loaded.how === 'built') return loaded;
  const held = memory.get(db.name);
  const checked = loaded.checked.then(async (ok) => {
    if (!ok || !held || held.stored.facts !== loaded.facts) return ok;
    if (await verifyNow(db, held).catch(() => false)) return true;
    if (memory.get(db.name) === held) memory.delete(db.name);
    distrusted.add(db.name);
    return false;
  });
  return { ...loaded, checked };
}

async function factsFolded(db: EarshotDb, nowMs: number): Promise<Loaded> {
  const t0 = performance.now();
  postponeIdle(db.name);
  if (distrusted.delete(db.name)) return builtNow(db, nowMs, t0);
  const mem = memory.get(db.name);
  if (mem) {
    const seen = seenOf(mem.stored);
    const w = await readWindow(db, mem.stored.cutoffMs, seen.ids, (id) => mem.ix.row.has(id), mem.stored.topicsSeen ?? '', seen.at);
    const t1 = performance.now();
    const r = await fold(db, mem.stored, mem.ix, w, nowMs);
    return { facts: mem.stored.facts, ix: mem.ix, how: 'memory', phases: { windowMs: t1 - t0, foldMs: performance.now() - t1 }, checked: settle(db, mem, r, false) };
  }
  // The header first (small; IndexedDB answers in the order asked), then the window is asked for,
  // then the columns: the window is folded in as soon as they are there, the counts come last.
  const header = await getMeta(db, HEADER);
  const tHeader = performance.now();
  // Mentions with events in the last window were in the facts then; others arriving are read (a
  // known one is skipped by addMention, an unknown one taken for known fails the count check).
  const held = new Set(header?.windowMentions);
  const headerSeen = header && seenOf(header);
  let windowRead = header && headerSeen ? readWindow(db, header.cutoffMs, headerSeen.ids, (id) => held.has(id), header.topicsSeen ?? '', headerSeen.at) : undefined;
  const blob = await getMeta(db, FACTS);
  const tBlob = performance.now();
  if (blob) {
    // The header goes with these columns when saved with them (same tag) or alone after them
    // (factsTag): its bookkeeping is then the newer one, and the window read is already asked for.
    const matches = header !== undefined && (header.factsTag ?? header.tag) === blob.tag;
    const stored: Stored = matches ? { ...unpack(blob), ...bookOf(header) } : unpack(blob);
    const ix = indexFacts(stored.facts);
    const tIndex = performance.now();
    // A header of another save than the columns (a save between the two reads): read the window anew.
    if (!matches) {
      windowRead?.catch(() => undefined);
      const seen = seenOf(stored);
      windowRead = readWindow(db, stored.cutoffMs, seen.ids, (id) => ix.row.has(id), stored.topicsSeen ?? '', seen.at);
    }
    const w = await windowRead!.catch(() => undefined);
    if (w) {
      const tWindow = performance.now();
      const kept: Held = { stored, ix, savedTag: blob.tag, rev: 0 };
      memory.set(db.name, kept);
      const r = await fold(db, stored, ix, w, nowMs);
      const phases = { headerMs: tHeader - t0, readMs: tBlob - t0, indexMs: tIndex - tBlob, windowMs: tWindow - t0, foldMs: performance.now() - tWindow };
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

/** Whether facts are at hand without a full build (in memory, or stored). */
export async function haveFacts(db: EarshotDb): Promise<boolean> {
  // The header, saved and deleted with the columns: reading the columns to see they exist took 0.2-0.5 s.
  return memory.has(db.name) || (await getMeta(db, HEADER)) !== undefined;
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
  await deleteMeta(db, FACTS);
  await deleteMeta(db, HEADER);
}
