/**
 * Keys whose index holds any of many values. Dexie's `anyOf` walks one cursor and jumps to each
 * value in turn: a round trip between the page and the database per value, so 2,000 values cost
 * 2,000 waits. Here every value is one `getAllKeys`, all issued at once, which the database answers
 * back to back. Used by the inbox filter and, inside the page's transaction, by the write path.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import { nativeTransaction, settleAll } from './native-requests';

/** Primary keys of the rows holding any of `values`; a row reached by several values of a multi-entry index may repeat. */
export async function keysWithAnyOf<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  if (!values.length) return [];
  const lists = await Promise.all([...new Set(values)].map((v) => table.where(index).equals(v).primaryKeys()));
  return lists.length === 1 ? lists[0]! : lists.flat();
}

/**
 * Inside a transaction: the primary keys of the rows holding any of `values`, each once, read with
 * one native `getAllKeys` per value, all issued at once (native-requests.ts). Keys only, so a hit
 * costs no row read here (the caller reads the rows it needs). Outside a transaction (or without the
 * native one at hand) it falls back to keysWithAnyOf.
 */
export function keysInTransaction<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  const distinct = [...new Set(values)];
  if (!distinct.length) return Dexie.Promise.resolve([]);
  const idb = nativeTransaction(table);
  if (!idb) return keysWithAnyOf(table, index, distinct).then((keys) => [...new Set(keys)]);
  const source = idb.objectStore(table.name).index(index);
  return settleAll<K[]>(
    distinct.map((v) => () => source.getAllKeys(v)),
    `${table.name}.${index}`,
  ).then((lists) => [...new Set(lists.flat())]);
}
