/** Reads over the database, beside the schema; components call these, never Dexie directly. */
import type { EarshotDb, MentionRecord, SavedViewRecord } from './schema';
import { CLOSED_STATUSES, OPEN_STATUSES, effectiveStatuses, matchesFilter, searchTerms, type InboxFilter, type ViewDef } from '../inbox/filter';

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

/** Below this many candidates the filter runs over records in memory instead of over the queue's index. */
const SMALL_SET = 4000;

function closedIdsRecentFirst(db: EarshotDb): Promise<string[]> {
  return db.mentions
    .where('[open+dueAt+createdMs]')
    .between([0, -Infinity, -Infinity], [0, Infinity, Infinity], true, true)
    .reverse()
    .primaryKeys();
}

/**
 * The inbox query: ids matching the filter, open mentions first by due time (ties: oldest post
 * first; reach never enters), then closed ones most recent first. Runs on indexes and primary keys
 * only: each filter dimension is a set of keys from its index, intersected with the ordered queue.
 * When one dimension is small (a tag, "mine", a rare word) the few records are read and sorted instead.
 */
export async function filteredIdsByDue(db: EarshotDb, f: InboxFilter, me: string, opts: { smallSet?: number } = {}): Promise<string[]> {
  const statuses = effectiveStatuses(f);
  const wantOpen = statuses.some((s) => OPEN_STATUSES.includes(s));
  const wantClosed = statuses.some((s) => CLOSED_STATUSES.includes(s));
  const excludedStatuses = [...(wantOpen ? OPEN_STATUSES : []), ...(wantClosed ? CLOSED_STATUSES : [])].filter((s) => !statuses.includes(s));
  const m = db.mentions;

  const include: Array<Promise<string[]>> = [];
  const exclude: Array<Promise<string[]>> = [];
  if (f.channels?.length) include.push(m.where('channel').anyOf(f.channels).primaryKeys());
  if (f.sources?.length) include.push(m.where('sourceId').anyOf(f.sources).primaryKeys());
  if (f.tiers?.length) include.push(m.where('reach.tier').anyOf(f.tiers).primaryKeys());
  if (f.tags?.length) include.push(m.where('tags').anyOf(f.tags).primaryKeys());
  for (const term of searchTerms(f.text)) include.push(m.where('words').startsWith(term).primaryKeys());
  if (f.assignee === 'mine') include.push(m.where('assignee').equals(me).primaryKeys());
  else if (f.assignee?.startsWith('agent:')) include.push(m.where('assignee').equals(f.assignee.slice(6)).primaryKeys());
  else if (f.assignee === 'unassigned') exclude.push(m.orderBy('assignee').primaryKeys());
  else if (f.assignee === 'mine-or-unassigned') exclude.push(m.where('assignee').noneOf([me]).primaryKeys());
  if (excludedStatuses.length) exclude.push(m.where('status').anyOf(excludedStatuses).primaryKeys());

  const includes = await Promise.all(include);
  const smallest = includes.reduce<string[] | undefined>((a, b) => (!a || b.length < a.length ? b : a), undefined);
  if (smallest && smallest.length <= (opts.smallSet ?? SMALL_SET)) {
    const rows = await mentionsByIds(db, [...new Set(smallest)]);
    return sortByQueue(rows.filter((r) => matchesFilter(r, f, me))).map((r) => r.id);
  }

  const [open, closed, excludes] = await Promise.all([
    wantOpen ? openMentionIdsByDue(db) : Promise.resolve([]),
    wantClosed ? closedIdsRecentFirst(db) : Promise.resolve([]),
    Promise.all(exclude),
  ]);
  const ordered = open.length && closed.length ? open.concat(closed) : open.length ? open : closed;
  if (!includes.length && !excludes.length) return ordered;
  const ins = includes.map((k) => new Set(k)).sort((a, b) => a.size - b.size);
  const outs = excludes.map((k) => new Set(k));
  return ordered.filter((id) => ins.every((s) => s.has(id)) && !outs.some((s) => s.has(id)));
}

/** Open first by due time then oldest post; closed after, most recent first (as filteredIdsByDue). */
export function sortByQueue(rows: MentionRecord[]): MentionRecord[] {
  return rows.sort((a, b) => {
    if (a.open !== b.open) return b.open - a.open;
    if (a.open === 1) return a.dueAt - b.dueAt || a.createdMs - b.createdMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return b.dueAt - a.dueAt || b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  });
}

/** Unread (open, never opened) mentions per view. Unread sets are small, so usually read in memory. */
export async function unreadCounts(db: EarshotDb, views: ViewDef[], me: string): Promise<Record<string, number>> {
  const unread = await db.mentions.where('unread').equals(1).primaryKeys();
  const out: Record<string, number> = {};
  if (unread.length <= SMALL_SET) {
    const rows = await mentionsByIds(db, unread);
    for (const v of views) out[v.id] = rows.reduce((n, r) => n + (matchesFilter(r, v.filter, me) ? 1 : 0), 0);
    return out;
  }
  const u = new Set(unread);
  for (const v of views) out[v.id] = (await filteredIdsByDue(db, v.filter, me)).reduce((n, id) => n + (u.has(id) ? 1 : 0), 0);
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
