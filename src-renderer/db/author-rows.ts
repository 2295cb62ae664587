/**
 * Author rows as ingest and the log import write them: an author's profile (the Author fields, its
 * channel and reach) and when it was first seen. A row is written only when the author is new or
 * its profile changed (issue 11: writing it for every mention heard made it a third of the records
 * a backlog wrote). How many mentions an author has, and when, is read from the mentions'
 * [authorKey+createdMs] index (authors/author-data.ts), so nothing per mention is kept here.
 */
import type { Mention } from '../../src-main/shared/mention';
import type { AuthorRecord } from './schema';

/** Whether `m` says something about its author that `prev` does not hold. */
function profileChanged(prev: AuthorRecord, m: Mention): boolean {
  if (prev.channel !== m.channel || prev.reach?.score !== m.reach.score || prev.reach?.tier !== m.reach.tier) return true;
  const held = prev as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(m.author)) if (held[k] !== v) return true;
  return false;
}

/**
 * The row to write for an author after hearing `latest` (its newest mention; `first`, its first
 * when the author is new), or undefined when the stored row already says all of it. Fields the
 * mention does not name are kept from the stored row; the per-mention counts of v1-v6 are dropped.
 */
export function authorRowAfter(prev: AuthorRecord | undefined, first: Mention, latest: Mention): AuthorRecord | undefined {
  if (prev && !profileChanged(prev, latest)) return undefined;
  const { mentionCount: _count, lastSeenAt: _last, ...kept } = prev ?? ({} as Partial<AuthorRecord>);
  return { ...kept, ...latest.author, channel: latest.channel, reach: latest.reach, firstSeenAt: prev?.firstSeenAt ?? first.createdAt };
}
