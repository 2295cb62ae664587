/** Which customer (from the CRM import) an author is: by handle per channel, on any linked identity. */
import type { AuthorRecord, CustomerRecord, EarshotDb } from '../db/schema';

/** `x:danawhit`: channel and handle, lower-case, without "@". */
export function handleKey(channel: string, handle: string): string {
  return `${channel}:${handle.trim().replace(/^@/, '').toLowerCase()}`;
}

export async function customerForAuthors(db: EarshotDb, authors: Pick<AuthorRecord, 'channel' | 'handle'>[]): Promise<CustomerRecord | undefined> {
  const keys = authors.filter((a) => a.handle).map((a) => handleKey(a.channel, a.handle));
  if (!keys.length) return undefined;
  return db.customers.where('handles').anyOf(keys).first();
}

/** "customer since 2019, Gold, open ticket" */
export function customerLine(c: CustomerRecord): string {
  const year = c.since ? (/\b(19|20)\d{2}\b/.exec(c.since)?.[0] ?? c.since) : undefined;
  return [year ? `customer since ${year}` : 'customer', c.plan, c.standing].filter(Boolean).join(', ');
}
