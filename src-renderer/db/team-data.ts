/**
 * The team's shared data through the log (DESIGN.md "The log is the system of record"): SLA policy
 * versions, saved replies, customer import rows and hand-made identity links. A change is written
 * here at once and queued for the log (db/pending.ts) in the same transaction; every seat, and a
 * profile rebuilding from position 0, writes the same rows when the entry comes back in log order.
 * Where two seats change the same thing, the later entry in log order wins, on every seat: a seat
 * that has its own newer change pending keeps showing it until the log delivers it.
 */
import type { EntryOf, TypedLogEntry } from '../../src-main/shared/log-entry';
import type { EarshotDb, PendingRecord } from './schema';
import { newEventId } from './events';
import { metaKey, putMeta, record } from './meta';

export type TeamDataEntry = EntryOf<'policy'> | EntryOf<'saved-replies'> | EntryOf<'customer'> | EntryOf<'identity-link'>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id' | 'at'> : never;

export interface SavedReply {
  id: string;
  title: string;
  text: string;
}

/** The team's saved replies (absent: the starter set, composer/saved-replies.ts). Rows without text are dropped. */
export const SAVED_REPLIES = metaKey<SavedReply[]>('savedReplies', (raw) =>
  Array.isArray(raw) ? raw.filter((r): r is SavedReply => typeof record(r)?.text === 'string') : undefined,
);

export function isTeamData(e: TypedLogEntry): e is TeamDataEntry {
  return e.type === 'policy' || e.type === 'saved-replies' || e.type === 'customer' || e.type === 'identity-link';
}

/** Must run inside a transaction that includes db.pending; the caller calls pendingAdded() after it. */
export async function queueTeamData(db: EarshotDb, bodies: ReadonlyArray<WithoutId<TeamDataEntry> & { id?: string }>, at = new Date().toISOString()): Promise<void> {
  const rows: PendingRecord[] = bodies.map((b) => {
    const entry = { ...b, id: b.id ?? newEventId(), at } as TeamDataEntry;
    return { id: entry.id, entry };
  });
  await db.pending.bulkAdd(rows);
}

/** What a later entry of ours (still pending) would overwrite: then the earlier one is not shown. */
function keyOf(e: TeamDataEntry): string {
  switch (e.type) {
    case 'policy':
      return `policy:${e.version.id}`;
    case 'saved-replies':
      return 'saved-replies';
    case 'customer':
      return `customer:${e.customer.id}`;
    case 'identity-link':
      return `link:${e.authorKey}`;
  }
}

/**
 * Applies team-data entries in log order (inside applyPage's transaction). `pending` is this seat's
 * pending rows not confirmed by this page. Returns whether policy versions changed (the caller
 * reloads them before any later mention in the page gets its due time).
 */
export async function applyTeamData(db: EarshotDb, entries: readonly TeamDataEntry[], pending: readonly PendingRecord[]): Promise<{ policies: boolean }> {
  const mineLater = new Set(pending.map((p) => p.entry as TypedLogEntry).filter(isTeamData).map(keyOf));
  let policies = false;
  for (const e of entries) {
    if (mineLater.has(keyOf(e))) continue;
    switch (e.type) {
      case 'policy':
        await db.policies.put({ id: e.version.id, from: e.version.from, policy: e.version.policy, savedAt: e.at });
        policies = true;
        break;
      case 'saved-replies':
        await putMeta(db, SAVED_REPLIES, e.replies);
        break;
      case 'customer':
        await db.customers.put({ ...e.customer, importedAt: e.at });
        break;
      case 'identity-link':
        await db.authorLinks.put({ authorKey: e.authorKey, personId: e.personId });
        break;
    }
  }
  return { policies };
}
