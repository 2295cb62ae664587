/**
 * The inbox list's record cache, as a pure step: what the list draws after a read of the rows in
 * view. Records equal to the cached ones keep the cached object (a read gives every record back as a
 * new object; memoised rows then draw again only when their record really changed); the most
 * recently read come last, and the oldest fall out past `limit`.
 */
import { sameValue } from '../lib/same-value';

export function mergeWindow<T extends { id: string }>(
  cache: ReadonlyMap<string, T>,
  rows: readonly T[] | undefined,
  windowIds: readonly string[],
  primed: (id: string) => T | undefined,
  limit: number,
): Map<string, T> {
  const next = new Map(cache);
  for (const r of rows ?? []) {
    const had = next.get(r.id);
    next.delete(r.id);
    next.set(r.id, had && sameValue(had, r) ? had : r);
  }
  // A new filter's first rows: their records came with the query's head read (db/inbox-query.ts).
  for (const id of windowIds) {
    const p = next.has(id) ? undefined : primed(id);
    if (p) next.set(id, p);
  }
  while (next.size > limit) next.delete(next.keys().next().value!);
  return next;
}
