/**
 * The live region's total without imported history (src-renderer/a11y/history-writes.ts): the
 * history stored, counted from the due changes that say `history`; a clear leaves none.
 */
import { describe, it, expect } from 'vitest';
import { historyAfter, liveTotal } from '../../src-renderer/a11y/history-writes';
import { sinceLooked, useNewSince } from '../../src-renderer/a11y/new-since';
import type { DueChange } from '../../src-renderer/db/due-changes';

const change = (due: number, gone: number, history: boolean): DueChange => ({
  db: 'earshot',
  seq: 1,
  due: Array.from({ length: due }, (_, i) => [`m${i}`, null] as [string, null]),
  unread: [],
  gone: Array.from({ length: gone }, (_, i) => `g${i}`),
  ...(history ? { history: true as const } : {}),
});

describe('history stored', () => {
  it('counts what history writes add and take out, and nothing else', () => {
    let n = historyAfter(0, change(1099, 0, true)); // the demo weeks
    expect(n).toBe(1099);
    n = historyAfter(n, change(3, 0, false)); // arrivals
    expect(n).toBe(1099);
    n = historyAfter(n, change(0, 2, false)); // two live mentions deleted
    expect(n).toBe(1099);
    n = historyAfter(n, change(0, 1099, true)); // the demo history taken out
    expect(n).toBe(0);
  });

  it('is none after a clear (a change that did not say which mentions)', () => {
    expect(historyAfter(500, { db: 'earshot', seq: 2, all: true })).toBe(0);
  });

  it('is left out of the total, never below none', () => {
    expect(liveTotal(1112, 1099)).toBe(13);
    expect(liveTotal(10, 1099)).toBe(0);
  });
});

describe('new since you last looked, when mentions are deleted', () => {
  it('does not count a drop, and the arrivals after it count from the new total', () => {
    useNewSince.setState({ total: undefined, lookedAt: undefined });
    const s = useNewSince.getState();
    s.setTotal(100); // the baseline
    s.setTotal(103);
    expect(sinceLooked(useNewSince.getState())).toBe(3);
    s.setTotal(53); // fifty deleted
    expect(sinceLooked(useNewSince.getState())).toBe(3);
    s.setTotal(55);
    expect(sinceLooked(useNewSince.getState())).toBe(5);
    s.look();
    s.setTotal(56);
    expect(sinceLooked(useNewSince.getState())).toBe(1);
  });
});
