/**
 * A mention's arrival (the log's `mention` entry: when main recorded it, its id and position) is
 * kept on the mention's own record since schema v7, not as a row of the events table: ingest then
 * writes one record per mention heard instead of two (issue 11). Readers that want the arrival as
 * an event (the event log export) get one back from here, exactly as the row was.
 */
import type { Transaction } from 'dexie';
import { reportUpgradeProgress } from './upgrade-progress';
import type { Arrival, EarshotDb, EventRecord, MentionRecord } from './schema';

/** The type of the arrival events that v1-v6 kept in the events table. */
export const ARRIVAL_TYPE = 'mention';

/** The mention's arrival as the events table held it until v6, or undefined when it has none. */
export function arrivalEventOf(m: Pick<MentionRecord, 'id' | 'arrival'>): EventRecord | undefined {
  const a = m.arrival;
  if (!a) return undefined;
  return { id: a.id, type: ARRIVAL_TYPE, at: a.at, mentionId: m.id, ...(a.position !== undefined ? { position: a.position } : {}) };
}

/** When the mention arrived (epoch ms), or undefined when it has no arrival. */
export function arrivalMsOf(m: Pick<MentionRecord, 'arrival'>): number | undefined {
  return m.arrival ? Date.parse(m.arrival.at) : undefined;
}

/** Ids of the mentions that arrived after `afterIso` (the `arrival.at` index alone, no record read). */
export function arrivedAfter(db: EarshotDb, afterIso: string): Promise<string[]> {
  return db.mentions.where('arrival.at').above(afterIso).primaryKeys();
}

/** How many mentions arrived after `afterIso`. */
export function countArrivedAfter(db: EarshotDb, afterIso: string): Promise<number> {
  return db.mentions.where('arrival.at').above(afterIso).count();
}

const UPGRADE_CHUNK = 2000;
/** Events read per request by the upgrade: one getAll each (a cursor is one request per row). */
const READ_CHUNK = 10_000;
/** The id every arrival row written by Earshot has (`mentionEntryId`); rows from other logs may not. */
const ARRIVAL_ID_PREFIX = 'mention:';

/**
 * The upgrade to v7: every arrival row of `events` onto its mention (the latest, if a log import
 * and the log both wrote one), and the rows deleted. A row whose mention is gone is deleted too:
 * every reader skipped it (an arrival is read only beside its mention).
 *
 * It runs once per profile, inside the database open, over every event: at 200,000 mentions that
 * is minutes the way a plain Dexie loop does it (upgrade.bench.ts), with nothing on screen but the
 * progress it reports. So: events are read in chunks (one request each, not one per row); the
 * mentions are written with the transaction's own store, not through the derived-fields
 * middleware, because only `arrival` is added and no derived field is worked out from it (which
 * halved this step); and when every row under the arrival id prefix is an arrival, they are
 * deleted as one key range.
 */
export async function moveArrivalsOntoMentions(tx: Transaction): Promise<void> {
  try {
    await moveArrivals(tx);
  } finally {
    // Done or failed, the screen no longer says an upgrade is under way.
    reportUpgradeProgress(undefined);
  }
}

async function moveArrivals(tx: Transaction): Promise<void> {
  const events = tx.table<EventRecord, string>('events');
  const mentions = tx.table<MentionRecord, string>('mentions');
  const total = await events.count();
  reportUpgradeProgress({ step: 'reading events', done: 0, total });
  const byMention = new Map<string, Arrival>();
  const prefixed: string[] = [];
  const others: string[] = [];
  let prefixOnlyArrivals = true;
  let read = 0;
  let last: string | undefined;
  for (;;) {
    const rows = await (last === undefined ? events.toCollection() : events.where(':id').above(last)).limit(READ_CHUNK).toArray();
    for (const e of rows) {
      const usualId = e.id.startsWith(ARRIVAL_ID_PREFIX);
      if (e.type !== ARRIVAL_TYPE) {
        if (usualId) prefixOnlyArrivals = false;
        continue;
      }
      (usualId ? prefixed : others).push(e.id);
      if (typeof e.mentionId !== 'string' || typeof e.at !== 'string') continue;
      const before = byMention.get(e.mentionId);
      if (before && before.at > e.at) continue;
      byMention.set(e.mentionId, { id: e.id, at: e.at, ...(typeof e.position === 'number' ? { position: e.position } : {}) });
    }
    read += rows.length;
    reportUpgradeProgress({ step: 'reading events', done: read, total });
    if (rows.length < READ_CHUNK) break;
    last = rows[rows.length - 1]!.id;
  }
  const ids = [...byMention.keys()];
  const store = tx.idbtrans.objectStore('mentions');
  for (let i = 0; i < ids.length; i += UPGRADE_CHUNK) {
    const rows = (await mentions.bulkGet(ids.slice(i, i + UPGRADE_CHUNK))).filter((m): m is MentionRecord => m !== undefined);
    await putAll(store, rows.map((m) => ({ ...m, arrival: byMention.get(m.id)! })));
    reportUpgradeProgress({ step: 'moving arrivals onto mentions', done: Math.min(ids.length, i + UPGRADE_CHUNK), total: ids.length });
  }
  if (prefixOnlyArrivals) await events.where(':id').startsWith(ARRIVAL_ID_PREFIX).delete();
  const byKey = prefixOnlyArrivals ? others : [...prefixed, ...others];
  for (let i = 0; i < byKey.length; i += UPGRADE_CHUNK) await events.bulkDelete(byKey.slice(i, i + UPGRADE_CHUNK));
}

/** Puts every value into a native store; resolves when the last put has succeeded. */
type NativeStore = ReturnType<Transaction['idbtrans']['objectStore']>;
function putAll(store: NativeStore, values: readonly unknown[]): Promise<void> {
  return new Promise((res, rej) => {
    let r: ReturnType<NativeStore['put']> | undefined;
    for (const v of values) r = store.put(v);
    if (!r) return res();
    r.onsuccess = () => res();
    r.onerror = () => rej(r!.error ?? new Error('a mention could not be written'));
  });
}
