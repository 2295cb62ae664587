/**
 * Reading the recent window of events for the report's facts (facts-store.ts), with the count check
 * that proves nothing changed below it, without making the report wait for the counts.
 *
 * - Only keys for the window: its events' ids and times come from the `at` index alone (no record
 *   is read back and cloned); the records are read only for the events not seen last time. At
 *   200,000 mentions the window holds two days, some 9,000 events: reading them whole took 0.1-0.4 s.
 * - IndexedDB has no stored row counts: counting 800,000 events walks every key (0.3-0.6 s). The
 *   counts are asked for in the same transaction as the window (so they see exactly the database the
 *   window saw), after it, and the window is handed back at once: the caller folds it in and
 *   computes while IndexedDB counts, and only then waits for the verdict.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { topicChangesAfter } from '../db/topic-changes';

export interface WindowRead {
  /** Ids and times (epoch ms) of the events with `at` after the cutoff, in `at` order. */
  ids: string[];
  atMs: number[];
  /** The records of those not in `seen` (new since the last read). */
  fresh: EventRecord[];
  /** The mentions of the fresh `mention` events that `known` did not have (record undefined: gone). */
  arrivals: Array<{ record: MentionRecord | undefined; atMs: number }>;
  /** The topic journal after the entry the facts took in last (db/topic-changes.ts), as of the window read. */
  journal: { last: string; topics: Map<string, string[]> };
  /** Every event and every mention, as of the window read; resolves after the window is handed back. */
  counts: Promise<{ events: number; mentions: number }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The window after `cutoffMs`: keys, the records of events not in `seen`, and the records of the
 * mentions arriving in it (those `known` says are not held yet); `counts` follows. Rejects when the
 * transaction fails before the window is read.
 */
export function readWindow(db: EarshotDb, cutoffMs: number, seen: ReadonlySet<string>, known: (mentionId: string) => boolean, topicsSeen: string): Promise<WindowRead> {
  return new Promise<WindowRead>((resolve, reject) => {
    let handedBack = false;
    let failCounts: (e: unknown) => void = () => undefined;
    const counts = new Promise<{ events: number; mentions: number }>((ok, fail) => {
      failCounts = fail;
      // The journal is read here too: after the counts, IndexedDB would answer it only once they are done
      // (one long count holds up every other request of the database).
      db.transaction('r', [db.mentions, db.events, db.meta], async () => {
        // Both walk the same index range in the same order, so the two lists line up.
        const range = () => db.events.where('at').above(iso(cutoffMs));
        const [ats, ids] = await Promise.all([range().keys(), range().primaryKeys()]);
        const fresh = (await db.events.bulkGet(ids.filter((id) => !seen.has(id)))).filter((e): e is EventRecord => e !== undefined);
        const arriving = fresh.filter((e) => e.type === 'mention' && e.mentionId !== undefined && !known(e.mentionId));
        const records = db.mentions.bulkGet(arriving.map((e) => e.mentionId!));
        const journal = topicChangesAfter(db, topicsSeen);
        // Asked for now, answered after the records: the caller works while IndexedDB counts.
        const counted = Promise.all([db.events.count(), db.mentions.count()]);
        const [got, topics] = await Promise.all([records, journal]);
        handedBack = true;
        const read: WindowRead = {
          ids,
          atMs: ats.map((a) => Date.parse(String(a))),
          fresh,
          arrivals: got.map((record, k) => ({ record, atMs: Date.parse(arriving[k]!.at) })),
          journal: topics,
          counts,
        };
        // Settled from a timer: what the caller does next must not run inside this transaction's
        // zone (Dexie would take its other tables for ones missing from this transaction).
        setTimeout(() => resolve(read), 0);
        const [events, mentions] = await counted;
        setTimeout(() => ok({ events, mentions }), 0);
      }).catch((e: unknown) => setTimeout(() => (handedBack ? failCounts(e) : reject(e)), 0));
    });
    // Nobody may be listening yet when the transaction fails after the hand-back.
    counts.catch(() => undefined);
  });
}
