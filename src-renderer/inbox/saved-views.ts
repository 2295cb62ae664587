/** Saved views: a name and a filter in the views table. */
import type { EarshotDb } from '../db/schema';
import type { InboxFilter, SavedView } from '../db/inbox-filter';
import type { Role } from '../settings/settings';

export async function saveView(db: EarshotDb, name: string, filter: InboxFilter): Promise<string> {
  const id = `view:${crypto.randomUUID()}`;
  await db.views.put({ id, name: name.trim() || 'Untitled view', filter: { ...filter }, createdAt: new Date().toISOString() });
  return id;
}

export async function deleteView(db: EarshotDb, id: string): Promise<void> {
  await db.views.delete(id);
}

/** The role changes the order (and so the number keys) of the views, never what they hold. */
const ROLE_FIRST: Record<Role, string[]> = {
  'community-manager': ['open', 'unassigned', 'queue', 'mine'],
  'support-agent': ['queue', 'mine', 'open', 'unassigned'],
  'team-lead': ['open', 'unassigned', 'queue', 'mine'],
};

export function orderViews(views: SavedView[], role: Role): SavedView[] {
  const first = ROLE_FIRST[role];
  const rank = (v: SavedView): number => {
    const i = first.indexOf(v.id);
    return i >= 0 ? i : first.length;
  };
  return views.map((v, i) => ({ v, i })).sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i).map((x) => x.v);
}

/** Where each role starts. */
export function defaultViewId(role: Role): string {
  return role === 'support-agent' ? 'queue' : 'open';
}
