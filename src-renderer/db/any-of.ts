/**
 * Keys whose index holds any of many values. Dexie's `anyOf` walks one cursor and jumps to each
 * value in turn: a round trip between the page and the database per value, so 2,000 values cost
 * 2,000 waits. Here every value is one `getAllKeys`, all issued at once, which the database answers
 * back to back. Used by the inbox filter and, inside the page's transaction, by the write path.
 */
import Dexie, { type IndexableType, type Table, type Transaction } from 'dexie';

/** Primary keys of the rows holding any of `values`; a row reached by several values of a multi-entry index may repeat. */
export async function keysWithAnyOf<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  if (!values.length) return [];
  const lists = await Promise.all([...new Set(values)].map((v) => table.where(index).equals(v).primaryKeys()));
  return lists.length === 1 ? lists[0]! : lists.flat();
}

/** The few native IndexedDB shapes used here (this file is also compiled without the DOM library). */
interface NativeRequest {
  result: unknown;
  error: unknown;
  onsuccess: ((e: { target: unknown }) => void) | null;
  onerror: ((e: { target: unknown }) => void) | null;
}
interface NativeTransaction {
  objectStore(name: string): { index(name: string): { getAllKeys(query: unknown): NativeRequest } };
}

/**
 * Inside a transaction: the primary keys of the rows holding any of `values`, each once, read with
 * one native `getAllKeys` per value, all issued at once and settled as ONE promise. The per-value
 * Dexie query (a collection, a promise and a zone switch per value) cost more than the database's
 * own work at 2,000 values a batch, and most values find nothing; keys only, so a hit costs no row
 * read here (the caller reads the rows it needs). The promise is Dexie's, settled from the requests'
 * own callbacks, so the caller keeps its transaction (no native async step in between).
 * Outside a transaction (or without the native one at hand) it falls back to keysWithAnyOf.
 */
export function keysInTransaction<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  const trans: Transaction | null = Dexie.currentTransaction;
  const idb = (trans as unknown as { idbtrans?: NativeTransaction | null } | null)?.idbtrans;
  const distinct = [...new Set(values)];
  if (!distinct.length) return Dexie.Promise.resolve([]);
  if (!idb || !trans.storeNames.includes(table.name)) return keysWithAnyOf(table, index, distinct).then((keys) => [...new Set(keys)]);
  return new Dexie.Promise<K[]>((resolve, reject) => {
    const source = idb.objectStore(table.name).index(index);
    const found = new Set<K>();
    let left = distinct.length;
    const done = (e: { target: unknown }): void => {
      for (const k of (e.target as NativeRequest).result as K[]) found.add(k);
      if (--left === 0) resolve([...found]);
    };
    const failed = (e: { target: unknown }): void => reject((e.target as NativeRequest).error ?? new Error(`reading ${table.name}.${index} failed`));
    for (const v of distinct) {
      const req = source.getAllKeys(v);
      req.onsuccess = done;
      req.onerror = failed;
    }
  });
}
