/** Reads over the database, beside the schema; components call these, never Dexie directly. */
import { facetValues, type FacetKind } from './facets';
import type { EarshotDb, MentionRecord, SavedViewRecord } from './schema';
import { matchesFilter, type InboxFilter, type SavedView } from './inbox-filter';
import { countMatching, keysEqual, keysOfStatuses, queueChunks, streamFilteredIds, SMALL_SET, STATUS_DUE, type StreamOptions } from './inbox-query';

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

/**
 * The inbox query, all at once: ids matching the filter, open mentions first by due time (ties: oldest
 * post first; reach never enters), then closed ones most recent first. The inbox itself streams it
 * (db/inbox-query.ts); this is for counts, exports and tests.
 */
export function filteredIdsByDue(db: EarshotDb, f: InboxFilter, me: string, opts: StreamOptions = {}): Promise<string[]> {
  return streamFilteredIds(db, f, me, () => undefined, opts);
}

/**
 * Unread (open, never opened) mentions per view. A small unread set is read in memory; a large one
 * (a rebuild, a team's first day) is counted from key sets, each status read once for all views.
 */
export async function unreadCounts(db: EarshotDb, views: SavedView[], me: string, smallSet = SMALL_SET): Promise<Record<string, number>> {
  const unread = await keysEqual(db, 'unread', 1);
  const out: Record<string, number> = {};
  if (unread.length <= smallSet) {
    const rows = await mentionsByIds(db, unread);
    for (const v of views) out[v.id] = rows.reduce((n, r) => n + (matchesFilter(r, v.filter, me) ? 1 : 0), 0);
    return out;
  }
  const u = new Set(unread);
  const byStatus = new Map<string, Promise<string[]>>();
  const statusKeys = (s: string): Promise<string[]> => {
    let keys = byStatus.get(s);
    if (!keys) byStatus.set(s, (keys = keysOfStatuses(db, [s])));
    return keys;
  };
  const counts = await Promise.all(views.map((v) => countMatching(db, v.filter, me, u, statusKeys)));
  views.forEach((v, i) => (out[v.id] = counts[i]!));
  return out;
}

/** Every tag in use, for the tag filter and picker (unique keys of the multi-entry index: no records read). */
export async function knownTags(db: EarshotDb): Promise<string[]> {
  return (await db.mentions.orderBy('tags').uniqueKeys()).map(String);
}

/** Agents anyone has assigned work to. */
export async function knownAgents(db: EarshotDb): Promise<string[]> {
  return (await db.mentions.orderBy('assignee').uniqueKeys()).map(String);
}

/** Languages and topics in use (the facets index's unique keys: no records read). */
export async function knownFacets(db: EarshotDb): Promise<Record<FacetKind, string[]>> {
  return facetValues((await db.mentions.orderBy('facets').uniqueKeys()).map(String));
}

export async function knownSources(db: EarshotDb): Promise<string[]> {
  return (await db.mentions.orderBy('sourceId').uniqueKeys()).map(String);
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

/** The statuses that wait for us (always open; `waiting` waits for the customer). */
export const AWAITING = ['new', 'assigned'] as const;

/**
 * Mentions waiting for us due from `from` to `to`, per awaiting status, as ranges of the
 * [status+dueAt] index: counts and keys over it read index keys only, no mention, at any size.
 */
export function awaitingDueBetween(db: EarshotDb, from: number, to: number, includeTo: boolean) {
  return AWAITING.map((s) => db.mentions.where(STATUS_DUE).between([s, from], [s, to], true, includeTo));
}

/**
 * Mentions still waiting for us whose due time has passed. `atNow` says which side a mention due at
 * this very millisecond falls on: the live region counts it as past due (`'late'`, as it always
 * has), the banner as due soon (`'soon'`), so the banner's two numbers never count it twice.
 */
export async function countPastDue(db: EarshotDb, nowMs: number, atNow: 'late' | 'soon' = 'late'): Promise<number> {
  const counts = await Promise.all(awaitingDueBetween(db, -Infinity, nowMs, atNow === 'late').map((c) => c.count()));
  return counts.reduce((a, b) => a + b, 0);
}
