/**
 * The report worker tells the page what its long work is doing (reports/progress.ts), so the screen
 * says it instead of a bare "Counting…": a first count reads every mention (how many of how many)
 * and then their events; a new session reads the counts kept from the last report and adds what
 * came since (how many mentions and events). The worker module runs here on this thread, its
 * messages caught.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, vi, afterEach } from 'vitest';
import { importLog } from '../../src-renderer/reports/log-import';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { progressLine, progressShare, type ReportProgress } from '../../src-renderer/reports/progress';
import { factsSaved, openReportDb } from './helpers/report-db';
import { answered } from './sla-fixtures';
import type { WorkerReply, WorkerRequest } from '../../src-renderer/reports/report.worker';

const scope = self as unknown as { onmessage: ((e: { data: WorkerRequest }) => void) | null; postMessage: unknown };

describe('the report worker telling its progress', () => {
  afterEach(() => setFactsIdleMs(5000));

  it('counts the mentions read of all of them on a first count, then what a new session adds to the kept counts', async () => {
    setFactsIdleMs(30);
    const db = await openReportDb('progress');
    const nowMs = Date.now();
    await importLog(db, generateDemoHistory({ endMs: nowMs, days: 12 }));
    const mentions = await db.mentions.count();
    const events = await db.events.count();
    const told: WorkerReply[] = [];
    scope.postMessage = vi.fn((m: WorkerReply) => void told.push(m));
    await import('../../src-renderer/reports/report.worker');
    const ask = async (id: number): Promise<{ notices: ReportProgress[]; how: string }> => {
      told.length = 0;
      scope.onmessage!({ data: { id, kind: 'report', req: { dbName: db.name, range: {}, nowMs: Date.now() } } });
      await vi.waitFor(() => expect(told.some((m) => 'id' in m && m.id === id)).toBe(true), { timeout: 10_000 });
      const answer = told.find((m) => 'id' in m && m.id === id)!;
      expect('ok' in answer && answer.ok).toBe(true);
      // Every notice comes before the answer.
      expect(told.findIndex((m) => 'id' in m)).toBe(told.length - 1);
      return { notices: told.flatMap((m) => ('notice' in m ? [m.notice] : [])), how: ((answer as { value: { how: string } }).value).how };
    };

    const first = await ask(1);
    expect(first.how).toBe('built');
    const counting = first.notices.filter((p): p is Extract<ReportProgress, { step: 'first-count' }> => p.step === 'first-count');
    expect(counting[0]).toEqual({ step: 'first-count', mentionsRead: 0, mentions, eventsRead: 0, events });
    expect(counting.at(-1)).toEqual({ step: 'first-count', mentionsRead: mentions, mentions, eventsRead: events, events });
    // Never backwards.
    const shares = counting.map((p) => progressShare(p)!);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
    expect(first.notices.at(-1)).toEqual({ step: 'figures' });
    await factsSaved(db);

    // A new session, two mentions answered since: the kept counts read, the two added.
    forgetFactsInMemory(db.name);
    await importLog(db, [...answered('progress-1', nowMs - 600_000, 'mega', 4), ...answered('progress-2', nowMs - 500_000, 'everyday', 7, 'lb')]);
    const next = await ask(2);
    expect(next.how).toBe('stored');
    expect(next.notices.map((p) => p.step)).toEqual(['reading-stored', 'taking-in', 'figures']);
    expect(next.notices[1]).toMatchObject({ mentions: 2 });
    expect((next.notices[1] as { events: number }).events).toBeGreaterThanOrEqual(2);
  });

  it('are said in words, with the share done where it is known', () => {
    const counting = { step: 'first-count', mentionsRead: 40_000, mentions: 200_000, eventsRead: 160_000, events: 800_000 } as const;
    expect(progressShare(counting)).toBe(0.2);
    expect(progressLine(counting)).toContain('20% (40,000 of 200,000 mentions, 160,000 of 800,000 events)');
    expect(progressShare({ ...counting, mentions: 0, events: 0 })).toBeUndefined();
    expect(progressShare({ step: 'taking-in', mentions: 2, events: 5 })).toBeUndefined();
    expect(progressLine({ step: 'taking-in', mentions: 1, events: 5_750 })).toBe('Adding what came since: 1 mention, 5,750 events…');
    expect(progressLine({ step: 'reading-stored' })).toMatch(/kept from the last report/);
  });
});
