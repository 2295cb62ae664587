/**
 * fairnessOfRowsSteps: the report worked out in steps (the report worker prepares the all-time one
 * that way, answering requests between steps) stops every few thousand rows and weeks, and ends
 * with the very report fairnessOfRows gives at once.
 */
import { describe, it, expect } from 'vitest';
import { computeFairness, fairnessOfRowsSteps } from '../../../src-main/shared/sla/fairness';
import { outcomeRowsOf } from '../../../src-main/shared/sla/outcome-rows';
import { evaluateMentions } from '../../../src-main/shared/sla/outcomes';
import { syntheticLog } from './synthetic-log';

const NOW = '2027-01-02T00:00:00Z';

describe('the fairness report in steps', () => {
  it('stops between steps and gives the same report as at once', () => {
    const events = syntheticLog(45_000, 9);
    const evaluated = evaluateMentions(events, { now: NOW });
    const o = evaluated.outcomes;
    const rows = outcomeRowsOf(o);
    const order = Array.from(o.keys()).sort((a, b) => o[a]!.clockStartMs - o[b]!.clockStartMs);
    const steps = fairnessOfRowsSteps(rows, order, evaluated, {});
    let stops = 0;
    let s = steps.next();
    for (; !s.done; s = steps.next()) stops++;
    // Two passes over 45,000 rows (tallies, weeks) and a year of weeks compared a few at a time.
    expect(stops).toBeGreaterThanOrEqual(2 + 2 + 1 + 52 / 4 - 1);
    expect(s.value).toEqual(computeFairness(events, { now: NOW }));
  });
});
