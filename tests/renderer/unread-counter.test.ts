import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { unreadCounts } from '../../src-renderer/db/queries';
import { BUILTIN_VIEWS, type SavedView } from '../../src-renderer/db/inbox-filter';
import { RECOUNT_ABOVE, UnreadCounter } from '../../src-renderer/db/unread-counter';
import { onDueChanges, touchedIds } from '../../src-renderer/db/due-changes';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at } from './helpers/db';

const mk = { agent: 'mk' };
const views: SavedView[] = [
  ...BUILTIN_VIEWS,
  { id: 'c1', name: 'x, outage', filter: { statuses: [], channels: ['x'], tags: ['outage'] }, builtin: false },
  { id: 'c2', name: 'refund text, mine', filter: { statuses: ['new', 'assigned'], text: 'refund', assignee: 'mine' }, builtin: false },
];
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('unread per view, kept current from the mentions each write touched', () => {
  let db: EarshotDb;
  let counter: UnreadCounter;
  let off: () => void;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, Array.from({ length: 30 }, (_, i) => mention(`m:${i}`, at(i), { channel: i % 2 ? 'x' : 'reddit', text: i % 3 ? 'Refund please' : 'Nice seats' })));
    counter = new UnreadCounter(db, views, 'mk');
    off = onDueChanges((c) => c.db === db.name && counter.changed(touchedIds(c)));
  });
  afterEach(() => off());

  it('after each small write, re-reads only the mentions touched and agrees with a count from scratch', async () => {
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('all');
    const steps: Array<() => Promise<unknown>> = [
      () => actions.assign(db, ['m:1', 'm:2', 'm:3'], 'mk', mk),
      () => actions.tag(db, ['m:1', 'm:5'], 'outage', mk),
      () => actions.markSeen(db, 'm:3'),
      () => actions.resolve(db, ['m:5', 'm:7'], mk),
      () => ingest(db, [mention('m:new', at(40), { channel: 'x', text: 'refund now' })]),
      () => actions.assign(db, ['m:new'], 'mk', mk),
      () => actions.reopen(db, ['m:7'], mk),
      () => actions.tag(db, ['m:1'], 'outage', mk, true),
      () => db.mentions.delete('m:9'),
    ];
    for (const step of steps) {
      await step();
      await settle();
      const got = await counter.run();
      expect(counter.lastRun).toBe('some');
      expect(got).toEqual(await unreadCounts(db, views, 'mk'));
    }
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('none');
  });

  it('follows a write of any size from the mentions it names, read in chunks, and agrees with a count from scratch', async () => {
    await counter.run();
    // 1,200: three chunks of re-reads; some match the custom views, some are read already.
    await ingest(db, Array.from({ length: 1200 }, (_, i) => mention(`b:${i}`, at(100 + i), { channel: i % 2 ? 'x' : 'reddit', text: i % 5 ? 'refund' : 'hello' })));
    await actions.tag(db, Array.from({ length: 300 }, (_, i) => `b:${i}`), 'outage', mk);
    await actions.assign(db, Array.from({ length: 90 }, (_, i) => `b:${i * 3}`), 'mk', mk);
    await settle();
    const got = await counter.run();
    expect(counter.lastRun).toBe('some');
    expect(got).toEqual(await unreadCounts(db, views, 'mk'));
    expect(got.c1).toBe(150);
    await db.mentions.bulkDelete(Array.from({ length: 70 }, (_, i) => `b:${i}`));
    await settle();
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('some');
  });

  it('counts everything again after a clear, or when more mentions are pending than re-reading them is worth', async () => {
    await counter.run();
    await db.mentions.clear();
    await ingest(db, [mention('after', at(200), { channel: 'x' })]);
    await settle();
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('all');
    counter.changed(Array.from({ length: RECOUNT_ABOVE + 1 }, (_, i) => `nope:${i}`));
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('all');
  });
});
