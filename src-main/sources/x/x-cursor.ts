/**
 * Where an X source is in the stream of posts, and what to ask for next. Pure functions.
 *
 * X answers newest first. With `since_id` we page back (next_token) to the last post we have; when
 * a poll stops before reaching it (the page cap, the read budget, a 429 in the middle) the part not
 * yet read is remembered as a gap (`until_id` = the oldest post read) and filled first next time,
 * so a burst is delayed, never lost. The cursor is plain JSON; the poller saves it only after the
 * outbox holds the mentions.
 */
import { z } from 'zod';
import { compareIds, snowflakeTime } from './x-normalize';

export interface XCursor {
  /** Newest post already delivered; the next poll asks for posts after it. */
  sinceId?: string;
  /** Used instead of sinceId until the source has seen its first post (ISO, seconds). */
  startTime?: string;
  /** Posts between the lower bound and `untilId` not read yet; `newestId` becomes sinceId once done. */
  gap?: { untilId: string; newestId: string };
}

const Id = z.string().regex(/^\d{1,25}$/);
const CursorSchema = z.object({
  sinceId: Id.optional(),
  startTime: z.string().datetime().optional(),
  gap: z.object({ untilId: Id, newestId: Id }).optional(),
});

/** Recent search only reaches back 7 days; keep a margin so a request is not refused at the edge. */
export const SEARCH_REACH_MS = 7 * 24 * 3600_000 - 10 * 60_000;
/** Posts show up in X's index a little after they are made; an empty first poll looks back this far. */
const INDEX_LAG_MS = 60_000;

/** An unreadable cursor is treated as none (a backfill), never as a crash. */
export function parseCursor(raw: unknown): { cursor?: XCursor; invalid: boolean } {
  if (raw === undefined || raw === null) return { invalid: false };
  const p = CursorSchema.safeParse(raw);
  return p.success ? { cursor: p.data, invalid: false } : { invalid: true };
}

export interface PollPlan {
  /** The query's bounds: `since_id` or `start_time`, plus `until_id` while filling a gap. */
  bounds: Record<string, string>;
  /** The first poll of a source: one page, no lower bound. */
  backfill: boolean;
  maxPages: number;
  /** The cursor the plan stands on, after any adjustment for search's 7-day reach. */
  base: XCursor;
  /** Things worth a log line (a range that can no longer be fetched). */
  notes: string[];
  /**
   * Posts at or below this id were delivered already. Set when search's 7-day reach forces
   * start_time instead of since_id (X ignores since_id when both are sent), so the poll drops them.
   */
  deliveredUpTo?: string;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function planPoll(cursor: XCursor | undefined, opts: { kind: 'x-mentions' | 'x-search'; nowMs: number; maxPages: number }): PollPlan {
  const notes: string[] = [];
  if (!cursor || (!cursor.sinceId && !cursor.startTime)) {
    return { bounds: {}, backfill: true, maxPages: 1, base: {}, notes };
  }
  let base: XCursor = { ...cursor };
  let deliveredUpTo: string | undefined;
  if (opts.kind === 'x-search') {
    const floor = opts.nowMs - SEARCH_REACH_MS;
    if (base.gap && snowflakeTime(base.gap.untilId) < floor) {
      notes.push(`posts older than ${isoSeconds(snowflakeTime(base.gap.untilId))} left unread are past recent search's 7 days and cannot be fetched`);
      base = { sinceId: base.gap.newestId };
    }
    if (base.sinceId && snowflakeTime(base.sinceId) < floor) {
      notes.push('the last post seen is older than recent search reaches (7 days); searching from 7 days ago');
      deliveredUpTo = base.sinceId;
      base = { startTime: isoSeconds(floor), gap: base.gap };
    } else if (!base.sinceId && base.startTime && Date.parse(base.startTime) < floor) {
      base = { startTime: isoSeconds(floor), gap: base.gap };
    }
  }
  const bounds: Record<string, string> = {};
  if (base.sinceId) bounds.since_id = base.sinceId;
  else if (base.startTime) bounds.start_time = base.startTime;
  if (base.gap) bounds.until_id = base.gap.untilId;
  return { bounds, backfill: false, maxPages: opts.maxPages, base, notes, ...(deliveredUpTo ? { deliveredUpTo } : {}) };
}

export interface Fetched {
  /** Newest and oldest post ids read in this poll (X's meta where given). */
  newestId?: string;
  oldestId?: string;
  /** True when the last page had no next_token: everything down to the lower bound was read. */
  complete: boolean;
}

export function advanceCursor(plan: PollPlan, got: Fetched, pollStartMs: number): XCursor {
  const { base } = plan;
  if (plan.backfill) {
    // One page only, by design: older history is not fetched (and not paid for).
    return got.newestId ? { sinceId: got.newestId } : { startTime: isoSeconds(pollStartMs - INDEX_LAG_MS) };
  }
  if (got.complete) {
    const known = base.sinceId ?? plan.deliveredUpTo;
    if (base.gap) return { sinceId: newest(base.gap.newestId, known) };
    if (got.newestId) return { sinceId: newest(got.newestId, known) };
    return plan.deliveredUpTo ? { sinceId: plan.deliveredUpTo } : base;
  }
  if (!got.oldestId) return base; // nothing read: ask the same again
  const lower: XCursor = base.sinceId ? { sinceId: base.sinceId } : { startTime: base.startTime };
  const top = base.gap?.newestId ?? got.newestId ?? got.oldestId;
  return { ...lower, gap: { untilId: got.oldestId, newestId: top } };
}

function newest(a: string, b: string | undefined): string {
  return b && compareIds(b, a) > 0 ? b : a;
}

/** Newest and oldest of some ids, for a `Fetched`. */
export function idRange(ids: Iterable<string>): { newestId?: string; oldestId?: string } {
  let newestId: string | undefined;
  let oldestId: string | undefined;
  for (const id of ids) {
    if (!newestId || compareIds(id, newestId) > 0) newestId = id;
    if (!oldestId || compareIds(id, oldestId) < 0) oldestId = id;
  }
  return { newestId, oldestId };
}
