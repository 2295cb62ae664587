/**
 * A new filter's first rows come from the head of the queue, before the key sets are read: what it
 * reports first must be exactly the start of the final result, never a row out of order or one that
 * does not match.
 */
import { describe, it, expect, beforeEach, vi } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { streamFilteredIds, primedRecord, readQueueHead } from '../../src-renderer/db/inbox-query';
import { countPastDue } from '../../src-renderer/db/queries';
import { ms } from './helpers/db';
import type { InboxFilter } from '../../src-renderer/db/inbox-filter';
import * as actions from '../../src-renderer/db/actions';
import type { Channel } from '../../src-main/shared/mention';
import { freshDb, ingest, mention, at } from './helpers/db';
import { onDueChanges, type DueChange } from '../../src-renderer/db/due-changes';

const channels: Channel[] = ['x', 'appstore', 'reddit'];
const texts = ['Refund still missing', 'Café au lait was cold', '航班取消了，请退款', 'Gate B12 chaos'];

describe('first rows from the head of the queue', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    const ms = Array.from({ length: 80 }, (_, i) => mention(`h:${String(i).padStart(2, '0')}`, at(((i * 37) % 80) - 40), { channel: channels[i % 3], text: texts[i % 4]! }));
    await ingest(db, ms);
    const ids = ms.map((m) => m.id);
    await actions.assign(db, ids.filter((_, i) => i % 4 === 1), 'mk', { agent: 'mk' });
    await actions.tag(db, ids.filter((_, i) => i % 5 === 0), 'outage', { agent: 'mk' });
    await actions.resolve(db, ids.filter((_, i) => i % 6 === 0), { agent: 'mk' });
  });

  it.each<[string, InboxFilter]>([
    ['channel', { statuses: ['new', 'assigned', 'waiting'], channels: ['reddit'] }],
    ['tag', { statuses: ['new', 'assigned', 'waiting'], tags: ['outage'] }],
    ['assignee', { statuses: ['new', 'assigned', 'waiting'], assignee: 'mine' }],
    ['text', { statuses: ['new', 'assigned', 'waiting'], text: 'refund' }],
    ['text, CJK', { statuses: [], text: '退款' }],
    ['closed only, most recent first', { statuses: ['resolved'], channels: ['x'] }],
    ['statuses only, one left out', { statuses: ['new', 'assigned', 'waiting', 'resolved'] }],
  ])('%s: the first report is the start of the final result', async (_, f) => {
    for (const smallSet of [0, Infinity]) {
      const reports: string[][] = [];
      const all = await streamFilteredIds(db, f, 'mk', (ids) => reports.push(ids), { head: 12, smallSet, firstChunk: 4 });
      expect(all.length).toBeGreaterThan(0);
      expect(reports.length).toBeGreaterThan(1);
      const first = reports[0]!;
      expect(first.length).toBeGreaterThan(0);
      expect(all.slice(0, first.length)).toEqual(first);
      for (const id of first) expect(primedRecord(id)?.id).toBe(id);
    }
  });

  it.each<[string, InboxFilter]>([
    ['channel', { statuses: ['new', 'assigned', 'waiting'], channels: ['reddit'] }],
    ['text', { statuses: ['new', 'assigned', 'waiting'], text: 'refund' }],
    ['closed only, most recent first', { statuses: ['resolved'], channels: ['x'] }],
    ['statuses only, one left out', { statuses: ['new', 'assigned', 'waiting', 'resolved'] }],
    ['a plain view', { statuses: ['new', 'assigned', 'waiting'] }],
    ['everything', { statuses: [] }],
  ])('%s: the head read alone is the filter\'s result among the first of the queue', async (_, f) => {
    const all = await streamFilteredIds(db, f, 'mk', () => undefined, {});
    const head = await readQueueHead(db, f, 'mk', 12);
    expect(head.length).toBeGreaterThan(0);
    expect(head.length).toBeLessThanOrEqual(12);
    expect(all.slice(0, head.length)).toEqual(head);
  });

  it.each<[string, InboxFilter]>([
    ['a view with chips', { statuses: ['new', 'assigned', 'waiting'], channels: ['reddit'] }],
    ['a plain view', { statuses: ['new', 'assigned', 'waiting'] }],
  ])('%s, read again after a change: the first rows come before the pause, the rest only after it, and a cancel in the pause stops there', async (_, f) => {
    const full = await streamFilteredIds(db, f, 'mk', () => undefined, {});
    for (const cancel of [false, true]) {
      const reports: Array<{ ids: string[]; done: boolean; paused: boolean }> = [];
      let paused = false;
      let release!: () => void;
      const signal = { cancelled: false };
      const afterFirstRows = (): Promise<void> => {
        paused = true;
        return new Promise<void>((r) => (release = r));
      };
      const reading = streamFilteredIds(db, f, 'mk', (ids, done) => reports.push({ ids, done, paused }), { head: 12, firstChunk: 4, chunk: 4, signal, afterFirstRows });
      await vi.waitFor(() => expect(paused).toBe(true));
      // While paused: only the first rows, and they are the start of the result.
      expect(reports.length).toBe(1);
      expect(full.slice(0, reports[0]!.ids.length)).toEqual(reports[0]!.ids);
      await new Promise((r) => setTimeout(r, 30));
      expect(reports.length).toBe(1);
      if (cancel) signal.cancelled = true;
      release();
      await reading;
      if (cancel) expect(reports.length).toBe(1);
      else expect(reports.at(-1)).toEqual({ ids: full, done: true, paused: true });
    }
  });

  it('a plain view reads no head (its first chunk is already its first rows)', async () => {
    const reports: string[][] = [];
    await streamFilteredIds(db, { statuses: ['new', 'assigned', 'waiting'] }, 'mk', (ids) => reports.push(ids), { head: 12, firstChunk: 4 });
    expect(reports[0]!.length).toBe(4);
  });

  it('past due counts from two index counts match the records: open, waiting on the customer left out', async () => {
    const all = await db.mentions.toArray();
    // A reply leaves the mention waiting on the customer.
    for (const m of all.filter((r) => r.open === 1).slice(0, 9)) await actions.recordReply(db, m.id, { via: 'site', text: 'ok' }, { agent: 'mk' });
    const rows = await db.mentions.toArray();
    expect(rows.some((m) => m.status === 'waiting')).toBe(true);
    for (const minutes of [-100, -20, 0, 15, 60, 10_000]) {
      const now = ms(minutes);
      const expected = rows.filter((m) => m.open === 1 && m.dueAt <= now && (m.status === 'new' || m.status === 'assigned')).length;
      expect(await countPastDue(db, now), `at ${minutes} min`).toBe(expected);
    }
  });
});

describe('records primed by a head read, and writes after it', () => {
  const open: InboxFilter = { statuses: ['new', 'assigned', 'waiting'] };
  /** The next due change this context hears (after the inbox query's own listener, which came first). */
  const nextChange = (): Promise<DueChange> => new Promise((resolve) => {
    const off = onDueChanges((c) => {
      off();
      resolve(c);
    });
  });

  it('a record written after its head read is forgotten; a late word of a write committed before the read keeps it', async () => {
    const db = await freshDb();
    await ingest(db, [mention('p:1', at(0)), mention('p:2', at(5))]);
    await readQueueHead(db, open, 'mk', 10);
    expect(primedRecord('p:1')?.tags).toEqual([]);

    const told = nextChange();
    await actions.tag(db, ['p:1'], 'refund', { agent: 'mk' });
    await told;
    expect(primedRecord('p:1')).toBeUndefined();
    expect(primedRecord('p:2')?.id).toBe('p:2');

    const beforeRead = performance.timeOrigin + performance.now();
    await readQueueHead(db, open, 'mk', 10);
    expect(primedRecord('p:1')?.tags).toEqual(['refund']);
    // Another context's word of a write that committed before the read began, arriving after it.
    const other = new BroadcastChannel('earshot-due-changes');
    const late = nextChange();
    other.postMessage({ db: db.name, seq: 99, due: [['p:1', null]], unread: [], gone: [], committedAt: beforeRead });
    await late;
    expect(primedRecord('p:1')?.tags).toEqual(['refund']);
    // The same word for a write after the read: forgotten.
    const later = nextChange();
    other.postMessage({ db: db.name, seq: 100, due: [], unread: [], gone: ['p:1'], committedAt: performance.timeOrigin + performance.now() });
    await later;
    other.close();
    expect(primedRecord('p:1')).toBeUndefined();
  });
});
