/**
 * The outcome columns stored with the report's facts (facts-save.ts, outcome-memo.ts): a new session
 * takes them back instead of working out every mention's outcome again, and its report is exactly
 * a full rebuild's, also for a mention whose first reply arrived after they were stored (taken back
 * before the fold, so that row is worked out again) and under another policy.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { makeEvent } from '../../src-renderer/db/events';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { factsSaved, openReportDb, rebuilt } from './helpers/report-db';
import { knownScenario } from './sla-fixtures';
import { rewriteColumns, storedColumns } from './helpers/stored-columns';

const DAY = 86_400_000;

/** The outcome columns stored, as their row count (0: none stored; noise and follow-ups have none). */
async function storedOutcomeRows(db: EarshotDb): Promise<number> {
  const known = (await storedColumns(db, 'reportOutcomes'))?.get('known') ?? [];
  return Array.from(known).reduce((n, k) => n + k, 0);
}

/**
 * A new session's all-time report, and the one a full rebuild gives, as of `nowMs`; the session's
 * own save waits for idle (not to land after the rebuild dropped the stored facts).
 */
async function newSessionAndRebuild(name: string, nowMs: number) {
  setFactsIdleMs(5000);
  forgetFactsInMemory(name);
  const session = await runReport({ dbName: name, range: {}, nowMs }, new EarshotDb(name));
  return { session, rebuilt: (await rebuilt(name, nowMs)).report };
}

describe('the outcome columns stored with the report facts', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('outcomes-stored');
    setFactsIdleMs(20);
  });
  afterEach(() => setFactsIdleMs(5000));

  it('are taken back by a new session, whose report equals a rebuild, a reply since included', async () => {
    const now = Date.now();
    await importLog(db, [...generateDemoHistory({ endMs: now, days: 10 }), ...knownScenario(now - DAY)]);
    const first = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(first.how).toBe('built');
    // Stored once the screen is idle, with the facts the build saved.
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThan(0.9 * first.read.mentions), { timeout: 10_000 });
    const rows = await storedOutcomeRows(db);

    // Since: the mention nobody answered gets its first reply (no new mention, so the facts keep
    // their size: columns taken back after the fold would hold for that row too, wrongly).
    const nowAfter = Date.now() + 1_000;
    await db.events.add(makeEvent('replied', 'e-unanswered', { agent: 'zz', at: new Date(nowAfter - 60_000).toISOString() }));

    const { session, rebuilt } = await newSessionAndRebuild(db.name, nowAfter);
    expect(session.how).toBe('stored');
    expect(session.timings.outcomesRows).toBe(rows);
    expect(session.report).toEqual(rebuilt.report);
    expect(session.boxes).toEqual(rebuilt.boxes);
    expect(session.report.tiers.everyday.answered).toBeGreaterThan(first.report.tiers.everyday.answered);
  });

  it('worked out under one policy give way to the policy in force', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 8 }));
    const first = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThan(0.9 * first.read.mentions), { timeout: 10_000 });

    await db.policies.put({ id: 'stricter', from: new Date(0).toISOString(), policy: { ...DEFAULT_POLICY, firstResponseMinutes: 20 }, savedAt: new Date(now).toISOString() });
    const { session, rebuilt } = await newSessionAndRebuild(db.name, now);
    expect(session.how).toBe('stored');
    expect(session.report).toEqual(rebuilt.report);
    expect(session.report.tiers).not.toEqual(first.report.tiers);
  });

  it('are stored a moment after a report over stored facts, well before the idle save', async () => {
    setFactsIdleMs(5000);
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 8 }));
    await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    await factsSaved(db);
    // A session that closed before they were stored: the columns are there, the outcomes not.
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThan(0), { timeout: 10_000 });
    await db.meta.delete('reportOutcomes');
    forgetFactsInMemory(db.name);

    const session = await runReport({ dbName: db.name, range: {}, nowMs: now }, new EarshotDb(db.name));
    expect(session.how).toBe('stored');
    expect(session.timings.outcomesRows).toBe(0);
    // The save of every column waits 5 s of idle; the outcome columns, 1 s of no report asked for.
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThan(0.9 * session.read.mentions), { timeout: 3_000, interval: 100 });
  });
  it('stored for most of the rows are stored again once a session knows the rest (a save made while they were still being worked out)', async () => {
    const now = Date.now();
    // No reply after the report's instant: every outcome there is to know is known, and stored.
    await importLog(db, generateDemoHistory({ endMs: now - DAY, days: 8 }));
    const first = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    const n = first.read.mentions;
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThan(0.97 * n), { timeout: 10_000 });
    const all = await storedOutcomeRows(db);
    // As a session that stored them while its all-time report was being worked out: 94% of the rows.
    await rewriteColumns(db, 'reportOutcomes', (cols) => cols.get('known')!.fill(0, Math.floor(0.94 * n)));
    const partial = await storedOutcomeRows(db);
    expect(partial / n).toBeGreaterThan(0.9);
    forgetFactsInMemory(db.name);

    const session = await runReport({ dbName: db.name, range: {}, nowMs: now }, new EarshotDb(db.name));
    expect(session.how).toBe('stored');
    expect(session.timings.outcomesRows).toBe(partial);
    await vi.waitFor(async () => expect(await storedOutcomeRows(db)).toBeGreaterThanOrEqual(all), { timeout: 5_000, interval: 100 });
  });
});
