/**
 * The throttled live query (issue 12 item 10: a seam with no fast test): a job runs now and again
 * after changes, never two at once, at most once per interval; a write to a watched table wakes it
 * unless it touched only ignored indexes.
 */
import { describe, it, expect, vi } from 'vitest';
import { onTableChange, throttledRunner } from '../../src-renderer/db/throttled-live-query';
import { freshDb, ingest, mention } from './helpers/db';
import * as actions from '../../src-renderer/db/actions';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('throttledRunner', () => {
  it('runs at once, coalesces kicks within the interval into one run, and never runs twice at once', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const r = throttledRunner(async () => {
      runs++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await sleep(30);
      concurrent--;
    }, 100);
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) r.kick(); // while the first run is still going
    await sleep(60);
    for (let i = 0; i < 10; i++) r.kick();
    await sleep(300);
    expect(runs).toBe(2);
    expect(maxConcurrent).toBe(1);
    r.stop();
    r.kick();
    await sleep(150);
    expect(runs).toBe(2);
  });

  it('with settleMs, a run after a change waits that long, however long ago the last run was; the first run does not', async () => {
    const starts: number[] = [];
    const t0 = Date.now();
    const r = throttledRunner(async () => void starts.push(Date.now() - t0), 10, 150);
    // The first run started within the call, before any timer (comparing its time with 0 failed when
    // the clock's millisecond turned between t0 and the run: found by CI).
    expect(starts).toHaveLength(1);
    await sleep(300);
    const kickedAt = Date.now() - t0;
    r.kick();
    await sleep(100);
    expect(starts.length).toBe(1);
    await vi.waitFor(() => expect(starts.length).toBe(2));
    expect(starts[1]! - kickedAt).toBeGreaterThanOrEqual(145);
    r.stop();
  });

  it('kickNow runs without waiting out the interval or the settle time, and right after a run that is going', async () => {
    const starts: number[] = [];
    const t0 = Date.now();
    const r = throttledRunner(async () => {
      starts.push(Date.now() - t0);
      await sleep(40);
    }, 10_000, 5_000);
    await sleep(60); // the first run ended; a plain kick would now wait 10 s
    r.kick();
    r.kickNow();
    await vi.waitFor(() => expect(starts).toHaveLength(2), { timeout: 500 });
    r.kickNow(); // during the second run: once more, as soon as it ends
    await vi.waitFor(() => expect(starts).toHaveLength(3), { timeout: 500 });
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(35);
    await sleep(100);
    expect(starts).toHaveLength(3); // the kick was folded into them, not run again
    r.stop();
  });

  it('keeps a slow job to a fifth of the time: after a run of d ms the next starts no sooner than 4d later', async () => {
    const starts: number[] = [];
    const r = throttledRunner(async () => {
      starts.push(Date.now());
      await sleep(50);
    }, 10);
    const kicks = setInterval(() => r.kick(), 5);
    await sleep(700);
    clearInterval(kicks);
    r.stop();
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(4); // 0, 200, 400, 600 ms; 10 ms spacing would give over ten
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(4 * 50 - 5);
  });
});

describe('throttledRunner, capped pacing', () => {
  it('holds the next run back by the cap at most (default 2 s), or by the whole 4d when uncapped', async () => {
    const gaps = async (maxBackoffMs: number | undefined): Promise<number[]> => {
      const starts: number[] = [];
      const r = throttledRunner(async () => {
        starts.push(Date.now());
        await sleep(60);
      }, 10, 0, maxBackoffMs);
      const kicks = setInterval(() => r.kick(), 5);
      await sleep(600);
      clearInterval(kicks);
      r.stop();
      return starts.slice(1).map((t, i) => t - starts[i]!);
    };
    const capped = await gaps(40);
    expect(capped.length).toBeGreaterThanOrEqual(3);
    for (const g of capped) expect(g).toBeGreaterThanOrEqual(60 + 40 - 5);
    expect(Math.min(...capped)).toBeLessThan(60 + 4 * 60); // 100 ms apart, where 4d would be 300
    const uncapped = await gaps(Infinity);
    expect(uncapped.length).toBeGreaterThanOrEqual(1);
    for (const g of uncapped) expect(g).toBeGreaterThanOrEqual(60 + 4 * 60 - 5);
  });
});

describe('onTableChange', () => {
  it('calls back for a write to the table, not for one that touched only ignored indexes, not for other tables', async () => {
    const db = await freshDb();
    await ingest(db, [mention('x:1', '2026-11-20T10:00:00.000Z')]);
    let woken = 0;
    // As the inbox watches it: the primary key alone and `unread` do not change the queue.
    const off = onTableChange('mentions', () => woken++, ['', 'unread']);
    await db.drafts.put({ mentionId: 'x:1', text: 'hi', updatedAt: '2026-11-20T10:00:00.000Z' });
    await sleep(20);
    expect(woken).toBe(0);
    await actions.markSeen(db, 'x:1'); // changes only the `unread` index among the indexed fields
    await sleep(20);
    expect(woken).toBe(0);
    await actions.resolve(db, ['x:1'], { agent: 'mk' });
    await sleep(20);
    expect(woken).toBeGreaterThan(0);
    off();
    const before = woken;
    await actions.reopen(db, ['x:1'], { agent: 'mk' });
    await sleep(20);
    expect(woken).toBe(before);
  });
});
