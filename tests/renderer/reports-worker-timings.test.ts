/**
 * The report worker says in a report's timings how long the report waited before it ran (the
 * fairness benchmark reads them): from being sent (waitMs, when the screen says when it sent it) and
 * behind the requests queued before it (queuedMs). The worker module runs here on this thread, its
 * answers caught.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { importLog } from '../../src-renderer/reports/log-import';
import { openReportDb } from './helpers/report-db';
import { knownScenario } from './sla-fixtures';
import type { WorkerRequest } from '../../src-renderer/reports/report.worker';

const scope = self as unknown as { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage: unknown };

describe('the report worker timings', () => {
  it('say how long a report waited since it was sent, and behind the work queued before it', async () => {
    const db = await openReportDb('worker-timings');
    const nowMs = Date.now();
    await importLog(db, knownScenario(nowMs - 3 * 86_400_000));
    const answers: Array<{ id: number; ok: boolean; value?: { timings: Record<string, number> } }> = [];
    // The answers (with an id); progress notices are told beside them (reports-progress.test.ts).
    scope.postMessage = vi.fn((m: (typeof answers)[number]) => void ('id' in m && answers.push(m)));
    await import('../../src-renderer/reports/report.worker');
    const req = { dbName: db.name, range: {}, nowMs };
    // Sent 300 ms ago (the worker was busy meanwhile); then one sent now, queued behind the first.
    const sentAt = performance.timeOrigin + performance.now() - 300;
    scope.onmessage!({ data: { id: 1, kind: 'report', req, sentAt } });
    scope.onmessage!({ data: { id: 2, kind: 'report', req } });
    await vi.waitFor(() => expect(answers.map((a) => a.id).sort()).toEqual([1, 2]), { timeout: 10_000 });
    const [first, second] = [answers.find((a) => a.id === 1)!, answers.find((a) => a.id === 2)!];
    expect(first.ok && second.ok).toBe(true);
    expect(first.value!.timings.waitMs).toBeGreaterThanOrEqual(300);
    expect(first.value!.timings.queuedMs).toBeGreaterThanOrEqual(0);
    // No send time given: no waitMs; it waited for the first report to be computed.
    expect(second.value!.timings.waitMs).toBeUndefined();
    expect(second.value!.timings.queuedMs).toBeGreaterThan(0);
  });
});
