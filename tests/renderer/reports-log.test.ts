import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { loadLog } from '../../src-renderer/reports/load';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { toJsonLines } from '../../src-renderer/reports/log-lines';
import { reportCsv, reportJson } from '../../src-renderer/reports/exports';
import { openReportDb } from './helpers/report-db';
import { computeFairness } from '../../src-main/shared/sla/fairness';
import { parseEventLog } from '../../src-main/shared/events';
import { knownScenario } from './sla-fixtures';

const DAY = 86_400_000;

describe('the event log behind the report', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('log');
  });

  it('reads back from the database exactly the log that was imported, with the same report', async () => {
    const now = Date.now();
    const original = knownScenario(now - 2 * DAY);
    await importLog(db, original);
    const { events } = await loadLog(db, {});
    const again = parseEventLog(toJsonLines(events));
    expect(again.errors).toEqual([]);
    expect(again.events).toHaveLength(original.length);
    const opts = { now: new Date(now) };
    expect(computeFairness(again.events, opts)).toEqual(computeFairness(original, opts));
  });

  it('imports twice without writing anything twice, and derives each mention’s state from its events', async () => {
    const original = knownScenario(Date.now() - 2 * DAY);
    const first = await importLog(db, original);
    const second = await importLog(db, original);
    expect(first).toMatchObject({ mentions: 14, skippedExisting: 0 });
    expect(second).toMatchObject({ mentions: 0, skippedExisting: 14 });
    // Every line once: arrivals on their mentions (schema v7), the rest as events.
    expect((await db.events.count()) + (await db.mentions.filter((m) => m.arrival !== undefined).count())).toBe(original.length);
    expect(await db.mentions.get('e0')).toMatchObject({ status: 'resolved', open: 0, assignee: 'mk' });
    expect(await db.mentions.get('e-unanswered')).toMatchObject({ status: 'new', open: 1 });
    expect((await db.mentions.get('e0'))!.firstReplyAt).toBe(Date.parse(original.find((e) => e.type === 'replied' && e.mentionId === 'e0')!.at));
  });

  it('limits the report to the chosen range by clock start, and to an agent on request', async () => {
    const now = Date.now();
    await importLog(db, [...knownScenario(now - 40 * DAY), ...knownScenario(now - 2 * DAY).map(rename)]);
    const all = await loadLog(db, {});
    const recent = await loadLog(db, { fromMs: now - 7 * DAY });
    expect(all.mentions).toBe(28);
    expect(recent.mentions).toBe(14);
    const byLb = computeReport(recent.events, { policies: DEFAULT_POLICY_INPUT, nowMs: now, agent: 'lb' });
    expect(Object.keys(byLb.report.byAgent)).toEqual(['lb']);
    expect(byLb.report.tiers.everyday.answered).toBe(3);
    expect(byLb.agents).toEqual(['(unassigned)', 'lb', 'mk', 'pr']);
    // The agent's export is exactly what its report was computed over.
    expect(computeFairness(byLb.events, { now: new Date(now) })).toEqual(byLb.report);
  });

  it('writes a CSV a spreadsheet reads as data, never as formulas', () => {
    const r = computeFairness(knownScenario(Date.now() - DAY), { now: new Date() });
    r.byAgent['=HYPERLINK("x")'] = r.byAgent.mk!;
    const csv = reportCsv(r, 'Last 4 weeks, agent "mk"');
    expect(csv).toContain('"Last 4 weeks, agent ""mk"""');
    expect(csv).toContain(`agent,"'=HYPERLINK(""x"")"`);
    expect(csv.split('\r\n')).toContain('tier,everyday,7,6,1,35,60,0.1429,1,');
    expect(reportJson(r)).toBe(`${JSON.stringify(r, null, 2)}\n`);
  });
});

function rename<T extends { type: string }>(e: T): T {
  const s = JSON.stringify(e).replace(/"(e|g|m)(\d|-unanswered)/g, '"late-$1$2');
  return JSON.parse(s) as T;
}
