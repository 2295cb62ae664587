/**
 * The voice-of-the-customer worker tells the page how far its first count of the report's facts is
 * (reports/progress.ts), as the report worker does: the VoC screen shows it instead of "Counting…".
 * The worker module runs here on this thread, its messages caught.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import type { ReportProgress } from '../../src-renderer/reports/progress';
import { openReportDb } from './helpers/report-db';
import type { VocWorkerReply, VocWorkerRequest } from '../../src-renderer/voc/voc.worker';

const scope = self as unknown as { onmessage: ((e: { data: VocWorkerRequest }) => void) | null; postMessage: unknown };

describe('the voice-of-the-customer worker telling its progress', () => {
  it("counts the report's facts read of all of them before its first answer", async () => {
    const db = await openReportDb('voc-progress');
    const nowMs = Date.now();
    await importLog(db, generateDemoHistory({ endMs: nowMs, days: 12 }));
    const [mentions, events] = [await db.mentions.count(), await db.events.count()];
    const told: VocWorkerReply[] = [];
    scope.postMessage = vi.fn((m: VocWorkerReply) => void told.push(m));
    await import('../../src-renderer/voc/voc.worker');
    scope.onmessage!({ data: { id: 1, kind: 'report', req: { dbName: db.name, fromMs: nowMs - 7 * 86_400_000, toMs: nowMs, filter: {} } } });
    await vi.waitFor(() => expect(told.some((m) => 'id' in m)).toBe(true), { timeout: 10_000 });
    const answer = told.find((m) => 'id' in m)!;
    expect('ok' in answer && answer.ok).toBe(true);
    const notices = told.slice(0, told.indexOf(answer)).flatMap((m) => ('notice' in m ? [m.notice as ReportProgress] : []));
    expect(notices[0]).toEqual({ step: 'first-count', mentionsRead: 0, mentions, eventsRead: 0, events });
    expect(notices.filter((p) => p.step === 'first-count').at(-1)).toEqual({ step: 'first-count', mentionsRead: mentions, mentions, eventsRead: events, events });
  });
});
