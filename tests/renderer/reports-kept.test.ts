/**
 * A report asked for again over the same facts is handed out as kept (engine.ts reportOver), without
 * going over every row, only while it is the report a computation would give: nothing folded into
 * the facts since, and `now` before the first instant at which an outcome turns (an event or an
 * arrival falling due, a mention going past due: facts-report.ts validUntilMs). Checked against
 * facts read straight from the database for each instant (nothing kept from before).
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { reportOver } from '../../src-renderer/reports/engine';
import { currentFacts, rangeFacts } from '../../src-renderer/reports/facts-store';
import { reportFromFacts } from '../../src-renderer/reports/facts-report';
import { byClock, selectRows } from '../../src-renderer/reports/facts';
import { loadPolicies } from '../../src-renderer/reports/load';
import { openReportDb } from './helpers/report-db';
import { answered, knownScenario, logMention } from './sla-fixtures';
import type { LogEvent } from '../../src-main/shared/events';

const MIN = 60_000;

describe('a report kept over unchanged facts', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('kept');
  });

  /** The report as of `nowMs` from facts read afresh from every mention and event. */
  async function fresh(nowMs: number): Promise<ReturnType<typeof reportFromFacts>> {
    const l = await rangeFacts(db, { fromMs: 0 });
    return reportFromFacts(l.facts, l.ix, byClock(l.facts, selectRows(l.facts, {})), { policies: await loadPolicies(db), nowMs });
  }
  const figures = (r: ReturnType<typeof reportFromFacts>) => ({ report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents, mentions: r.mentions, events: r.events });

  it('is handed out until the first outcome turns, then worked out again, and never after new events', async () => {
    const nowMs = Date.now();
    // Mentions every 7 minutes from 40 minutes ago: the later ones and their replies are still to come.
    await importLog(db, knownScenario(nowMs - 40 * MIN));
    const policies = await loadPolicies(db);
    const l = await currentFacts(db, nowMs);
    const first = reportOver(l.facts, l.ix, {}, { policies, nowMs });
    expect(first.phases.keptMs).toBeUndefined();
    const until = first.validUntilMs;
    expect(until).toBeGreaterThan(nowMs);
    expect(until).toBeLessThan(nowMs + 7 * MIN);

    // Before it: kept, and the same figures as a computation as of that instant.
    const mid = Math.floor((nowMs + until) / 2);
    const kept = reportOver(l.facts, l.ix, {}, { policies, nowMs: mid });
    expect(kept.phases.keptMs).toBeTypeOf('number');
    expect(kept.report.now).toBe(new Date(mid).toISOString());
    expect(figures(kept)).toEqual(figures(await fresh(mid)));
    // At it, something turned: worked out again, and the figures moved.
    const later = reportOver(l.facts, l.ix, {}, { policies, nowMs: until });
    expect(later.phases.keptMs).toBeUndefined();
    expect(figures(later)).toEqual(figures(await fresh(until)));
    expect({ ...later.report, now: '' }).not.toEqual({ ...first.report, now: '' });
    // An instant before the one it was worked out for is not covered either.
    expect(reportOver(l.facts, l.ix, {}, { policies, nowMs: until - 1 }).phases.keptMs).toBeUndefined();

    // New events folded in: the same facts object, changed in place; nothing kept holds.
    const at = until + 1;
    reportOver(l.facts, l.ix, {}, { policies, nowMs: at });
    expect(reportOver(l.facts, l.ix, {}, { policies, nowMs: at }).phases.keptMs).toBeTypeOf('number');
    await importLog(db, answered('late-1', at - 30 * MIN, 'mega', 3, 'zz'));
    const folded = await currentFacts(db, at);
    expect(folded.facts).toBe(l.facts);
    const after = reportOver(folded.facts, folded.ix, {}, { policies, nowMs: at });
    expect(after.phases.keptMs).toBeUndefined();
    expect(after.agents).toContain('zz');
    expect(figures(after)).toEqual(figures(await fresh(at)));
  });

  it('holds until the first instant anything turns, whichever kind of thing it is', async () => {
    const nowMs = Date.now();
    const iso = (ms: number): string => new Date(ms).toISOString();
    // Answered history, then one thing still to come after now (or, last, a mention going past due).
    const base = (): LogEvent[] => [...answered('a0', nowMs - 600 * MIN, 'everyday', 30), ...answered('a1', nowMs - 500 * MIN, 'mega', 10)];
    const pending = nowMs - 20 * MIN;
    const cases: Array<[string, LogEvent[], number]> = [
      // Assigned before it arrives (a clock out of step): an orphan event until then.
      ['an arrival', [logMention('later', nowMs + 9 * MIN, 'micro'), { type: 'assigned', at: iso(nowMs - MIN), mentionId: 'later', agent: 'lb' }], nowMs + 9 * MIN],
      ['a first reply', [logMention('p', pending, 'micro'), { type: 'replied', at: iso(nowMs + 5 * MIN), mentionId: 'p', agent: 'mk', via: 'x', text: 'hi' }], nowMs + 5 * MIN],
      ['an owner change', [logMention('p', pending, 'micro'), { type: 'assigned', at: iso(nowMs + 3 * MIN), mentionId: 'p', agent: 'lb' }], nowMs + 3 * MIN],
      ['noise', [logMention('p', pending, 'micro'), { type: 'noise', at: iso(nowMs + 4 * MIN), mentionId: 'p', agent: 'lb' }], nowMs + 4 * MIN],
      ['a skip', [logMention('p', pending, 'micro'), { type: 'skipped', at: iso(nowMs + 6 * MIN), mentionId: 'p', agent: 'mk', takenMentionId: 'a1', reason: 'lead-instruction' }], nowMs + 6 * MIN],
    ];
    for (const [what, events, turns] of cases) {
      db = await openReportDb('kept-turns');
      await importLog(db, [...base(), ...events]);
      const r = await fresh(nowMs);
      expect(r.validUntilMs, what).toBe(turns);
      if (what === 'an arrival') expect(r.report.input.orphanEvents).toBe(1);
      // The same figures up to it, other figures at it.
      const same = (x: ReturnType<typeof reportFromFacts>) => ({ ...figures(x), report: { ...x.report, now: '' } });
      expect(same(await fresh(turns - 1)), what).toEqual(same(r));
      expect(same(await fresh(turns)), what).not.toEqual(same(r));
    }
    // Nothing to come but an unanswered mention falling due: it holds until then, and past it the mention counts as past due.
    db = await openReportDb('kept-turns');
    await importLog(db, [...base(), logMention('p', pending, 'micro')]);
    const r = await fresh(nowMs);
    expect(Number.isFinite(r.validUntilMs)).toBe(true);
    expect(r.report.tiers.micro.unansweredPastDue).toBe(0);
    expect((await fresh(r.validUntilMs - 1)).report.tiers.micro.unansweredPastDue).toBe(0);
    expect((await fresh(r.validUntilMs + 1)).report.tiers.micro.unansweredPastDue).toBe(1);
  });

  it('keeps one report per range, agent and policies, and none with a grouping', async () => {
    const nowMs = Date.now();
    await importLog(db, knownScenario(nowMs - 3 * 86_400_000));
    const policies = await loadPolicies(db);
    const l = await currentFacts(db, nowMs);
    const opts = { policies, nowMs };
    reportOver(l.facts, l.ix, {}, opts);
    reportOver(l.facts, l.ix, {}, { ...opts, agent: 'lb' });
    reportOver(l.facts, l.ix, {}, { ...opts, by: 'lang' });
    const again = { ...opts, nowMs: nowMs + 1 };
    const all = reportOver(l.facts, l.ix, {}, again);
    const lb = reportOver(l.facts, l.ix, {}, { ...again, agent: 'lb' });
    expect(all.phases.keptMs).toBeTypeOf('number');
    expect(lb.phases.keptMs).toBeTypeOf('number');
    expect(lb.report).not.toEqual(all.report);
    expect(reportOver(l.facts, l.ix, {}, { ...again, by: 'lang' }).phases.keptMs).toBeUndefined();
    expect(reportOver(l.facts, l.ix, { channels: ['x'] }, again).phases.keptMs).toBeUndefined();
  });
});
