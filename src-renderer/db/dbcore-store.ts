/**
 * For Dexie DBCore middlewares that write a second store beside the one written (db/derived.ts: the
 * search rows; db/writes-mark.ts: the writes mark).
 */
import type { DBCore, DBCoreTable, DBCoreTransaction } from 'dexie';

/**
 * The store `name` when this transaction covers it; undefined where it does not, as in an upgrade
 * from a version before that store existed.
 */
export function storeInTransaction(down: DBCore, trans: DBCoreTransaction, name: string): DBCoreTable | undefined {
  const names = (trans as unknown as { objectStoreNames?: { contains(name: string): boolean } }).objectStoreNames;
  if (names && !names.contains(name)) return undefined;
  try {
    return down.table(name);
  } catch {
    return undefined;
  }
}
