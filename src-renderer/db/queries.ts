/** Reads over the database, beside the schema; components call these, never Dexie directly. */
import type { EarshotDb, MentionRecord } from './schema';

/** Ids of open mentions ordered by due time only; ties go to the oldest post first. */
export function openMentionIdsByDue(db: EarshotDb): Promise<string[]> {
  return db.mentions
    .where('[open+dueAt+createdMs]')
    .between([1, -Infinity, -Infinity], [1, Infinity, Infinity], true, true)
    .primaryKeys();
}

export async function mentionsByIds(db: EarshotDb, ids: string[]): Promise<MentionRecord[]> {
  const rows = await db.mentions.bulkGet(ids);
  return rows.filter((r): r is MentionRecord => Boolean(r));
}

export function mentionById(db: EarshotDb, id: string): Promise<MentionRecord | undefined> {
  return db.mentions.get(id);
}

export function countMentions(db: EarshotDb): Promise<number> {
  return db.mentions.count();
}
