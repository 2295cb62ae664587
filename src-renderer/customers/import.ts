/**
 * Importing customers: re-importing the same file (or a newer export of the CRM) updates the records
 * it matches — by CRM id, else by email, else by a handle — and never makes a second one.
 */
import type { CustomerRecord, EarshotDb } from '../db/schema';
import { queueTeamData } from '../db/team-data';
import { pendingAdded } from '../db/pending';

export interface ImportResult {
  added: number;
  updated: number;
}

export async function importCustomers(db: EarshotDb, incoming: CustomerRecord[]): Promise<ImportResult> {
  const result = await db.transaction('rw', [db.customers, db.pending], async () => {
    let added = 0;
    let updated = 0;
    const puts = new Map<string, CustomerRecord>();
    for (const c of incoming) {
      const prev =
        (await db.customers.get(c.id)) ??
        (c.email ? await db.customers.where('email').equals(c.email).first() : undefined) ??
        (c.handles.length ? await db.customers.where('handles').anyOf(c.handles).first() : undefined);
      const id = prev?.id ?? c.id;
      if (prev || puts.has(id)) updated++;
      else added++;
      // The newer export wins field by field; what it leaves empty is kept from before.
      const base = puts.get(id) ?? prev;
      puts.set(id, {
        ...base,
        ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== '')),
        id,
        handles: c.handles.length ? c.handles : (base?.handles ?? []),
        extra: { ...(base?.extra ?? {}), ...c.extra },
      } as CustomerRecord);
    }
    await db.customers.bulkPut([...puts.values()]);
    // Each row through the log, so every seat matches the same customers.
    await queueTeamData(
      db,
      [...puts.values()].map(({ importedAt: _at, ...customer }) => ({ type: 'customer' as const, customer })),
    );
    return { added, updated };
  });
  pendingAdded();
  return result;
}

export function countCustomers(db: EarshotDb): Promise<number> {
  return db.customers.count();
}
