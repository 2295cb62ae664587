/**
 * The fairness report from outcome rows in any order (the report worker no longer sorts 200,000 rows
 * by clock start first): the same report as from rows in clock order, with each week's bounds asked
 * of luxon once rather than once per run of rows in it; and the per-agent and per-channel medians
 * and p90s, found by selection instead of a sort, the same as computeFairness gives.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { DateTime } from 'luxon';
import { computeFairness, fairnessOfRows } from '../../../src-main/shared/sla/fairness';
import { outcomeRowsOf } from '../../../src-main/shared/sla/outcome-rows';
import { evaluateMentions } from '../../../src-main/shared/sla/outcomes';
import { mulberry32 } from '../../../src-main/shared/sla/stats';
import { syntheticLog } from './synthetic-log';

const NOW = '2027-01-02T00:00:00Z';

describe('the fairness report over rows in any order', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the same report from shuffled rows, asking luxon once per week', () => {
    const events = syntheticLog(20_000, 3);
    const evaluated = evaluateMentions(events, { now: NOW });
    const o = evaluated.outcomes;
    const rows = outcomeRowsOf(o);
    const rand = mulberry32(5);
    const shuffled = Array.from(o.keys());
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const luxon = vi.spyOn(DateTime, 'fromMillis');
    const report = fairnessOfRows(rows, shuffled, evaluated, {});
    const weeks = report.weekly.length;
    expect(weeks).toBeGreaterThan(40);
    // Once per week for its bounds (a few more for the policy's own dates at most), not per row.
    expect(luxon.mock.calls.length).toBeLessThan(weeks + 10);
    luxon.mockRestore();
    expect(report).toEqual(computeFairness(events, { now: NOW }));
    // Agents and channels have more answers than selection needs, so their figures came from it.
    expect(Object.values(report.byAgent).some((a) => a.answered >= 64)).toBe(true);
  });
});
