/**
 * Reading the recent window of events for the report's facts (facts-store.ts), without counting
 * every event on the way: from the window journal its writers keep (readJournalWindow, one `meta`
 * read; db/window-journal.ts) when it can say what is new, else from the stores (readWindow).
 *
 * - Only keys for the window: its events' ids come from the `at` index alone, in one request (no
 *   record is read back and cloned); the records are read only for the events not seen last time,
 *   and the times of the seen ones are the ones kept with the facts. At 200,000 mentions the window
 *   holds two days, some 9,000 events: reading them whole took 0.1-0.4 s, and walking the index for
 *   their times (a cursor: one round trip per key) 0.1-0.5 s under load. Facts saved before the
 *   times were kept walk the index once.
 * - What changed below the window is told by the old-writes marker (db/old-writes.ts), read in the
 *   same transaction. IndexedDB has no stored row counts: counting 800,000 events and 200,000
 *   mentions walks every record (0.3-1.5 s each), and a count holds up every other request of the
 *   database; so the counts (countCheck) are asked for only when the report screen is idle, as a
 *   check on writes made behind the app's back.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { topicChangesAfter } from '../db/topic-changes';
import { oldWritesSeq } from '../db/old-writes';
import { arrivedAfter } from '../db/arrivals';
import { writesMark } from '../db/writes-mark';
import { journalAfter, journalSeq, type JournalPart, type MentionFacts } from '../db/window-journal';
import type { Bookkeeping } from './facts-save';

export interface WindowRead {
  /** Ids and times (epoch ms) of the events with `at` after the cutoff, in `at` order. */
  ids: string[];
  atMs: number[];
  /** The records of those not in `seen` (new since the last read). */
  fresh: EventRecord[];
  /** The mentions that arrived after the cutoff that `known` did not have (record undefined: gone). */
  arrivals: Array<{ record: MentionRecord | MentionFacts | undefined; atMs: number }>;
  /** The topic journal after the entry the facts took in last (db/topic-changes.ts), as of the window read. */
  journal: { last: string; topics: Map<string, string[]> };
  /** The old-writes marker, as of the window read. */
  oldWrites: number;
  /** The writes mark (db/writes-mark.ts), as of the window read. */
  mark: string;
  /** The last transaction of the window journal (db/window-journal.ts) taken in, as of the window read. */
  journalSeen: number;
  /** Where the time went, in ms (benchmarks): the keys, then (read together, each timed from the keys) the fresh events' records and the arrivals' mentions. */
  phases?: Record<string, number>;
}

/** Fewer records than this are read by id; more, by a range in one request when the range fits. */
const RANGE_READ_MIN = 64;

/**
 * The records of the window's events not in `seen`. By id, one request per key (IndexedDB has no
 * read of many keys at once): 7,750 new events after a day of 2,000 mentions took 0.5-2 s. New
 * events are mostly the newest: when they make up a good part of the window's tail from the first
 * one on (`ids` is in `at` order), the tail is read in one request from the `at` of the seen event
 * before it, and those not seen are kept. An id the tail read missed (a time kept that does not
 * order as its stored string does) is read by id after all, so the result is the same either way.
 */
async function freshEvents(db: EarshotDb, cutoffMs: number, ids: readonly string[], seen: ReadonlySet<string>, ats: readonly unknown[] | undefined, seenAt: ReadonlyMap<string, number> | undefined): Promise<EventRecord[]> {
  const unseen = ids.filter((id) => !seen.has(id));
  const first = ids.findIndex((id) => !seen.has(id));
  const tail = ids.length - first;
  const got = (rows: ReadonlyArray<EventRecord | undefined>): EventRecord[] => rows.filter((e): e is EventRecord => e !== undefined);
  if (unseen.length < RANGE_READ_MIN || unseen.length * 4 < tail) return got(await db.events.bulkGet(unseen));
  // From the `at` of the event before the first new one (as stored, or as kept), or the cutoff.
  const before = first > 0 ? (ats ? String(ats[first - 1]) : iso(seenAt!.get(ids[first - 1]!) ?? cutoffMs)) : iso(cutoffMs);
  const rows = await db.events.where('at').aboveOrEqual(before).toArray();
  const want = new Set(unseen);
  const fresh = rows.filter((e) => want.delete(e.id));
  return want.size ? [...fresh, ...got(await db.events.bulkGet([...want]))] : fresh;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The window after `cutoffMs`: keys, the records of events not in `seen`, the records of the
 * mentions arriving in it (those `known` says are not held yet), the topic journal and the marker,
 * all in one transaction. `seenAt`: the times of the events in `seen` (an event's `at` never
 * changes); without it the times are read from the index. `onKeys` is called once the keys are in
 * and the records asked for.
 */
export async function readWindow(db: EarshotDb, cutoffMs: number, seen: ReadonlySet<string>, known: (mentionId: string) => boolean, topicsSeen: string, seenAt?: ReadonlyMap<string, number>, onKeys?: () => void): Promise<WindowRead> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const read = await db.transaction('r', [db.mentions, db.events, db.meta], async () => {
    // Both walk the same index range in the same order, so the two lists line up. primaryKeys is
    // one getAllKeys request; keys (the times) is a cursor, walked only when the times are not kept.
    const range = () => db.events.where('at').above(iso(cutoffMs));
    const [ats, ids, oldWrites, mark, journal, arrived, journalSeen] = await Promise.all([
      seenAt ? undefined : range().keys(),
      range().primaryKeys(),
      oldWritesSeq(db),
      writesMark(db),
      topicChangesAfter(db, topicsSeen),
      arrivedAfter(db, iso(cutoffMs)),
      journalSeq(db),
    ]);
    const t1 = performance.now();
    // The new events' records and the new arrivals' mentions asked for together: IndexedDB answers
    // them in turn, without waiting for the first answer to reach this thread before the second is
    // asked. Each phase is timed from the keys.
    const reading = freshEvents(db, cutoffMs, ids, seen, ats, seenAt).then((x) => ((phases.freshMs = performance.now() - t1), x));
    // Arrivals are on the mentions (db/arrivals.ts): the ids from their index, records of new ones only.
    const arriving = arrived.filter((id) => !known(id));
    const arrivingRead = arrivingMentions(db, cutoffMs, arrived.length, arriving).then((x) => ((phases.arrivalsMs = performance.now() - t1), x));
    // Asked for: the caller may use the thread meanwhile (onKeys).
    onKeys?.();
    const [fresh, got] = await Promise.all([reading, arrivingRead]);
    const atMs = ats ? ats.map((a) => Date.parse(String(a))) : timesOf(ids, seenAt!, fresh);
    phases.keysMs = t1 - t0;
    const arrivals = got.map((record) => ({ record, atMs: record?.arrival ? Date.parse(record.arrival.at) : Number.NaN }));
    return { ids, atMs, fresh, arrivals, journal, oldWrites, mark, journalSeen, phases };
  });
  // Handed on from a timer: what the caller does next must not run inside this transaction's zone
  // (Dexie would take its other tables for ones missing from this transaction).
  await new Promise((r) => setTimeout(r, 0));
  return read;
}

/** What the journal read needs of the facts' bookkeeping. */
type WindowSeen = Pick<Bookkeeping, 'cutoffMs' | 'windowIds' | 'windowAt' | 'journalSeen' | 'topicsSeen'>;

/**
 * The window as readWindow would find it, from the window journal (db/window-journal.ts) instead
 * of the stores: the events seen last time (their times kept) less those deleted since, and the
 * events and arriving mentions journaled since; one `meta` range read. Undefined when the journal
 * cannot say (facts saved before it, entries dropped, a write it could not tell row by row): the
 * caller reads the window. Writes made without EarshotDb are not in the journal; the idle count
 * check finds them (facts-check.ts), and the next report builds.
 */
export async function readJournalWindow(db: EarshotDb, seen: WindowSeen, known: (mentionId: string) => boolean): Promise<WindowRead | undefined> {
  const after = seen.journalSeen;
  const windowAt = seen.windowAt;
  if (after === undefined || !windowAt || windowAt.length !== seen.windowIds.length) return undefined;
  const t0 = performance.now();
  const read = await db.transaction('r', [db.meta], () => Promise.all([journalAfter(db, after), oldWritesSeq(db), writesMark(db), topicChangesAfter(db, seen.topicsSeen ?? '')]));
  await new Promise((r) => setTimeout(r, 0)); // out of the transaction's zone, as readWindow
  const [j, oldWrites, mark, journal] = read;
  const w = j && windowOf(j.parts, seen, windowAt, known);
  return w && { ...w, journal, oldWrites, mark, journalSeen: j.seq, phases: { journalMs: performance.now() - t0, journalParts: j.parts.length } };
}

/** The window's ids, times, fresh events and arrivals from the journal's parts (see readJournalWindow). */
function windowOf(parts: readonly JournalPart[], seen: WindowSeen, windowAt: readonly number[], known: (mentionId: string) => boolean): Pick<WindowRead, 'ids' | 'atMs' | 'fresh' | 'arrivals'> | undefined {
  const written = new Map<string, EventRecord>();
  const deleted = new Set<string>();
  const arriving = new Map<string, MentionFacts>();
  for (const p of parts) {
    if (p.unknown) return undefined;
    for (const e of p.events ?? []) {
      written.set(e.id, e);
      deleted.delete(e.id);
    }
    for (const id of p.deletedEvents ?? []) {
      written.delete(id);
      deleted.add(id);
    }
    for (const m of p.mentions ?? []) arriving.set(m.id, m);
  }
  const cutoff = seen.cutoffMs;
  const at = new Map<string, number>();
  seen.windowIds.forEach((id, k) => {
    if (!deleted.has(id)) at.set(id, windowAt[k]!);
  });
  const fresh: EventRecord[] = [];
  for (const [id, e] of written) {
    const ms = Date.parse(e.at);
    // As the `at` index orders them: an event written again below the window leaves it (its
    // mention is folded again); one seen already is not read again (readWindow reads unseen ones).
    if (!(ms > cutoff)) at.delete(id);
    else if (!at.has(id)) {
      at.set(id, ms);
      fresh.push(e);
    }
  }
  const ids = [...at.keys()].sort((a, b) => at.get(a)! - at.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const arrivals: WindowRead['arrivals'] = [];
  for (const m of arriving.values()) {
    const ms = m.arrival ? Date.parse(m.arrival.at) : Number.NaN;
    if (ms > cutoff && !known(m.id)) arrivals.push({ record: m, atMs: ms });
  }
  arrivals.sort((a, b) => a.atMs - b.atMs);
  return { ids, atMs: ids.map((id) => at.get(id)!), fresh, arrivals };
}

/**
 * The records of the mentions arriving in the window that the facts do not hold (`arriving`, in
 * arrival order; `arrived` of them arrived in all), undefined for one gone. When they are most of
 * the window's arrivals, the `arrival.at` range is read in one request and the others dropped,
 * whatever their ids: a day's mentions from several sources have ids spread over the whole store,
 * which mentionsById reads one get per id. At 200,000 stored, on a quiet page: 2,000 spread ids by
 * id 151-224 ms, the arrival range of 1,091-2,187 mentions 58-202 ms (2,000 close ids as one id
 * range: 74-78 ms). Otherwise by id (mentionsById).
 */
async function arrivingMentions(db: EarshotDb, cutoffMs: number, arrived: number, arriving: readonly string[]): Promise<Array<MentionRecord | undefined>> {
  if (arriving.length < RANGE_READ_MIN || arriving.length * 2 < arrived) return mentionsById(db, arriving);
  const rows = await db.mentions.where('arrival.at').above(iso(cutoffMs)).toArray();
  const byId = new Map(rows.map((m) => [m.id, m] as const));
  return arriving.map((id) => byId.get(id));
}

/**
 * Mentions by id, in the order asked (undefined: none). A day's new mentions often have ids close
 * together (a source's ids grow with time): when the ids span a key range holding few others, the
 * range is read in one request instead of one get per id (2,000 arrivals took 0.1-0.4 s); the
 * count of that range (keys only) says whether it does.
 */
export async function mentionsById(db: EarshotDb, ids: readonly string[]): Promise<Array<MentionRecord | undefined>> {
  if (ids.length < RANGE_READ_MIN) return db.mentions.bulkGet([...ids]);
  const sorted = [...ids].sort();
  const [lo, hi] = [sorted[0]!, sorted[sorted.length - 1]!];
  const range = () => db.mentions.where(':id').between(lo, hi, true, true);
  if ((await range().count()) > ids.length * 2) return db.mentions.bulkGet([...ids]);
  const byId = new Map((await range().toArray()).map((m) => [m.id, m] as const));
  return ids.map((id) => byId.get(id));
}

/**
 * The times of the window's events: kept for the ones seen, read from the records of the fresh ones.
 * An id in neither (deleted between the key read and the record read) gets the cutoff's side it
 * was found on, +Infinity: it is in the window, and read again as fresh next time.
 */
function timesOf(ids: readonly string[], seenAt: ReadonlyMap<string, number>, fresh: readonly EventRecord[]): number[] {
  const freshAt = new Map(fresh.map((e) => [e.id, Date.parse(e.at)] as const));
  return ids.map((id) => seenAt.get(id) ?? freshAt.get(id) ?? Number.POSITIVE_INFINITY);
}

/** The window's event ids and every event and mention counted, as of one moment. */
export async function countCheck(db: EarshotDb, cutoffMs: number): Promise<{ ids: string[]; events: number; mentions: number }> {
  return db.transaction('r', [db.mentions, db.events], async () => {
    const [ids, events, mentions] = await Promise.all([db.events.where('at').above(iso(cutoffMs)).primaryKeys(), db.events.count(), db.mentions.count()]);
    return { ids, events, mentions };
  });
}
