/**
 * A new session's report worker loads Intl's locale data (24-32 ms in a fresh Chromium worker, paid
 * by the first report's first time-zone offset) while it waits for IndexedDB: in the start-ahead
 * (in a task of its own, after a report already sent), or else in the first report, once its
 * reads are asked for. Once per thread.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, it, expect, vi } from 'vitest';
import { openReportDb } from './helpers/report-db';
import { nextTask } from '../../src-renderer/lib/next-task';

afterEach(() => vi.restoreAllMocks());

async function freshEngine(): Promise<typeof import('../../src-renderer/reports/engine')> {
  vi.resetModules();
  return import('../../src-renderer/reports/engine');
}

describe("the report worker's Intl warm-up", () => {
  it('is done by the start-ahead, in a task of its own, and once', async () => {
    const engine = await freshEngine();
    const db = await openReportDb('intl-warm-prepare');
    db.close();
    const made = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions');
    const prepared = engine.prepareWorker({ dbName: db.name });
    expect(made).not.toHaveBeenCalled();
    await prepared;
    await nextTask();
    expect(made).toHaveBeenCalledTimes(1);
    await engine.prepareWorker({ dbName: db.name });
    await nextTask();
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('is left to a report sent right after the start-ahead, which does it as its reads are under way', async () => {
    const engine = await freshEngine();
    const db = await openReportDb('intl-warm-both');
    const made = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions');
    const prepared = engine.prepareWorker({ dbName: db.name });
    const report = engine.runReport({ dbName: db.name, range: {}, nowMs: Date.now() });
    expect(made).toHaveBeenCalledTimes(1);
    await Promise.all([prepared, report, nextTask()]);
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('is done by a first report without a start-ahead, while its reads are under way', async () => {
    const engine = await freshEngine();
    const db = await openReportDb('intl-warm-report');
    const made = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions');
    const report = engine.runReport({ dbName: db.name, range: {}, nowMs: Date.now() });
    expect(made).toHaveBeenCalledTimes(1);
    await report;
  });
});
