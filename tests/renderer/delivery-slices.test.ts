/**
 * The delivery worker validates its pages ahead of their write in slices of PARSE_SLICE entries,
 * one slice per task (delivery/validate-ahead.ts): the batch's transaction runs on the same thread, and
 * each of its callbacks then waits for one slice at most instead of four whole pages. A batch asked
 * for before its pages are validated validates the rest at once; what is written is the same.
 */
import { describe, it, expect, vi, beforeEach } from 'vitest';
import { freshDb, mentionsPage, storedContents } from './helpers/db';
import { EarshotDb } from '../../src-renderer/db/schema';
import type { LogPage } from '../../src-main/shared/contract';

const sizes = vi.hoisted(() => ({ calls: [] as number[] }));
vi.mock('../../src-renderer/db/apply', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src-renderer/db/apply')>();
  return {
    ...orig,
    parsePage: (entries: Parameters<typeof orig.parsePage>[0]) => {
      sizes.calls.push(entries.length);
      return orig.parsePage(entries);
    },
  };
});

const { createApplyHost } = await import('../../src-renderer/delivery/apply-host');
const { PARSE_SLICE } = await import('../../src-renderer/delivery/validate-ahead');
const { applyPage } = await import('../../src-renderer/db/apply');

/** A `later` that queues the tasks for the test to run one by one. */
function manualLater(): { later: (fn: () => void) => void; tasks: Array<() => void>; runOne(): void; runAll(): number } {
  const tasks: Array<() => void> = [];
  return {
    later: (fn) => void tasks.push(fn),
    tasks,
    runOne: () => tasks.shift()!(),
    runAll() {
      let n = 0;
      while (tasks.length) {
        tasks.shift()!();
        n++;
      }
      return n;
    },
  };
}

const ids = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => `x:${from + i + 1}`);

describe('the delivery worker validates pages in slices', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    sizes.calls = [];
  });

  it('validates nothing in the message’s own task, then one slice per task, pages in arrival order', async () => {
    const q = manualLater();
    const host = createApplyHost((name) => new EarshotDb(name), q.later);
    const n = 2 * PARSE_SLICE + 20;
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: mentionsPage(ids(0, n), 0) });
    await host.handle({ kind: 'page', dbName: db.name, seq: 2, page: mentionsPage(ids(n, 10), n) });
    expect(sizes.calls).toEqual([]);
    // One task is queued at a time, however many pages wait.
    expect(q.tasks).toHaveLength(1);
    q.runOne();
    expect(sizes.calls).toEqual([PARSE_SLICE]);
    expect(q.runAll()).toBe(3);
    expect(sizes.calls).toEqual([PARSE_SLICE, PARSE_SLICE, 20, 10]);
    // All validated ahead: the batch validates nothing more.
    const r = await host.handle({ kind: 'apply', dbName: db.name, seqs: [1, 2], logId: 'L' });
    expect(sizes.calls).toHaveLength(4);
    expect(r).toMatchObject({ position: n + 10, applied: n + 10, added: n + 10, problems: [] });
  });

  it('a batch asked for half-way validates the rest at once and writes exactly what the window thread writes', async () => {
    const here = await freshDb();
    const q = manualLater();
    const host = createApplyHost((name) => new EarshotDb(name), q.later);
    const first = mentionsPage(ids(0, PARSE_SLICE + 30), 0);
    // A bad entry in the second slice: skipped and named, as on the window thread.
    const bad = first.entries[PARSE_SLICE + 5]!;
    const entries: LogPage['entries'] = first.entries.map((e) => (e === bad ? { position: e.position, entry: { ...e.entry, type: 'mention', mention: { id: 'broken' } } } : e));
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: { entries } });
    q.runOne();
    const r = await host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' });
    expect(sizes.calls).toEqual([PARSE_SLICE, 30]);
    const h = await applyPage(here, entries, 'L');
    expect(r).toEqual(h);
    expect(r?.problems).toHaveLength(1);
    expect(r?.problems[0]).toMatch(new RegExp(`^position ${bad.position}: `));
    expect(await storedContents(db)).toEqual(await storedContents(here));
    // Nothing is left to validate: the queued task finds no page.
    q.runAll();
    expect(sizes.calls).toHaveLength(2);
  });

  it('forgets a dropped page half-way: it is validated no further and cannot be written', async () => {
    const q = manualLater();
    const host = createApplyHost((name) => new EarshotDb(name), q.later);
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: mentionsPage(ids(0, PARSE_SLICE + 1), 0) });
    q.runOne();
    await host.handle({ kind: 'drop', dbName: db.name, seqs: [1] });
    q.runAll();
    expect(sizes.calls).toEqual([PARSE_SLICE]);
    await expect(host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' })).rejects.toThrow('page 1 of the batch never reached the delivery worker');
    expect(await db.mentions.count()).toBe(0);
  });
});
