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
import { answered, knownScenario } from './sla-fixtures';

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
