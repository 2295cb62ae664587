import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { createLogger } from '../../src-main/core/log';
import { CursorStore } from '../../src-main/core/cursors';
import { JournalLog } from '../../src-main/log/journal-log';
import type { MentionEntry } from '../../src-main/shared/log-entry';
import { Poller } from '../../src-main/core/poller';
import type { SourceHealth } from '../../src-main/shared/sources';
import { createJsonFileUsageStore, createMemoryUsageStore } from '../../src-main/sources/x/x-usage';
import { useFakeXPerTest, pollCtx, pollFails } from '../unit/x/x-test-kit';

const NOV_1 = Date.UTC(2026, 10, 1);
const NOV_16 = Date.UTC(2026, 10, 16);

describe('X rate limits and read budgets', () => {
  const env = useFakeXPerTest();
  const make = env.make;

  it('a 429 waits until x-rate-limit-reset and then resumes from the cursor (with the real poller)', async () => {
    const store = await JournalLog.open(join(env.dir, 'log'));
    const cursors = await CursorStore.open(env.dir);
    const health: SourceHealth[] = [];
    const poller = new Poller({ store, cursors, score: () => ({ score: 1, tier: 'everyday' }), log: createLogger('t'), onHealth: (h) => health.push({ ...h }) });
    const appended: string[] = [];
    let seen = 0;
    store.onAppend(() => {
      void store.read(seen, 1000).then((page) => {
        for (const p of page) {
          if (p.position <= seen) continue;
          seen = p.position;
          appended.push((p.entry as MentionEntry).mention.id);
        }
      });
    });
    try {
      poller.add(make({ intervalSeconds: 3600 }));
      await poller.pollNow('acme-mentions'); // backfill, cursor since 105
      await waitFor(() => appended.length >= 5, 2000);
      expect(appended).toHaveLength(5);

      // Far enough ahead that a loaded CI machine still polls inside the window (2 s was not always).
      env.fake.setFault('rate-limit', { resetInSeconds: 5 });
      env.fake.addPost('mentions', { id: '1860000000000000106', text: '@AcmeAir hello?', author_id: '1500000001', created_at: '2026-11-20T14:30:00.000Z' });
      poller.start();
      await poller.pollNow('acme-mentions');
      const limited = health.at(-1)!;
      const reset = Number(env.fake.reads().at(-1)!.responseHeaders?.['x-rate-limit-reset']) * 1000;
      expect(limited.state).toBe('rate-limited');
      expect(limited.nextPollAt).toBe(new Date(reset).toISOString());

      await waitFor(() => appended.includes('x:1860000000000000106') && health.at(-1)!.state === 'ok', 15_000);
      const resumed = env.fake.reads().at(-1)!;
      expect(Date.now()).toBeGreaterThanOrEqual(reset);
      expect(resumed.status).toBe(200);
      expect(resumed.query.since_id).toBe('1860000000000000105');
      expect(env.fake.reads().filter((r) => r.status === 429)).toHaveLength(1); // nothing asked inside the window
      expect(cursors.get('acme-mentions')).toEqual({ sinceId: '1860000000000000106' });
    } finally {
      await poller.stop();
      await store.close();
    }
  });

  it('spreads polls over the window when few requests are left', async () => {
    env.fake.setWindow(2, 60);
    const res = await make().poll(pollCtx());
    const reset = Number(env.fake.reads()[0]!.responseHeaders?.['x-rate-limit-reset']) * 1000;
    // two requests left for the time to the reset: the next poll waits half of it
    expect(res.notBefore! - Date.now()).toBeGreaterThan((reset - Date.now()) / 2 - 1500);
    expect(res.notBefore!).toBeLessThan(reset);
    expect(res.usage?.rateLimitRemaining).toBe(2);
  });

  it('waits for the reset when the window is used up', async () => {
    env.fake.setWindow(0, 30);
    const res = await make().poll(pollCtx());
    const reset = Number(env.fake.reads()[0]!.responseHeaders?.['x-rate-limit-reset']) * 1000;
    expect(res.notBefore).toBe(reset + 1000);
  });

  it('the read budget spreads polls so the projection stays under it', async () => {
    const store = createMemoryUsageStore({ month: '2026-11', reads: 60, trackingSince: new Date(NOV_1).toISOString() });
    const res = await make({ monthlyReadBudget: 100 }, { usageStore: store, now: () => new Date(NOV_16) }).poll(pollCtx());
    expect(res.mentions).toHaveLength(5);
    // 65 reads over a 30-day month may be spent by day 19.5: no poll before Nov 20, 12:00
    expect(res.notBefore).toBe(Date.UTC(2026, 10, 20, 12));
    expect(res.usage).toMatchObject({ readsThisMonth: 65, projectedReadsThisMonth: Math.round((65 * 30) / 15), monthlyReadBudget: 100 });
    expect((await store.load())?.reads).toBe(65);
  });

  it('asks for no more than the budget leaves, and at the budget stops with capped until next month', async () => {
    const store = createMemoryUsageStore({ month: '2026-11', reads: 97, trackingSince: new Date(NOV_1).toISOString() });
    const source = make({ monthlyReadBudget: 100 }, { usageStore: store, now: () => new Date(NOV_16) });
    const res = await source.poll(pollCtx({ sinceId: '1860000000000000098' }));
    expect(env.fake.reads()[0]!.query.max_results).toBe('5'); // 3 left; 5 is the smallest page X allows
    expect(env.fake.reads()).toHaveLength(1);
    expect(res.cursor).toMatchObject({ gap: { untilId: '1860000000000000101' } }); // the rest waits
    const e = await pollFails(source, pollCtx(res.cursor));
    expect(e.state).toBe('capped');
    expect(e.opts.retryAt).toBe(Date.UTC(2026, 11, 1));
    expect(e.message).toBe("This source's monthly read budget (100 posts) is used up; polling stops until 1 Dec 00:00 UTC.");
    expect(env.fake.reads()).toHaveLength(1); // no request once the budget is spent
  });

  it('keeps the month\'s read count across a restart', async () => {
    const path = join(env.dir, 'usage.json');
    const now = () => new Date(NOV_16);
    const first = make({}, { usageStore: createJsonFileUsageStore(path), now });
    const r1 = await first.poll(pollCtx());
    expect(r1.usage?.readsThisMonth).toBe(5);
    await first.close?.();
    const second = make({}, { usageStore: createJsonFileUsageStore(path), now });
    const r2 = await second.poll(pollCtx({ sinceId: '1860000000000000098' }));
    expect(r2.usage?.readsThisMonth).toBe(5 + 7);
  });
});

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
