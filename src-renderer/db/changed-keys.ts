/**
 * Which records a write touched, from Dexie's `storagemutated` event (fired after each committed
 * transaction, in this page and, through a BroadcastChannel, in the others). Dexie names the primary
 * keys of a write of fewer than 50 records; a bigger write, a clear or a range delete comes as a range,
 * which callers must take as "anything may have changed".
 */
import Dexie from 'dexie';

/** A node of Dexie's interval tree of keys (a plain object when it came from another page). */
interface KeyRange {
  from?: unknown;
  to?: unknown;
  d?: number;
  l?: KeyRange | null;
  r?: KeyRange | null;
}

/** Every key a part names, or undefined when it names a range wider than one key. */
function exactKeys(node: KeyRange | null | undefined, out: string[]): string[] | undefined {
  if (!node || node.d === 0) return out;
  if (exactKeys(node.l, out) === undefined) return undefined;
  if (typeof node.from !== 'string' || node.from !== node.to) return undefined;
  out.push(node.from);
  return exactKeys(node.r, out);
}

/**
 * The primary keys of `table` a mutation touched: [] when it did not touch the table, undefined when
 * it touched a range (take everything as changed).
 */
export function changedKeys(parts: Record<string, KeyRange | undefined>, table: string): string[] | undefined {
  const suffix = `/${table}/`;
  for (const [part, range] of Object.entries(parts)) if (part.endsWith(suffix)) return exactKeys(range, []);
  return [];
}

/** Calls back with the keys of `table` each committed write touched (undefined: a range, anything may have changed). */
export function onKeysChange(table: string, cb: (keys: string[] | undefined) => void): () => void {
  const handler = (parts: Record<string, KeyRange | undefined>): void => {
    const keys = changedKeys(parts, table);
    if (keys === undefined || keys.length) cb(keys);
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}
