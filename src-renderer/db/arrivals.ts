/**
 * A mention's arrival (the log's `mention` entry: when main recorded it, its id and position) is
 * kept on the mention's own record since schema v7, not as a row of the events table: ingest then
 * writes one record per mention heard instead of two (issue 11). Readers that want the arrival as
 * an event (the event log export) get one back from here, exactly as the row was.
 */
import type { Table } from 'dexie';
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

/**
 * The upgrade to v7: every arrival row of `events` onto its mention (the latest, if a log import
 * and the log both wrote one), and the rows deleted. A row whose mention is gone is deleted too:
 * every reader skipped it (an arrival is read only beside its mention).
 */
export async function moveArrivalsOntoMentions(events: Table<EventRecord, string>, mentions: Table<MentionRecord, string>): Promise<void> {
  const byMention = new Map<string, Arrival>();
  const rowIds: string[] = [];
  await events.toCollection().each((e: EventRecord) => {
    if (e.type !== ARRIVAL_TYPE) return;
    rowIds.push(e.id);
    if (typeof e.mentionId !== 'string' || typeof e.at !== 'string') return;
    const before = byMention.get(e.mentionId);
    if (before && before.at > e.at) return;
    byMention.set(e.mentionId, { id: e.id, at: e.at, ...(typeof e.position === 'number' ? { position: e.position } : {}) });
  });
  const ids = [...byMention.keys()];
  for (let i = 0; i < ids.length; i += UPGRADE_CHUNK) {
    const rows = (await mentions.bulkGet(ids.slice(i, i + UPGRADE_CHUNK))).filter((m): m is MentionRecord => m !== undefined);
    await mentions.bulkPut(rows.map((m) => ({ ...m, arrival: byMention.get(m.id)! })));
  }
  for (let i = 0; i < rowIds.length; i += UPGRADE_CHUNK) await events.bulkDelete(rowIds.slice(i, i + UPGRADE_CHUNK));
}
