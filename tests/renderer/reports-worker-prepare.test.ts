/**
 * The report worker's start-ahead (prepare: the database opened, the stored intervals read) runs
 * beside its queue: a report sent while it runs is computed at once instead of waiting for it (a
 * lead opening Fairness just after the inbox waited 0.4-0.9 s behind it; fairness bench). Here the
 * start-ahead never ends, so a report queued behind it would never be answered.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { importLog } from '../../src-renderer/reports/log-import';
import { openReportDb } from './helpers/report-db';
import { knownScenario } from './sla-fixtures';
import type { WorkerRequest } from '../../src-renderer/reports/report.worker';

vi.mock('../../src-renderer/reports/engine', async (original) => ({
  ...(await original<typeof import('../../src-renderer/reports/engine')>()),
  prepareWorker: () => new Promise<void>(() => undefined),
}));

const scope = self as unknown as { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage: unknown };

describe('the report worker start-ahead', () => {
  it('does not hold up a report sent while it runs', async () => {
    const db = await openReportDb('worker-prepare');
    const nowMs = Date.now();
    await importLog(db, knownScenario(nowMs - 3 * 86_400_000));
    const answers: Array<{ id: number; ok: boolean; value?: { report?: { sentence: string } } }> = [];
    // The answers (with an id); progress notices are told beside them (reports-progress.test.ts).
    scope.postMessage = vi.fn((m: (typeof answers)[number]) => void ('id' in m && answers.push(m)));
    await import('../../src-renderer/reports/report.worker');
    const req = { dbName: db.name, range: {}, nowMs };
    scope.onmessage!({ data: { id: 1, kind: 'prepare', req } });
    scope.onmessage!({ data: { id: 2, kind: 'report', req } });
    await vi.waitFor(() => expect(answers.map((a) => a.id)).toEqual([2]), { timeout: 10_000 });
    expect(answers[0]!.ok).toBe(true);
    expect(answers[0]!.value!.report!.sentence.length).toBeGreaterThan(0);
  });
});
