/**
 * Where a feed source stands: the validators of the last 200 (so the next poll can be a 304) and
 * the keys of the items already yielded (so a 200 with the same items yields nothing). Plain JSON;
 * the poller saves it only after the outbox holds the mentions.
 */
import { z } from 'zod';

export interface FeedCursor {
  etag?: string;
  lastModified?: string;
  /** Item keys already yielded, most recently seen first, at most MAX_SEEN. */
  seen: string[];
}

/** Far more than any feed carries at once (feeds keep their newest 10 to a few hundred items). */
export const MAX_SEEN = 5000;

const CursorSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  seen: z.array(z.string()),
});

/** An unreadable cursor is treated as none: every item is yielded again, under the same ids. */
export function parseFeedCursor(raw: unknown): { cursor: FeedCursor; invalid: boolean } {
  if (raw === undefined || raw === null) return { cursor: { seen: [] }, invalid: false };
  const p = CursorSchema.safeParse(raw);
  return p.success ? { cursor: p.data, invalid: false } : { cursor: { seen: [] }, invalid: true };
}

/**
 * The cursor after a 200: the new validators (a header the server stopped sending is dropped), and
 * the feed's current keys first, then the older ones, cut to MAX_SEEN. An item that left the feed
 * is remembered until 5000 newer ones push it out, so one that comes back is not yielded twice.
 */
export function advanceFeedCursor(prev: FeedCursor, v: { etag?: string; lastModified?: string }, currentKeys: string[]): FeedCursor {
  const current = new Set(currentKeys);
  const seen = [...current, ...prev.seen.filter((k) => !current.has(k))].slice(0, MAX_SEEN);
  const next: FeedCursor = { seen };
  if (v.etag) next.etag = v.etag;
  if (v.lastModified) next.lastModified = v.lastModified;
  return next;
}
