/**
 * Facts made ready ahead (engine.ts readyAhead, asked for by the inbox once it is complete): a new
 * session's stored facts are read back and the new events folded in before a lead asks, so the
 * report then comes from memory with the figures a fresh computation gives. A profile where no
 * report was ever opened builds nothing. In the worker, a report sent while the facts are made
 * ready waits for them instead of reading them a second time. Made ready, they are saved and counted
 * at once rather than when idle (which was when the lead clicked).
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { readyAhead, runReport, type ReportResponse } from '../../src-renderer/reports/engine';
import { checkPending, currentFacts, dropFacts, factsHeld, forgetFactsInMemory, haveFacts } from '../../src-renderer/reports/facts-store';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { factsSaved, openReportDb } from './helpers/report-db';
import { answered } from './sla-fixtures';
import type { WorkerRequest } from '../../src-renderer/reports/report.worker';

const DAY = 86_400_000;

/** A profile whose facts were stored by an earlier session, then new events: as a new session finds it. */
async function storedThenNew(prefix: string): Promise<EarshotDb> {
  const db = await openReportDb(prefix);
  await importLog(db, generateDemoHistory({ endMs: Date.now(), days: 45 }));
  expect((await runReport({ dbName: db.name, range: {}, nowMs: Date.now() }, db)).how).toBe('built');
  await factsSaved(db);
  forgetFactsInMemory(db.name);
  await importLog(db, [...answered('ahead-1', Date.now() - 600_000, 'mega', 4), ...answered('ahead-2', Date.now() - 500_000, 'everyday', 7, 'lb')]);
  return db;
}

const weeksOf = (db: EarshotDb, nowMs: number) => ({ dbName: db.name, range: { fromMs: nowMs - 28 * DAY }, nowMs });

const figures = (r: ReportResponse) => ({ report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents, read: r.read });

describe('the report facts made ready ahead', () => {
  it('reads a new session’s stored facts and the new events, so the report comes from memory with the same figures', async () => {
    const db = await storedThenNew('ready-ahead');
    expect(factsHeld(db)).toBeUndefined();
    expect(await readyAhead(weeksOf(db, Date.now()), db)).toBe(true);
    expect(factsHeld(db)).toBeDefined();
    // Saved and counted at once, not left to hold the database up when the lead opens the report.
    expect(checkPending(db)).toBe(false);
    // Held already: nothing read again.
    expect(await readyAhead(weeksOf(db, Date.now()), db)).toBe(false);
    const nowMs = Date.now() + 1;
    const opened = await runReport(weeksOf(db, nowMs), db);
    expect(opened.how).toBe('memory');
    expect(opened.read.mentions).toBeGreaterThan(0);
    // The same figures as facts built from scratch over everything, the new events included.
    const fresh = new EarshotDb(db.name);
    await dropFacts(fresh);
    expect((await currentFacts(fresh, nowMs)).how).toBe('built');
    expect(figures(await runReport(weeksOf(fresh, nowMs), fresh))).toEqual(figures(opened));
  });

  it('builds nothing where no report was ever opened', async () => {
    const db = await openReportDb('ready-none');
    await importLog(db, generateDemoHistory({ endMs: Date.now(), days: 10 }));
    expect(await readyAhead(weeksOf(db, Date.now()), db)).toBe(false);
    expect(factsHeld(db)).toBeUndefined();
    expect(await haveFacts(db)).toBe(false);
  });

  it('in the worker: a report sent while the facts are made ready finds them in memory', async () => {
    const db = await storedThenNew('ready-worker');
    const scope = self as unknown as { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage: unknown };
    const answers: Array<{ id: number; ok: boolean; value?: unknown }> = [];
    // The answers (with an id); progress notices are told beside them (reports-progress.test.ts).
    scope.postMessage = vi.fn((m: (typeof answers)[number]) => void ('id' in m && answers.push(m)));
    await import('../../src-renderer/reports/report.worker');
    const req = weeksOf(db, Date.now());
    scope.onmessage!({ data: { id: 1, kind: 'ready', req } });
    scope.onmessage!({ data: { id: 2, kind: 'report', req } });
    await vi.waitFor(() => expect(answers.map((a) => a.id)).toEqual([1, 2]), { timeout: 10_000 });
    expect(answers[0]).toMatchObject({ ok: true, value: true });
    expect(answers[1]).toMatchObject({ ok: true, value: { how: 'memory' } });
  });
});
