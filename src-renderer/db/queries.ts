/** Reads over the database, beside the schema; components call these, never Dexie directly. */
import { facetValues, type FacetKind } from './facets';
import { AWAITING } from '../../src-main/shared/workflow';
import { distinctKeys } from './distinct-keys';
import type { EarshotDb, MentionRecord, SavedViewRecord } from './schema';
import { matchesFilter, type SavedView } from './inbox-filter';
import { keysEqual, keysMatching, keysOfStatuses, queueChunks, SMALL_SET, STATUS_DUE } from './inbox-query';

export { sortByQueue, streamFilteredIds } from './inbox-query';

/** Ids of open mentions ordered by due time only; ties go to the oldest post first. */
export async function openMentionIdsByDue(db: EarshotDb): Promise<string[]> {
  let ids: string[] = [];
  for await (const chunk of queueChunks(db, 1, 8000)) ids = ids.concat(chunk);
  return ids;
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

/** Unread (open, never opened) mentions per view, counted from scratch (db/unread-counter.ts keeps them current). */
export async function unreadCounts(db: EarshotDb, views: SavedView[], me: string, smallSet = SMALL_SET): Promise<Record<string, number>> {
  const members = await unreadMembers(db, views, me, smallSet);
  return Object.fromEntries(views.map((v, i) => [v.id, members[i]!.length]));
}

/**
 * The unread mentions each view holds, in the order of `views`. A small unread set is read in memory;
 * a large one (a rebuild, a team's first day) is matched from key sets, each status read once for all views.
 */
export async function unreadMembers(db: EarshotDb, views: SavedView[], me: string, smallSet = SMALL_SET): Promise<string[][]> {
  const unread = await keysEqual(db, 'unread', 1);
  if (unread.length <= smallSet) {
    const rows = await mentionsByIds(db, unread);
    return views.map((v) => rows.filter((r) => matchesFilter(r, v.filter, me)).map((r) => r.id));
  }
  const u = new Set(unread);
  const byStatus = new Map<string, Promise<string[]>>();
  const statusKeys = (s: string): Promise<string[]> => {
    let keys = byStatus.get(s);
    if (!keys) byStatus.set(s, (keys = keysOfStatuses(db, [s])));
    return keys;
  };
  return Promise.all(views.map((v) => keysMatching(db, v.filter, me, u, statusKeys)));
}

/** Every tag in use, for the tag filter and picker (unique keys of the multi-entry index: no records read). */
export async function knownTags(db: EarshotDb): Promise<string[]> {
  return (await distinctKeys(db, 'mentions', 'tags')).map(String);
}

/** Agents anyone has assigned work to. */
export async function knownAgents(db: EarshotDb): Promise<string[]> {
  return (await distinctKeys(db, 'mentions', 'assignee')).map(String);
}

/** Languages and topics in use (the facets index's unique keys: no records read). */
export async function knownFacets(db: EarshotDb): Promise<Record<FacetKind, string[]>> {
  return facetValues((await distinctKeys(db, 'mentions', 'facets')).map(String));
}

export async function knownSources(db: EarshotDb): Promise<string[]> {
  return (await distinctKeys(db, 'mentions', 'sourceId')).map(String);
}

export function savedViews(db: EarshotDb): Promise<SavedViewRecord[]> {
  return db.views.orderBy('id').toArray().then((vs) => vs.sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
}

/**
 * "Next due" within a view: the first mention, in the view's order, that the agent may take (nobody's
 * or already theirs) and that is waiting for us (not for the customer). Reads records a page at a time.
 */
export async function firstTakeable(db: EarshotDb, orderedIds: readonly string[], me: string): Promise<string | undefined> {
  const PAGE = 200;
  for (let i = 0; i < orderedIds.length; i += PAGE) {
    const rows = await db.mentions.bulkGet(orderedIds.slice(i, i + PAGE));
    const hit = rows.find((r) => r && r.open === 1 && (r.status === 'new' || r.status === 'assigned') && (!r.assignee || r.assignee === me));
    if (hit) return hit.id;
  }
  return undefined;
}

/** The statuses that wait for us (shared/workflow.ts). */
export { AWAITING };

/**
 * Mentions waiting for us due from `from` to `to`, per awaiting status, as ranges of the
 * [status+dueAt] index: counts and keys over it read index keys only, no mention, at any size.
 */
export function awaitingDueBetween(db: EarshotDb, from: number, to: number, includeTo: boolean) {
  return AWAITING.map((s) => db.mentions.where(STATUS_DUE).between([s, from], [s, to], true, includeTo));
}

/**
 * Mentions still waiting for us whose due time has passed, counted on the index (the banner and the
 * live region hold these due times in memory instead, db/awaiting-due.ts; tests check one against
 * the other). `atNow` says which side a mention due at this very millisecond falls on: the live
 * region counts it as past due (`'late'`, as it always has), the banner as due soon (`'soon'`), so
 * the banner's two numbers never count it twice.
 */
export async function countPastDue(db: EarshotDb, nowMs: number, atNow: 'late' | 'soon' = 'late'): Promise<number> {
  const counts = await Promise.all(awaitingDueBetween(db, -Infinity, nowMs, atNow === 'late').map((c) => c.count()));
  return counts.reduce((a, b) => a + b, 0);
}
