/**
 * The inbox's live ids (inbox/use-inbox-ids.ts): after a change the head of the queue is refreshed
 * before the whole list is read again, without the list ever shrinking or showing an id twice.
 */
import { describe, it, expect, afterEach, vi } from 'vitest';
import { renderHook, waitFor, cleanup } from '@testing-library/react';
import { useInboxIds, withFreshHead } from '../../src-renderer/inbox/use-inbox-ids';
import { setDb } from '../../src-renderer/db/schema';
import { BUILTIN_VIEWS } from '../../src-renderer/db/inbox-filter';
import { freshDb, ingest, mention, at } from './helpers/db';

// A whole read that takes as long as a test needs: while `gate.closed` is set, a read's last call
// (the whole list) waits for it, as a read of 100,000 mentions on disk takes seconds. With
// `startMs`, every read starts that much later, as one waits behind a write on disk.
// With `lists`, a read gives those lists (the ids so far, each longer) one every `everyMs` instead.
const gate = vi.hoisted(() => ({ closed: undefined as Promise<void> | undefined, held: 0, startMs: 0, lists: undefined as { lists: string[][]; everyMs: number } | undefined }));
vi.mock('../../src-renderer/db/inbox-query', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-renderer/db/inbox-query')>();
  const streamFilteredIds: typeof real.streamFilteredIds = async (db, f, me, onProgress, opts) => {
    if (gate.lists) {
      const { lists, everyMs } = gate.lists;
      for (let i = 0; i < lists.length; i++) {
        if (i) await new Promise((r) => setTimeout(r, everyMs));
        if (opts?.signal?.cancelled) return lists[i]!;
        onProgress(lists[i]!, i === lists.length - 1);
      }
      return lists[lists.length - 1]!;
    }
    let last: (() => void) | undefined;
    if (gate.startMs) await new Promise((r) => setTimeout(r, gate.startMs));
    const out = await real.streamFilteredIds(db, f, me, (ids, done) => (done && gate.closed ? (last = () => onProgress(ids, done)) : onProgress(ids, done)), opts);
    if (last) {
      gate.held++;
      await gate.closed;
      last();
    }
    return out;
  };
  return { ...real, streamFilteredIds };
});

describe('withFreshHead', () => {
  it.each([
    { head: ['n', 'a', 'b'], shown: ['a', 'b', 'c', 'd'], out: ['n', 'a', 'b', 'c', 'd'] },
    { head: ['a', 'c'], shown: ['a', 'b', 'c', 'd'], out: ['a', 'c', 'b', 'd'] },
    { head: [], shown: ['a', 'b'], out: ['a', 'b'] },
    { head: ['a'], shown: [], out: ['a'] },
  ])('$head over $shown', ({ head, shown, out }) => {
    expect(withFreshHead(head, shown)).toEqual(out);
  });

  /** The plain definition: the head, then the ids shown that are not in it, in their order. */
  const plain = (head: string[], shown: string[]): string[] => head.concat(shown.filter((id) => !head.includes(id)));

  it('equals the plain definition on 3,000 random pairs: prefixes, streams, moved and repeated ids', () => {
    let s = 7;
    const next = (n: number): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s % n;
    };
    const list = (n: number, of: number): string[] => Array.from({ length: n }, () => `m${next(of)}`);
    for (let i = 0; i < 3000; i++) {
      const shown = list(next(30), 40);
      let head: string[];
      switch (i % 4) {
        case 0: head = shown.concat(list(next(10), 60)); break; // a stream that goes on
        case 1: head = shown.slice(0, next(shown.length + 1)).concat(list(next(5), 60)); break; // a shared start, then others
        case 2: head = list(next(8), 40); break; // a fresh head over a long list
        default: head = list(next(40), 40); // anything, repeats included
      }
      const out = withFreshHead(head, shown);
      expect(out, JSON.stringify({ head, shown })).toEqual(plain(head, shown));
      expect(out).not.toBe(head);
    }
  });
});

describe('useInboxIds', () => {
  afterEach(() => {
    cleanup();
    setDb(undefined);
    gate.startMs = 0;
    gate.lists = undefined;
  });

  it('shows a new filter’s first chunks at once until it holds more than a screen, then grows the list a few times a second, not at every chunk', async () => {
    setDb(await freshDb());
    const ids = Array.from({ length: 3000 }, (_, i) => `m:${i}`);
    // A sparse filter's first chunks (10, then 100), then 29 more of 100 each, one every 20 ms: as
    // a view of 120,000 streams in 2,500 at a time.
    gate.lists = { lists: [ids.slice(0, 10), ...Array.from({ length: 30 }, (_, i) => ids.slice(0, (i + 1) * 100))], everyMs: 20 };
    const lengths: number[] = [];
    const open = BUILTIN_VIEWS.find((v) => v.id === 'open')!.filter;
    const { result } = renderHook(() => {
      const r = useInboxIds(open, 'mk');
      if (r.ids && r.current && lengths[lengths.length - 1] !== r.ids.length) lengths.push(r.ids.length);
      return r;
    });
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(3000), { timeout: 10_000 });
    expect(result.current.ids).toEqual(ids);
    // Below a head's worth (300), each chunk showed as it came.
    expect(lengths.slice(0, 4)).toEqual([10, 100, 200, 300]);
    // Then it grew while it loaded (the chunks took 600 ms or more), but far less often than every chunk.
    expect(lengths.filter((n) => n > 300 && n < 3000).length).toBeGreaterThan(0);
    expect(lengths.length, JSON.stringify(lengths)).toBeLessThan(12);
  });

  it('shows a new filter’s first rows while writes keep coming faster than a read', async () => {
    const db = await freshDb();
    setDb(db);
    await ingest(
      db,
      Array.from({ length: 800 }, (_, i) => mention(`x:${1000 + i}`, at(i))),
    );
    // Each read waits 40 ms before it starts, and mentions are written back to back meanwhile, as
    // a backlog is on opening the app: a read cut short by every write never showed a row until
    // the writes stopped (16.7 s of an 18.3 s backlog of 20,000 in one delivery run).
    gate.startMs = 40;
    const open = BUILTIN_VIEWS.find((v) => v.id === 'open')!.filter;
    const { result } = renderHook(() => useInboxIds(open, 'mk'));
    let k = 0;
    while (k < 300 && !result.current.ids) {
      await ingest(db, [mention(`y:${k}`, at(5000 + k))]);
      k++;
    }
    expect(result.current.ids, `rows shown after ${k} writes`).toBeDefined();
    expect(k, 'the rows showed while the writes went on').toBeLessThan(300);
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(800 + k), { timeout: 10_000 });
  });

  it('puts a mention just heard at its place in the head, never shrinking the list or showing an id twice', async () => {
    const db = await freshDb();
    setDb(db);
    await ingest(
      db,
      Array.from({ length: 800 }, (_, i) => mention(`x:${1000 + i}`, at(i))),
    );
    const seen: string[][] = [];
    const open = BUILTIN_VIEWS.find((v) => v.id === 'open')!.filter;
    const { result } = renderHook(() => {
      const r = useInboxIds(open, 'mk');
      if (r.ids && r.current) seen.push(r.ids);
      return r;
    });
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(800), { timeout: 10_000 });
    const before = seen.length;
    // Posted before everything else, so due first: the top row.
    await ingest(db, [mention('x:1', at(-60))]);
    await waitFor(() => expect(result.current.ids?.[0]).toBe('x:1'), { timeout: 10_000 });
    await waitFor(() => expect(result.current.ids?.length).toBe(801), { timeout: 10_000 });
    for (const ids of seen.slice(before)) {
      expect(ids.length).toBeGreaterThanOrEqual(800);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(result.current.ids).toEqual(['x:1', ...Array.from({ length: 800 }, (_, i) => `x:${1000 + i}`)]);
  });

  it('keeps showing new mentions while they arrive faster than the whole list can be read again', async () => {
    const db = await freshDb();
    setDb(db);
    await ingest(
      db,
      Array.from({ length: 800 }, (_, i) => mention(`x:${1000 + i}`, at(i))),
    );
    const open = BUILTIN_VIEWS.find((v) => v.id === 'open')!.filter;
    const { result } = renderHook(() => useInboxIds(open, 'mk'));
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(800), { timeout: 10_000 });
    // Each new mention is due last (beyond the head the re-read refreshes at once): it shows only
    // when a whole read ends. Written back to back, each write lands during the re-read the one
    // before started; a read cut short by every write never ended until the writes stopped.
    // Written until the list has grown (at most 600: a read cut short by every write stayed at 800
    // through all of them, locally and under CI's load alike), so the test does not rest on how
    // many writes one whole read takes on a given machine.
    let k = 0;
    while (k < 600 && (result.current.ids?.length ?? 0) <= 800) {
      await ingest(db, [mention(`y:${k}`, at(5000 + k))]);
      k++;
    }
    expect(result.current.ids!.length, `grown after ${k} writes`).toBeGreaterThan(800);
    expect(k, 'the list grew while the writes went on').toBeLessThan(600);
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(800 + k), { timeout: 10_000 });
  });

  it('shows a mention due first while a long re-read is under way, and keeps it on top when that read ends', async () => {
    const db = await freshDb();
    setDb(db);
    await ingest(
      db,
      Array.from({ length: 800 }, (_, i) => mention(`x:${1000 + i}`, at(i))),
    );
    const open = BUILTIN_VIEWS.find((v) => v.id === 'open')!.filter;
    const seen: string[][] = [];
    const { result } = renderHook(() => {
      const r = useInboxIds(open, 'mk');
      if (r.ids && r.current) seen.push(r.ids);
      return r;
    });
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(800), { timeout: 10_000 });
    let open_ = (): void => {};
    gate.closed = new Promise<void>((r) => (open_ = r));
    gate.held = 0;
    try {
      // A mention due last starts a re-read; its whole list is held (a long read).
      await ingest(db, [mention('y:0', at(5000))]);
      await waitFor(() => expect(gate.held).toBe(1), { timeout: 10_000 });
      expect(result.current.ids).toHaveLength(800);
      // A mention due first, written while that read is held: it shows without waiting for it.
      await ingest(db, [mention('x:1', at(-60))]);
      await waitFor(() => expect(result.current.ids?.[0]).toBe('x:1'), { timeout: 10_000 });
      expect(gate.held, 'the long read is still under way').toBe(1);
      expect(result.current.ids).toHaveLength(801);
    } finally {
      gate.closed = undefined;
      open_();
    }
    const from = seen.findIndex((ids) => ids[0] === 'x:1');
    await waitFor(() => expect(result.current.complete && result.current.ids?.length).toBe(802), { timeout: 10_000 });
    // The held read ends without x:1 (it read the head before x:1 was written): x:1 stays on top.
    for (const ids of seen.slice(from)) expect(ids[0]).toBe('x:1');
    expect(result.current.ids).toEqual(['x:1', ...Array.from({ length: 800 }, (_, i) => `x:${1000 + i}`), 'y:0']);
  });
});
