/**
 * A report as of a later instant, when the only outcomes that turned are unanswered mentions going
 * past due, is the last report's tallies moved (facts-report.ts, fairness.ts fairnessAgain) instead
 * of a pass over every row. Checked instant by instant against the report from facts read afresh
 * from the database (nothing kept), on made-up histories with answered, unanswered, assigned and
 * unassigned mentions of every tier, several channels and agents, over several weeks.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { currentFacts, rangeFacts } from '../../src-renderer/reports/facts-store';
import { reportFromFacts } from '../../src-renderer/reports/facts-report';
import { selectRows } from '../../src-renderer/reports/facts';
import { loadPolicies } from '../../src-renderer/reports/load';
import { openReportDb } from './helpers/report-db';
import { answered, logMention } from './sla-fixtures';
import { REACH_TIERS, type Channel } from '../../src-main/shared/mention';
import { forgetIntervals, mulberry32 } from '../../src-main/shared/sla/stats';
import type { LogEvent } from '../../src-main/shared/events';

const MIN = 60_000;
const CHANNELS: Channel[] = ['x', 'reddit', 'mastodon'];
const AGENTS = ['mk', 'lb', 'zz'];

/** `n` mentions over the last three weeks, the last 80 minutes unanswered (their due times still ahead). */
function history(nowMs: number, n: number, seed: number): LogEvent[] {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const events: LogEvent[] = [];
  for (let i = 0; i < n; i++) {
    const recent = rand() < 0.35;
    const createdMs = Math.round(nowMs - 2 * MIN - (recent ? rand() * 80 * MIN : rand() * 21 * 1440 * MIN));
    const id = `m${seed}-${i}`;
    const tier = pick(REACH_TIERS);
    const channel = pick(CHANNELS);
    const minutes = 5 + Math.round(rand() * 600);
    // Every event in the past: only the clock passing due times turns an outcome from now on.
    if (!recent && rand() < 0.8 && createdMs + (minutes + 5) * MIN < nowMs) events.push(...answered(id, createdMs, tier, minutes, pick(AGENTS), channel));
    else {
      events.push(logMention(id, createdMs, tier, channel));
      if (rand() < 0.5) events.push({ type: 'assigned', at: new Date(createdMs + MIN).toISOString(), mentionId: id, agent: pick(AGENTS) });
    }
  }
  return events;
}

describe('a report moved on as mentions go past due', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('moved');
  });

  const figures = (r: ReturnType<typeof reportFromFacts>) => ({ report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents, mentions: r.mentions, events: r.events });

  /** The report as of `nowMs` from facts read afresh from every mention and event. */
  async function fresh(nowMs: number): Promise<ReturnType<typeof reportFromFacts>> {
    const l = await rangeFacts(db, { fromMs: 0 });
    return reportFromFacts(l.facts, l.ix, selectRows(l.facts, {}), { policies: await loadPolicies(db), nowMs });
  }

  it.each([1, 2, 3])('gives the figures a pass over every row gives, instant after instant (seed %i)', async (seed) => {
    const nowMs = Date.now();
    await importLog(db, history(nowMs, 240, seed));
    const policies = await loadPolicies(db);
    const l = await currentFacts(db, nowMs);
    const rows = selectRows(l.facts, {});
    let at = nowMs;
    let moved = 0;
    let movedSteps = 0;
    let pastDue = 0;
    for (let step = 0; step < 12; step++) {
      // Intervals forgotten (as if evicted): the moved tallies work theirs out from their times
      // again, which the box plot has rearranged since they were last sorted.
      if (step === 3) forgetIntervals();
      const r = reportFromFacts(l.facts, l.ix, rows, { policies, nowMs: at });
      if (step > 0) {
        // Moved on, or the very figures as before (nothing turned yet at that instant): never gone over.
        expect(r.phases.fairnessMs, `step ${step}: not gone over`).toBeUndefined();
        expect(r.phases.movedMs ?? r.phases.reusedMs, `step ${step}`).toBeTypeOf('number');
        moved += r.phases.movedRows ?? 0;
        if (r.phases.movedRows) movedSteps++;
      }
      expect(figures(r), `step ${step}`).toEqual(figures(await fresh(at)));
      pastDue = REACH_TIERS.reduce((sum, t) => sum + r.report.tiers[t].unansweredPastDue, 0);
      if (!Number.isFinite(r.validUntilMs)) break;
      // The instant the next outcome turns, or a while after it (several at once).
      at = step % 2 ? r.validUntilMs : r.validUntilMs + 7 * MIN;
    }
    expect(movedSteps, 'steps that moved the tallies').toBeGreaterThan(3);
    expect(moved, 'mentions went past due on the way').toBeGreaterThan(5);
    expect(pastDue).toBeGreaterThan(0);
  });

  it('goes over every row again when anything else turned: a reply came in', async () => {
    const nowMs = Date.now();
    await importLog(db, history(nowMs, 120, 9));
    const policies = await loadPolicies(db);
    const l = await currentFacts(db, nowMs);
    const first = reportFromFacts(l.facts, l.ix, selectRows(l.facts, {}), { policies, nowMs });
    const at = first.validUntilMs + 60 * MIN;
    // A reply to a mention still open, folded into the same facts object.
    const open = l.facts.ids.slice(0, l.facts.n).find((_, i) => l.facts.replyMs[i] === Infinity)!;
    await importLog(db, [{ type: 'replied', at: new Date(at - MIN).toISOString(), mentionId: open, agent: 'lb', via: 'x', text: 'on it' }]);
    const folded = await currentFacts(db, at);
    expect(folded.facts).toBe(l.facts);
    const r = reportFromFacts(folded.facts, folded.ix, selectRows(folded.facts, {}), { policies, nowMs: at });
    expect(r.phases.movedMs).toBeUndefined();
    expect(r.phases.fairnessMs).toBeTypeOf('number');
    expect(figures(r)).toEqual(figures(await fresh(at)));
  });
});
