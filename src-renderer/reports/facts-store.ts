/**
 * Keeping the report's facts (facts.ts) current without reading a year of events every time.
 *
 * The first full build reads every mention and event in pages (short transactions, so ingest and
 * the agents are never held up long), checks in one short transaction that nothing slipped between
 * the pages, and stores the columns in `meta`. Later runs read the stored columns (tens of milliseconds for 200,000
 * mentions) and then only the recent window of events (`at` within two days of the newest seen):
 * new events are folded in, mentions whose events were deleted (undo) are folded again from
 * scratch. A count check proves nothing changed below the window; when it fails (an old log was
 * imported, a replay older than the window arrived, demo history was removed), it builds again.
 * Topics re-tagged on past mentions are taken from the topic journal (db/topic-changes.ts): only
 * the mentions that changed.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { lastTopicChange, topicChangesAfter } from '../db/topic-changes';
import { deleteMeta, getMeta, hasMeta, metaKey, putMeta, record } from '../db/meta';
import { addMention, clearFolded, emptyFacts, foldEvent, indexFacts, setTopics, trimmed, type Facts, type FactsIndex, type FactsFilter } from './facts';
import { checkedEvents } from '../db/stored-events';

const VERSION = 3; // 2: the followUp column; 3: the group columns (lang, source, handle, topics, sentiment)
const WINDOW_SLACK_MS = 2 * 86_400_000;
const PAGE = 10_000;

interface Stored {
  version: number;
  facts: Facts;
  /** Events with `at` after this were in the last window read. */
  cutoffMs: number;
  /** Those events' ids, and the mentions they belong to (so a deleted one can be traced). */
  windowIds: string[];
  windowMentions: string[];
  events: number;
  mentions: number;
  savedAt: string;
  /** The last entry of the topic journal taken in ('' or absent: none). */
  topicsSeen?: string;
}

export interface Loaded {
  facts: Facts;
  ix: FactsIndex;
  /** How the facts were had: built from scratch, read back and refreshed, or refreshed in memory. */
  how: 'built' | 'stored' | 'memory' | 'range';
  /** Where the time went, in ms (benchmarks): reading the stored facts, indexing them, the refresh. */
  phases?: Record<string, number>;
}

/** A stored cache of another version, or without its columns, reads as none: the report builds again. */
const FACTS = metaKey<Stored>('reportFacts', (raw) => {
  const v = record(raw);
  const facts = record(v?.facts);
  return v && v.version === VERSION && facts && typeof facts.n === 'number' && Array.isArray(facts.strings) ? (v as unknown as Stored) : undefined;
});

const memory = new Map<string, { stored: Stored; ix: FactsIndex }>();
const iso = (ms: number): string => new Date(ms).toISOString();

function maxAt(events: readonly EventRecord[]): number {
  let m = -Infinity;
  for (const e of events) m = Math.max(m, Date.parse(e.at));
  return m;
}

/** Reads the window after the cutoff and the counts; the caller runs this inside a transaction. */
async function readWindow(db: EarshotDb, cutoffMs: number): Promise<{ win: EventRecord[]; events: number; mentions: number }> {
  const [events, mentions, win] = await Promise.all([db.events.count(), db.mentions.count(), db.events.where('at').above(iso(cutoffMs)).toArray()]);
  return { win, events, mentions };
}

function bookkeeping(facts: Facts, win: readonly EventRecord[], counts: { events: number; mentions: number }, prevCutoff: number, nowMs: number): Omit<Stored, 'facts' | 'version' | 'savedAt'> {
  const newest = Math.min(maxAt(win), nowMs);
  const cutoffMs = Math.max(prevCutoff, Number.isFinite(newest) ? newest - WINDOW_SLACK_MS : prevCutoff);
  const kept = win.filter((e) => Date.parse(e.at) > cutoffMs);
  return { cutoffMs, windowIds: kept.map((e) => e.id), windowMentions: kept.map((e) => e.mentionId ?? ''), events: counts.events, mentions: counts.mentions };
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
    const checked = await db.transaction('r', [db.mentions, db.events], async () => {
      const w = await readWindow(db, start);
      const extra = w.win.filter((e) => !recent.has(e.id));
      // Every event there is now was read, or came after and is recent; anything else slipped by.
      if (w.events !== read + extra.length) return undefined;
      const arrivals = extra.filter((e) => e.type === 'mention' && e.mentionId && !ix.row.has(e.mentionId));
      (await db.mentions.bulkGet(arrivals.map((e) => e.mentionId!))).forEach((m, k) => m && addMention(facts, ix, m, Date.parse(arrivals[k]!.at)));
      if (w.mentions !== facts.n) return undefined;
      for (const e of checkedEvents(w.win, 'the fairness report')) foldEvent(facts, ix, e);
      return { version: VERSION, facts, ...bookkeeping(facts, w.win, w, start, nowMs), savedAt: iso(nowMs), topicsSeen };
    });
    if (checked) return checked;
  }
  throw new Error('the database kept changing while the report read it; try again in a moment');
}

/**
 * Brings stored facts up to date; undefined when they cannot be (build again). `changed` is false
 * when nothing new was folded in (no need to store them again: a write of every column).
 */
async function refresh(db: EarshotDb, s: Stored, ix: FactsIndex, nowMs: number): Promise<{ next: Stored; changed: boolean } | undefined> {
  return db.transaction('r', [db.mentions, db.events], async () => {
    const w = await readWindow(db, s.cutoffMs);
    if (w.events - w.win.length !== s.events - s.windowIds.length) return undefined;
    const seen = new Set(s.windowIds);
    const now = new Set(w.win.map((e) => e.id));
    const fresh = w.win.filter((e) => !seen.has(e.id));
    const f = s.facts;
    const arrivals = fresh.filter((e) => e.type === 'mention' && e.mentionId && !ix.row.has(e.mentionId));
    const records = await db.mentions.bulkGet(arrivals.map((e) => e.mentionId!));
    records.forEach((m, k) => m && addMention(f, ix, m, Date.parse(arrivals[k]!.at)));
    if (w.mentions !== f.n) return undefined;
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
    const next = { ...s, facts: f, ...bookkeeping(f, w.win, w, s.cutoffMs, nowMs), savedAt: iso(nowMs) };
    const changed = fresh.length > 0 || gone.length > 0 || next.cutoffMs !== s.cutoffMs || next.windowIds.length !== s.windowIds.length;
    return { next, changed };
  });
}

/**
 * Takes in the topics re-tagged since the facts last looked (before the refresh, so a mention that
 * arrives in it comes with topics at least as new). Whether any were.
 */
async function takeTopics(db: EarshotDb, s: Stored, ix: FactsIndex): Promise<boolean> {
  const { last, topics } = await topicChangesAfter(db, s.topicsSeen ?? '');
  if (last === (s.topicsSeen ?? '')) return false;
  for (const [id, t] of topics) {
    const i = ix.row.get(id);
    if (i !== undefined) setTopics(s.facts, ix, i, t);
  }
  s.topicsSeen = last;
  return true;
}

async function readStored(db: EarshotDb): Promise<Stored | undefined> {
  return getMeta(db, FACTS);
}

async function save(db: EarshotDb, s: Stored): Promise<void> {
  await putMeta(db, FACTS, { ...s, facts: trimmed(s.facts) });
}

/**
 * Saves the cache without holding up the report. The cache only saves time: when a save fails
 * (storage full, the database closing) the report is still right, the failure is logged, and the
 * next session reads back the older copy (the count check rebuilds it if it no longer fits) or builds.
 */
function saveInBackground(db: EarshotDb, s: Stored): void {
  save(db, s).catch((e: unknown) => console.error('earshot: the report cache could not be saved; the next report reads the database again', e));
}

/** The facts of the whole database, as current as the database; built, read back or refreshed. */
export async function currentFacts(db: EarshotDb, nowMs: number): Promise<Loaded> {
  const t0 = performance.now();
  const mem = memory.get(db.name);
  if (mem) {
    const retagged = await takeTopics(db, mem.stored, mem.ix);
    const r = await refresh(db, mem.stored, mem.ix, nowMs);
    if (r) {
      mem.stored = r.next;
      if (r.changed || retagged) saveInBackground(db, r.next);
      return { facts: r.next.facts, ix: mem.ix, how: 'memory', phases: { refreshMs: performance.now() - t0 } };
    }
  }
  const stored = mem ? undefined : await readStored(db);
  if (stored) {
    const t1 = performance.now();
    const ix = indexFacts(stored.facts);
    const t2 = performance.now();
    const retagged = await takeTopics(db, stored, ix);
    const r = await refresh(db, stored, ix, nowMs);
    if (r) {
      memory.set(db.name, { stored: r.next, ix });
      if (r.changed || retagged) saveInBackground(db, r.next);
      return { facts: r.next.facts, ix, how: 'stored', phases: { readMs: t1 - t0, indexMs: t2 - t1, refreshMs: performance.now() - t2 } };
    }
  }
  const built = await build(db, nowMs);
  const ix = indexFacts(built.facts);
  memory.set(db.name, { stored: built, ix });
  saveInBackground(db, built);
  return { facts: built.facts, ix, how: 'built', phases: { buildMs: performance.now() - t0 } };
}

/** Whether facts are at hand without a full build (in memory, or stored). */
export async function haveFacts(db: EarshotDb): Promise<boolean> {
  return memory.has(db.name) || (await hasMeta(db, FACTS));
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
  return { facts, ix, how: 'range' };
}

/** As a new session would start: nothing in memory (tests). */
export function forgetFactsInMemory(dbName: string): void {
  memory.delete(dbName);
}

/** Forget the facts (tests, and after the demo history is removed). */
export async function dropFacts(db: EarshotDb): Promise<void> {
  memory.delete(db.name);
  await deleteMeta(db, FACTS);
}
