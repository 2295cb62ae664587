/**
 * Rows whose index holds any of many keys, for the write path. Dexie's `anyOf` walks one cursor and
 * jumps to each key in turn: a round trip between the page and the database per key, so 2,000 keys
 * cost 2,000 waits. Here every key is one `getAll` request, all issued at once, which the database
 * answers back to back. Rows reached by several keys (multi-entry indexes) come once.
 */
import type { IndexableType, Table } from 'dexie';

export async function rowsWithAnyOf<T, K extends IndexableType>(table: Table<T, K>, index: string, keys: readonly IndexableType[]): Promise<T[]> {
  if (!keys.length) return [];
  const lists = await Promise.all([...new Set(keys)].map((k) => table.where(index).equals(k).toArray()));
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
