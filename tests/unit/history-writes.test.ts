/**
 * The live region's total without imported history (src-renderer/a11y/history-writes.ts): growth is
 * history first, up to what importers said they write; what a committed write left over was in an
 * earlier total and is forgotten; a drop takes history out first.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { expectHistory, liveTotal, resetHistoryWrites } from '../../src-renderer/a11y/history-writes';
import { sinceLooked, useNewSince } from '../../src-renderer/a11y/new-since';

describe('history writes', () => {
  // One clock for the commits (performance.now) and the counts: each reading a tick later.
  let clock = 0;
  const ask = (total: number): number => liveTotal(total, ++clock);
  beforeEach(() => {
    resetHistoryWrites();
    clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
  });
  afterEach(() => vi.restoreAllMocks());

  it('leaves an import out of the growth, and counts live arrivals around it', () => {
    expect(ask(10)).toBe(10); // the baseline
    const w = expectHistory(1099);
    expect(ask(12)).toBe(10); // two of the import counted already: not news
    expect(ask(1109 + 3)).toBe(13); // the rest of it, and three arrivals
    w.committed();
    expect(ask(1115)).toBe(16); // the import is all taken out: arrivals are news again
  });

  it('forgets what is left of a write committed before the baseline was counted', () => {
    const w = expectHistory(500);
    w.committed();
    expect(ask(510)).toBe(510); // the baseline holds the import: nothing to take out later
    expect(ask(512)).toBe(512);
  });

  it('keeps a write that commits after its count was asked for, for the count after', () => {
    expect(ask(10)).toBe(10);
    const w = expectHistory(100);
    const askedAt = ++clock;
    w.committed(); // committed after this count was asked for (the count may not hold it)
    expect(liveTotal(10, askedAt)).toBe(10);
    expect(ask(110)).toBe(10);
  });

  it('an abandoned import takes nothing out', () => {
    expect(ask(10)).toBe(10);
    expectHistory(50).abandoned();
    expect(ask(12)).toBe(12);
  });

  it('a drop takes history out first, so arrivals after the demo history is removed are news', () => {
    expect(ask(100)).toBe(100);
    expectHistory(1000).committed();
    expect(ask(1100)).toBe(100);
    expect(ask(100)).toBe(100); // the history removed
    expect(ask(105)).toBe(105);
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
