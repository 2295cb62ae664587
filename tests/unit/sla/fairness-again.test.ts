/**
 * fairnessAgain (fairness.ts): the report after some rows' flags changed, from the last pass's
 * tallies moved, gives what a pass over the rows as they are now gives; it declines what it cannot
 * take (a row answered since, an agent the pass never saw) and leaves the tallies as they were; and
 * the times the pass handed over may be rearranged by the caller without changing a figure after.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { fairnessAgain, fairnessOfRows, fairnessOfRowsSteps, type FlagsChange, type RowsExtras } from '../../../src-main/shared/sla/fairness';
import { flagsOf, outcomeRowsOf } from '../../../src-main/shared/sla/outcome-rows';
import { evaluateMentions, type EvaluatedLog, type MentionOutcome } from '../../../src-main/shared/sla/outcomes';
import { forgetIntervals, mulberry32 } from '../../../src-main/shared/sla/stats';
import { CHANNELS, REACH_TIERS } from '../../../src-main/shared/mention';
import { syntheticLog } from './synthetic-log';

const evaluated = evaluateMentions(syntheticLog(3_000, 5), { now: '2026-03-01T00:00:00Z' });

/** The pass over `outcomes` in steps, with what it leaves. */
function pass(outcomes: MentionOutcome[]): { report: ReturnType<typeof fairnessOfRows>; extras: RowsExtras } {
  const extras: RowsExtras = {};
  const steps = fairnessOfRowsSteps(outcomeRowsOf(outcomes), Array.from(outcomes.keys()), evaluated, {}, extras);
  for (;;) {
    const s = steps.next();
    if (s.done) return { report: s.value, extras };
  }
}

const flags = (o: MentionOutcome): number => flagsOf(o.firstResponseMinutes !== null, o.breached, o.unansweredPastDue);
const change = (was: MentionOutcome, now: MentionOutcome): FlagsChange => ({
  tierIndex: REACH_TIERS.indexOf(now.tier),
  channelIndex: CHANNELS.indexOf(now.channel),
  agent: now.agent,
  clockStartMs: now.clockStartMs,
  skips: now.skips,
  was: flags(was),
  now: flags(now),
});
const rest: Omit<EvaluatedLog, 'outcomes'> = evaluated;

describe('fairnessAgain', () => {
  beforeEach(() => forgetIntervals());

  it('gives the figures of a pass over the rows as they are now, when unanswered rows went past due', () => {
    // Every unanswered row of the log is past due by now: before, half of them were not yet.
    const after = evaluated.outcomes;
    const rand = mulberry32(3);
    const late = after.map((o, k) => [o, k] as const).filter(([o]) => o.firstResponseMinutes === null && o.unansweredPastDue);
    expect(late.length).toBeGreaterThan(20);
    const before = after.slice();
    const changes: FlagsChange[] = [];
    for (const [o, k] of late) {
      if (rand() < 0.5) continue;
      before[k] = { ...o, unansweredPastDue: false, breached: false };
      changes.push(change(before[k]!, o));
    }
    const { extras } = pass(before);
    const moved = fairnessAgain(extras.tallies!, changes, rest, {});
    expect(moved).toEqual(fairnessOfRows(outcomeRowsOf(after), Array.from(after.keys()), rest, {}));
    expect(moved).not.toEqual(pass(before).report);
  });

  it('declines a row answered since, or an agent the pass never saw, and leaves the tallies as they were', () => {
    const { report, extras } = pass(evaluated.outcomes);
    const k = evaluated.outcomes.findIndex((o) => o.firstResponseMinutes === null);
    const o = evaluated.outcomes[k]!;
    const answeredSince = { ...change(o, o), now: flags(o) | flagsOf(true, false, false) };
    const stranger = { ...change(o, { ...o, unansweredPastDue: true, breached: true }), agent: 'nobody-seen' };
    const good = change(o, { ...o, unansweredPastDue: !o.unansweredPastDue, breached: !o.unansweredPastDue });
    expect(fairnessAgain(extras.tallies!, [good, answeredSince], rest, {})).toBeUndefined();
    expect(fairnessAgain(extras.tallies!, [good, stranger], rest, {})).toBeUndefined();
    // Nothing was moved by the two declined: no change gives the report as it was.
    expect(fairnessAgain(extras.tallies!, [], rest, {})).toEqual(report);
  });

  it('gives the same figures after the caller rearranged the times handed over, intervals forgotten', () => {
    const { report, extras } = pass(evaluated.outcomes);
    for (const times of extras.tierTimes!) times.reverse();
    forgetIntervals();
    expect(fairnessAgain(extras.tallies!, [], rest, {})).toEqual(report);
  });
});
