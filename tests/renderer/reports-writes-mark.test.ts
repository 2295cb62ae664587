/**
 * The writes mark (db/writes-mark.ts): every write to events or mentions, through any EarshotDb (the
 * page, the delivery worker, the report worker each open their own), moves one meta key in the
 * same transaction. A report over facts held in memory with the mark unmoved since their last window
 * read does not read the window again (reports/facts-store.ts); any write moves it and the next
 * report takes the write in, with the figures a fresh computation gives.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import * as windowRead from '../../src-renderer/reports/facts-window';
import { writesMark } from '../../src-renderer/db/writes-mark';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { loadLog } from '../../src-renderer/reports/load';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { openReportDb } from './helpers/report-db';
import { answered } from './sla-fixtures';

const DAY = 86_400_000;
const MIN = 60_000;

describe('the writes mark', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('writes-mark');
    setFactsIdleMs(30);
  });
  afterEach(() => {
    setFactsIdleMs(5000);
    vi.restoreAllMocks();
  });

  it('moves with every write to events and mentions, from any database object, and not with other writes', async () => {
    const other = new EarshotDb(db.name);
    const m0 = await writesMark(db);
    await importLog(other, answered('m-1', Date.now() - DAY, 'mega', 5));
    const m1 = await writesMark(db);
    expect(m1).not.toBe(m0);
    await other.events.delete('nope');
    const m2 = await writesMark(db);
    expect(m2).not.toBe(m1);
    await db.mentions.update('m-1', { status: 'resolved' });
    const m3 = await writesMark(db);
    expect(m3).not.toBe(m2);
    // A write the facts do not follow (a setting) leaves it.
    await db.meta.put({ key: 'settings', value: {} });
    expect(await writesMark(db)).toBe(m3);
    other.close();
  });

  it('a report with nothing written since the last one does not read the window; after a write it does, with fresh figures', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now - DAY, days: 20 }));
    expect((await runReport({ dbName: db.name, range: {}, nowMs: now - DAY }, db)).how).toBe('built');
    const first = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(first.how).toBe('memory');
    const reads = vi.spyOn(windowRead, 'readWindow');
    const journalReads = vi.spyOn(windowRead, 'readJournalWindow');
    const again = await runReport({ dbName: db.name, range: { fromMs: now - 28 * DAY }, nowMs: now + MIN }, db);
    expect(again.how).toBe('memory');
    expect(reads).not.toHaveBeenCalled();
    expect(journalReads).not.toHaveBeenCalled();
    expect(again.timings.unchangedMs).toBeGreaterThanOrEqual(0);

    // A write through another database object (as the delivery worker makes): read and folded in.
    const other = new EarshotDb(db.name);
    await importLog(other, answered('late-1', now - 2 * 60 * MIN, 'everyday', 42, 'lb'));
    other.close();
    const after = await runReport({ dbName: db.name, range: {}, nowMs: now + 2 * MIN }, db);
    // Taken from the window journal (db/window-journal.ts), which the other object's write went into too.
    expect(journalReads).toHaveBeenCalledTimes(1);
    expect(await journalReads.mock.results[0]!.value).toBeDefined();
    expect(reads).not.toHaveBeenCalled();
    const log = await loadLog(db, {});
    const fresh = computeReport(log.events, { policies: DEFAULT_POLICY_INPUT, nowMs: now + 2 * MIN, tierOf: log.tierOf });
    expect(after.report).toEqual(fresh.report);
    expect(after.read.mentions).toBe(first.read.mentions + 1);
  });
});
