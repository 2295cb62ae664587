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

/**
 * The cache without the records a write just changed, except those in view: the list's read of the
 * rows in view is told of their change and reads them again, but a record kept from earlier is
 * not. Kept, it drew a conversation the customer reopened, back in the queue, as it was when it
 * left: resolved and read. `written` "all": a write that did not say which (a range deleted, a clear).
 * The cache itself when nothing in it was written.
 */
export function withoutWritten<T>(cache: Map<string, T>, written: readonly string[] | 'all', windowIds: readonly string[]): Map<string, T> {
  // Told after every write (2,000 mentions a page during a backlog): most name nothing cached.
  const cached = (written === 'all' ? [...cache.keys()] : written).filter((id) => cache.has(id));
  if (!cached.length) return cache;
  const inView = new Set(windowIds);
  const stale = cached.filter((id) => !inView.has(id));
  if (!stale.length) return cache;
  const next = new Map(cache);
  for (const id of stale) next.delete(id);
  return next;
}

/** Out-of-view writes remembered (the newest); older ones are dropped first. */
const WRITES_KEPT = 2000;

/**
 * When each record was last written while out of view (the due change's `committedAt`), so that a
 * read that ended before that write is not taken for it. The list's read of the rows in view is a
 * live query: when the window moves, it keeps giving its last result until the new read is in. A
 * record in that older result, read before the customer reopened the conversation, went back into
 * the cache after withoutWritten had taken it out, and the row came back drawn as it left (resolved
 * and read; a CI run under load). Writes to rows in view are not remembered: their read is told of
 * the write and reads them again, and a fresh read taken for stale would leave its row as it was.
 */
export class OutOfViewWrites {
  private readonly at = new Map<string, number>();
  /** The last write that did not say which records it wrote (a clear, a range deleted). */
  private allAt = -Infinity;

  note(written: readonly string[] | 'all', windowIds: readonly string[], committedAt: number): void {
    if (written === 'all') {
      this.allAt = Math.max(this.allAt, committedAt);
      return;
    }
    const inView = new Set(windowIds);
    for (const id of written) {
      if (inView.has(id)) continue;
      this.at.delete(id);
      this.at.set(id, committedAt);
    }
    while (this.at.size > WRITES_KEPT) this.at.delete(this.at.keys().next().value!);
  }

  /** The rows of a read that ended at `endedAt` (same clock as committedAt) without those written out of view after it ended. */
  fresh<T extends { id: string }>(rows: readonly T[] | undefined, endedAt: number): T[] | undefined {
    if (!rows) return rows;
    if (endedAt < this.allAt) return [];
    if (!this.at.size) return rows as T[];
    return rows.filter((r) => !((this.at.get(r.id) ?? -Infinity) > endedAt));
  }
}
