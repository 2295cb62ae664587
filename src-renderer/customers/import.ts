/**
 * Importing customers: re-importing the same file (or a newer export of the CRM) updates the records
 * it matches — by CRM id, else by email, else by a handle — and never makes a second one.
 */
import type { CustomerRecord, EarshotDb } from '../db/schema';

export interface ImportResult {
  added: number;
  updated: number;
}

export async function importCustomers(db: EarshotDb, incoming: CustomerRecord[]): Promise<ImportResult> {
  return db.transaction('rw', db.customers, async () => {
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
    return { added, updated };
  });
}

export function countCustomers(db: EarshotDb): Promise<number> {
  return db.customers.count();
}
