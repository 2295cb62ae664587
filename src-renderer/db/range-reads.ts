/**
 * Inside the page's transaction: the stored rows whose key (or index) holds any of many string
 * values, read by key RANGE rather than one request per value. Most values of a batch find nothing
 * (a fresh mention's id, its conversation, its network id among our replies), and a request per
 * value cost more than the mention's own put: an index `getAllKeys` per value, 20,000 of them for a
 * 20,000-mention backlog, took as long as half the puts (measured in Chromium, tmp profile of issue
 * 11). Here the values are sorted and cut into runs; each run is ONE `getAllKeys` over
 * [first, last] of the run, capped. A run whose range holds more than the cap (its values interleave
 * with many stored keys) is read value by value instead, as before. The keys found are then read as
 * rows in one go, and each row is matched to the values it really holds (a range also finds rows
 * between the values), so the answer is exactly what one read per value gives, in the same order.
 */
import Dexie, { type Table } from 'dexie';
import { keysInTransaction } from './any-of';
import { nativeTransaction, settleAll, type NativeTransaction } from './native-requests';

/** Values per range read, and how many keys a range may hold before its run is read value by value. */
const RUN = 64;
const CAP = 2 * RUN;

interface KeyRanges {
  bound(lower: unknown, upper: unknown): unknown;
}

export interface RowsWithAnyOf<T> {
  /** Primary keys of the rows holding any of the values: value by value, keys ascending, each once. */
  keys: string[];
  /** Those rows by primary key. */
  rows: Map<string, T>;
}

/**
 * Rows of `table` (string primary keys) whose `index` (`':id'` for the primary key) holds any of
 * `values`; `keysOf` gives what a row holds at that index (its id, its conversation id, its reply
 * ids), so the rows a range finds between the values are told apart. Outside a transaction (or
 * without the native one at hand) it reads value by value the Dexie way.
 */
export function rowsWithAnyOf<T>(table: Table<T, string>, index: string, values: readonly string[], keysOf: (row: T) => unknown): Promise<RowsWithAnyOf<T>> {
  const distinct = [...new Set(values)];
  const wanted = new Set(distinct);
  const primary = index === ':id';
  const idb = nativeTransaction(table);
  const ranges = (Dexie.dependencies as { IDBKeyRange?: KeyRanges }).IDBKeyRange;
  if (!distinct.length) return Dexie.Promise.resolve({ keys: [], rows: new Map<string, T>() });

  let candidates: Promise<string[]>;
  if (!idb || !ranges) {
    candidates = primary ? table.bulkGet(distinct).then((rows) => distinct.filter((_, i) => rows[i] !== undefined)) : keysInTransaction(table, index, distinct);
  } else {
    const store = idb.objectStore(table.name);
    const source = primary ? store : store.index(index);
    // IndexedDB orders strings by UTF-16 code units, as JavaScript's default sort does.
    const sorted = [...distinct].sort();
    const runs: string[][] = [];
    for (let i = 0; i < sorted.length; i += RUN) runs.push(sorted.slice(i, i + RUN));
    candidates = settleAll<string[]>(
      runs.map((run) => () => source.getAllKeys(ranges.bound(run[0], run[run.length - 1]), CAP + 1)),
      `${table.name}.${index}`,
    ).then((found) => {
      const keys: string[] = [];
      const crowded: string[] = [];
      found.forEach((list, i) => (list.length > CAP ? crowded.push(...runs[i]!) : keys.push(...list)));
      // A primary key is the value itself: only the wanted ones are rows to read.
      const inRanges = primary ? keys.filter((k) => wanted.has(k)) : keys;
      if (!crowded.length) return inRanges;
      const exact = primary ? settleAll<string[]>(crowded.map((v) => () => store.getAllKeys(v)), table.name).then((l) => l.flat()) : keysInTransaction(table, index, crowded);
      return exact.then((more) => [...inRanges, ...more]);
    });
  }
  return candidates.then((keys) => readRows(table, [...new Set(keys)], idb)).then((rows) => matchRows(rows, distinct, wanted, keysOf));
}

/** The rows of `keys` (all stored), natively in the transaction when there is one. */
function readRows<T>(table: Table<T, string>, keys: string[], idb: NativeTransaction | null | undefined): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const fill = (rows: ReadonlyArray<T | undefined>): Map<string, T> => {
    rows.forEach((r, i) => r !== undefined && out.set(keys[i]!, r));
    return out;
  };
  if (!keys.length) return Dexie.Promise.resolve(out);
  if (!idb) return table.bulkGet(keys).then(fill);
  const store = idb.objectStore(table.name);
  return settleAll<T | undefined>(
    keys.map((k) => () => store.get(k)),
    table.name,
  ).then(fill);
}

/** Each value's rows (by what the row holds), in the caller's value order, keys ascending, each key once. */
function matchRows<T>(rows: Map<string, T>, values: readonly string[], wanted: ReadonlySet<string>, keysOf: (row: T) => unknown): RowsWithAnyOf<T> {
  const byValue = new Map<string, string[]>();
  for (const [key, row] of rows) {
    const held = keysOf(row);
    for (const v of new Set(Array.isArray(held) ? held : [held])) {
      if (typeof v !== 'string' || !wanted.has(v)) continue;
      const list = byValue.get(v) ?? [];
      list.push(key);
      byValue.set(v, list);
    }
  }
  const keys = new Set<string>();
  for (const v of values) for (const k of (byValue.get(v) ?? []).sort()) keys.add(k);
  const held = new Map<string, T>();
  for (const k of keys) held.set(k, rows.get(k)!);
  return { keys: [...keys], rows: held };
}
