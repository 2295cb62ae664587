/**
 * The live region's two numbers (every mention, and those past due), kept current at a bounded
 * cost. IndexedDB counts by walking the range: on disk, at 200,000 mentions with 120,000 open, the
 * three counts take 3-4 s, and every other read of the store (the inbox's list among them) waits
 * behind them. Counted again every 2 s as the clock passed the next due time, they piled up faster
 * than they ended, and the inbox list never finished reading.
 *
 * So: never two counts at once; by the clock alone, only the mentions that fell due since are
 * counted (a small range); after writes, everything again, but no more than BACKGROUND_SHARE of
 * the time (a count that took 3 s is not repeated for 12 s, however many writes come), and not
 * within SETTLE_MS of the last write, so the inbox's read of a mention just heard goes first.
 */
import type { EarshotDb } from '../db/schema';
import { countFellDue, countMentions, countPastDue, nextDueFrom } from '../db/queries';
import { BACKGROUND_SHARE } from '../db/throttled-live-query';

export interface AnnounceCounts {
  total: number;
  pastDue: number;
}

export interface AnnounceCounter {
  /** A write touched the mentions: count everything again (when the pacing allows). */
  changed(): void;
  /** The counts as of `nowMs` (or of the last full count, when one is not allowed yet); one at a time. */
  counts(nowMs: number): Promise<AnnounceCounts>;
  /** Full counts made so far (tests). */
  readonly fullCounts: number;
}

/** A full count waits this long after the last write (the inbox's counters wait as long: inbox-data.ts). */
export const SETTLE_MS = 500;

export function announceCounter(db: EarshotDb, clock: () => number = Date.now): AnnounceCounter {
  let changed = true;
  let changedAt = -Infinity;
  let last: (AnnounceCounts & { at: number }) | undefined;
  /** When the past-due count next changes by the clock alone. */
  let nextDue = -Infinity;
  let notBefore = -Infinity;
  let full = 0;
  let inFlight: Promise<AnnounceCounts> | undefined;

  const count = async (nowMs: number): Promise<AnnounceCounts> => {
    const started = clock();
    if (!last || (changed && started >= notBefore && started - changedAt >= SETTLE_MS)) {
      changed = false;
      const [total, pastDue, next] = await Promise.all([countMentions(db), countPastDue(db, nowMs), nextDueFrom(db, nowMs)]);
      full++;
      last = { total, pastDue, at: nowMs };
      nextDue = next ?? Infinity;
      const ended = clock();
      notBefore = ended + (ended - started) * (1 / BACKGROUND_SHARE - 1);
    } else if (nowMs >= nextDue && nowMs > last.at) {
      const [fell, next] = await Promise.all([countFellDue(db, last.at, nowMs), nextDueFrom(db, nowMs)]);
      last = { ...last, pastDue: last.pastDue + fell, at: nowMs };
      nextDue = next ?? Infinity;
    }
    return { total: last.total, pastDue: last.pastDue };
  };

  return {
    changed: () => {
      changed = true;
      changedAt = clock();
    },
    counts(nowMs) {
      inFlight ??= count(nowMs).finally(() => (inFlight = undefined));
      return inFlight;
    },
    get fullCounts() {
      return full;
    },
  };
}
