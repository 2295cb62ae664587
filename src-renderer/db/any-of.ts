/**
 * Rows or keys whose index holds any of many values. Dexie's `anyOf` walks one cursor and jumps to
 * each value in turn: a round trip between the page and the database per value, so 2,000 values
 * cost 2,000 waits. Here every value is one request (`getAll` / `getAllKeys`), all issued at once,
 * which the database answers back to back. Used by the write path (rows) and the inbox filter (keys).
 */
import type { Collection, IndexableType, Table } from 'dexie';

function perValue<T, K, R>(table: Table<T, K>, index: string, values: readonly IndexableType[], read: (c: Collection<T, K>) => Promise<R[]>): Promise<R[][]> {
  return Promise.all([...new Set(values)].map((v) => read(table.where(index).equals(v))));
}

/** Primary keys of the rows holding any of `values`; a row reached by several values of a multi-entry index may repeat. */
export async function keysWithAnyOf<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<K[]> {
  if (!values.length) return [];
  const lists = await perValue(table, index, values, (c) => c.primaryKeys());
  return lists.length === 1 ? lists[0]! : lists.flat();
}

/** The rows holding any of `values`, each once. */
export async function rowsWithAnyOf<T, K extends IndexableType>(table: Table<T, K>, index: string, values: readonly IndexableType[]): Promise<T[]> {
  if (!values.length) return [];
  const lists = await perValue(table, index, values, (c) => c.toArray());
  if (lists.length === 1) return lists[0]!;
  const pk = table.schema.primKey.keyPath as string;
  const seen = new Set<unknown>();
  const out: T[] = [];
  for (const list of lists)
    for (const row of list) {
      const id = (row as Record<string, unknown>)[pk];
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(row);
    }
  return out;
}
