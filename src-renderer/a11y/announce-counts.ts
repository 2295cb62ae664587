/**
 * The live region's two numbers (every mention, and those past due), kept current at a bounded
 * cost. IndexedDB counts by walking the range: on disk, at 200,000 mentions with 120,000 open, the
 * three counts took 3-4 s, and every other read of the store (the inbox's list among them) waited
 * behind them. Counted again every 2 s as the clock passed the next due time, they piled up faster
 * than they ended, and the inbox list never finished reading.
 *
 * So: the past-due figure comes from the due times held in memory (db/awaiting-due.ts); every
 * mention is counted again only after writes, one count
 * at a time, no more than BACKGROUND_SHARE of the time (a count that took 1 s is not repeated for
 * 4 s, however many writes come), and not within SETTLE_MS of the last write, so the inbox's read of
 * a mention just heard goes first.
 */
import type { EarshotDb } from '../db/schema';
import { countMentions } from '../db/queries';
import { awaitingDue } from '../db/awaiting-due';
import { backoffAfter } from '../db/throttled-live-query';

export interface AnnounceCounts {
  total: number;
  pastDue: number;
}

export interface AnnounceCounter {
  /** A write touched the mentions: count every mention again (when the pacing allows). */
  changed(): void;
  /** The counts as of `nowMs` (the total as of the last count, when one is not allowed yet); one at a time. */
  counts(nowMs: number): Promise<AnnounceCounts>;
  /** Counts of every mention made so far (tests). */
  readonly fullCounts: number;
}

/** A count waits this long after the last write (the inbox's counters wait as long: inbox-data.ts). */
export const SETTLE_MS = 500;

export function announceCounter(db: EarshotDb, clock: () => number = Date.now): AnnounceCounter {
  let changed = true;
  let changedAt = -Infinity;
  let last: AnnounceCounts | undefined;
  let notBefore = -Infinity;
  let full = 0;
  let inFlight: Promise<AnnounceCounts> | undefined;

  const count = async (nowMs: number): Promise<AnnounceCounts> => {
    const started = clock();
    if (!last || (changed && started >= notBefore && started - changedAt >= SETTLE_MS)) {
      changed = false;
      const due = awaitingDue(db);
      const total = await countMentions(db);
      full++;
      const ended = clock();
      notBefore = ended + backoffAfter(ended - started, Infinity);
      last = { total, pastDue: (await due).pastDue(nowMs, 'late') };
    } else if (!changed) {
      // The clock alone moved: only the past-due figure can have.
      last = { total: last.total, pastDue: (await awaitingDue(db)).pastDue(nowMs, 'late') };
    }
    // A write not counted yet: both figures as of the last count, so the two always go together (a
    // mention that arrives past due is one sentence: new, and past its due time).
    return last;
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
