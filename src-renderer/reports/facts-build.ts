/**
 * Making the report's facts (facts.ts) from the database: the full build, which reads every mention
 * and event in pages, and the fold of a recent window read (facts-window.ts) into facts read back.
 * Both hand back the facts with their bookkeeping (facts-save.ts); facts-store.ts decides which runs.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { lastTopicChange } from '../db/topic-changes';
import { addMention, clearFolded, emptyFacts, factsChanged, foldEvent, indexFacts, setTopics, type FactsIndex } from './facts';
import { checkedEvents } from '../db/stored-events';
import { arrivedAfter } from '../db/arrivals';
import type { WindowRead } from './facts-window';
import { oldWritesSeq } from '../db/old-writes';
import { journalSeq } from '../db/window-journal';
import { VERSION, type Bookkeeping, type Stored } from './facts-save';
import { tellProgress } from './progress';

const WINDOW_SLACK_MS = 2 * 86_400_000;
const PAGE = 10_000;
const iso = (ms: number): string => new Date(ms).toISOString();

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
export async function build(db: EarshotDb, nowMs: number): Promise<Stored> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // Re-tags after this point are taken in later (again, for mentions read after them: no harm).
    const topicsSeen = await lastTopicChange(db);
    // Both counted for the progress told (the events' count is about 2% of a build's time at 200,000 mentions).
    const [total, eventsTotal] = await Promise.all([db.mentions.count(), db.events.count()]);
    const facts = emptyFacts(Math.max(1024, total));
    const ix = indexFacts(facts);
    let mentionsRead = 0;
    const tell = (eventsRead: number): void => tellProgress({ step: 'first-count', mentionsRead, mentions: Math.max(total, mentionsRead), eventsRead, events: Math.max(eventsTotal, eventsRead) });
    tell(0);
    await readPages(
      (after) => (after === undefined ? db.mentions.limit(PAGE).toArray() : db.mentions.where(':id').above(after).limit(PAGE).toArray()),
      (rows: MentionRecord[]) => {
        rows.forEach((m) => addMention(facts, ix, m));
        mentionsRead += rows.length;
        tell(0);
      },
    );
    const start = nowMs - WINDOW_SLACK_MS;
    let read = 0;
    const recent = new Set<string>();
    await readPages(
      (after) => (after === undefined ? db.events.limit(PAGE).toArray() : db.events.where(':id').above(after).limit(PAGE).toArray()),
      (rows: EventRecord[]) => {
        read += rows.length;
        tell(read);
        for (const e of rows) if (Date.parse(e.at) > start) recent.add(e.id);
        // Counted above as read (the count check below is of rows), folded only when well-formed.
        for (const e of checkedEvents(rows, 'the fairness report')) foldEvent(facts, ix, e);
      },
    );
    const checked = await db.transaction('r', [db.mentions, db.events, db.meta], async () => {
      const [w, oldWrites, journalSeen] = await Promise.all([readWindowNow(db, start), oldWritesSeq(db), journalSeq(db)]);
      const extra = w.win.filter((e) => !recent.has(e.id));
      // Every event there is now was read, or came after and is recent; anything else slipped by.
      if (w.events !== read + extra.length) return undefined;
      // Mentions that arrived after their pages were read (each carries its arrival, db/arrivals.ts).
      const arrivals = (await arrivedAfter(db, iso(start))).filter((id) => !ix.row.has(id));
      for (const m of await db.mentions.bulkGet(arrivals)) if (m) addMention(facts, ix, m);
      if (w.mentions !== facts.n) return undefined;
      for (const e of checkedEvents(w.win, 'the fairness report')) foldEvent(facts, ix, e);
      return { version: VERSION, facts, ...bookkeeping(keysOf(w.win), w, start, nowMs), savedAt: iso(nowMs), topicsSeen, oldWrites, journalSeen };
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
export async function fold(db: EarshotDb, s: Stored, ix: FactsIndex, w: WindowRead, nowMs: number): Promise<{ next: Stored | undefined; changed: boolean }> {
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
  // Reports kept over these facts (engine.ts) hold only while nothing is folded in.
  if (w.arrivals.length || fresh.length || gone.length || journal.topics.size) factsChanged(f);
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
  const next = { ...s, facts: f, ...bookkeeping(keys, expected, s.cutoffMs, nowMs), savedAt: iso(nowMs), topicsSeen: journal.last, oldWrites: w.oldWrites, journalSeen: w.journalSeen };
  return { next, changed: fresh.length > 0 || gone.length > 0 || retagged };
}

