/**
 * Mentions written as history (an imported event log, the demo weeks) are stored but are not news:
 * the live region must not say "1,099 new mentions" and the inbox must not show "1,099 new since
 * you last looked" because the demo history was written. The counts both read are every mention
 * stored (db/awaiting-due.ts), so the importer says how many it is writing (expectHistory, inside
 * its transaction, before the put) and the live region takes that many out of the growth it sees
 * (liveTotal). UI state only, in the page that imports. Only the mentions: an imported open mention
 * already past its due time still counts as a breach the live region says (the banner shows it too).
 */

interface Expected {
  /** Mentions of this write not yet taken out of a count's growth. */
  left: number;
  /** performance.now() when its transaction committed; undefined until then. */
  committedAt?: number;
}

let expected: Expected[] = [];
/** The last total seen, and how many of it are history. */
let last: number | undefined;
let history = 0;

/** What the importer does once its transaction ends: committed, or abandoned (nothing written). */
export interface HistoryWrite {
  committed(): void;
  abandoned(): void;
}

/** An import is about to write `mentions` new mentions (called inside its transaction, before the put). */
export function expectHistory(mentions: number): HistoryWrite {
  const e: Expected = { left: mentions };
  if (mentions > 0) expected.push(e);
  return {
    committed: () => void (e.committedAt = performance.now()),
    abandoned: () => void (expected = expected.filter((x) => x !== e)),
  };
}

/**
 * The stored total without the history written since counting began. `total`: every mention stored,
 * as counted from `askedAt` (performance.now() when the count was asked for). Growth is history
 * first, up to what importers said they write; a write committed before the count was asked for is
 * wholly in this total, so what is left of it was in an earlier total (the first one, the baseline)
 * and is forgotten. A drop takes history out first.
 */
export function liveTotal(total: number, askedAt: number): number {
  if (last !== undefined && total > last) {
    let grew = total - last;
    for (const e of expected) {
      const take = Math.min(grew, e.left);
      e.left -= take;
      history += take;
      grew -= take;
      if (!grew) break;
    }
  } else if (last !== undefined && total < last) {
    // Mentions deleted (the demo history taken out): history first, so later arrivals are never
    // hidden behind mentions that are gone; a drop of other mentions at worst keeps the figure up.
    history -= Math.min(history, last - total);
  }
  last = total;
  expected = expected.filter((e) => e.left > 0 && !(e.committedAt !== undefined && e.committedAt < askedAt));
  return Math.max(0, total - history);
}

/** Forgets everything (tests). */
export function resetHistoryWrites(): void {
  expected = [];
  last = undefined;
  history = 0;
}
