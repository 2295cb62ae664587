/**
 * A new session's report over facts read back from storage works out their outcome columns while
 * IndexedDB reads the window of new events (outcome-memo.ts warmOutcomeColumns, engine.ts): the
 * all-time report asked next finds every outcome known and works none out again, and both reports
 * equal a fresh computation over the whole log.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import * as windowRead from '../../src-renderer/reports/facts-window';
import * as outcomes from '../../src-main/shared/sla/outcomes';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { loadLog } from '../../src-renderer/reports/load';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { factsSaved, openReportDb } from './helpers/report-db';
import { answered } from './sla-fixtures';

const DAY = 86_400_000;
const MIN = 60_000;

async function fresh(db: EarshotDb, nowMs: number, fromMs?: number): Promise<ReturnType<typeof computeReport>['report']> {
  const log = await loadLog(db, fromMs === undefined ? {} : { fromMs });
  return computeReport(log.events, { policies: DEFAULT_POLICY_INPUT, nowMs, tierOf: log.tierOf }).report;
}

describe('outcome columns worked out while the window is read', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('warm-outcomes');
    setFactsIdleMs(30);
  });
  afterEach(() => {
    setFactsIdleMs(5000);
    vi.restoreAllMocks();
  });

  it('leaves the all-time report after a new session\'s first one nothing to work out', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now - DAY, days: 70 }));
    expect((await runReport({ dbName: db.name, range: {}, nowMs: now - DAY }, db)).how).toBe('built');
    await factsSaved(db);
    await importLog(db, Array.from({ length: 12 }, (_, k) => answered(`new-${k}`, now - 5 * 60 * MIN + k * MIN, k % 2 ? 'mega' : 'everyday', 4 + k)).flat());
    forgetFactsInMemory(db.name);
    // IndexedDB in this test answers at once: the window read is made to take a moment, as it does at scale.
    const read = windowRead.readWindow;
    vi.spyOn(windowRead, 'readWindow').mockImplementation(async (...args: Parameters<typeof read>) => {
      const w = await read(...args);
      await new Promise((r) => setTimeout(r, 150));
      return w;
    });
    const from = now - 28 * DAY;
    const first = await runReport({ dbName: db.name, range: { fromMs: from }, nowMs: now }, db);
    expect(first.how).toBe('stored');
    expect(first.timings.warmRows).toBeGreaterThan(first.read.mentions);
    expect(first.report).toEqual(await fresh(db, now, from));

    const worked = vi.spyOn(outcomes, 'outcomeOf');
    const all = await runReport({ dbName: db.name, range: {}, nowMs: now + MIN }, db);
    expect(all.read.mentions).toBeGreaterThan(first.read.mentions);
    expect(worked).not.toHaveBeenCalled();
    expect(all.report).toEqual(await fresh(db, now + MIN));
  });
});
