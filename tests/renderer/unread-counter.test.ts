import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { unreadCounts } from '../../src-renderer/db/queries';
import { BUILTIN_VIEWS, type SavedView } from '../../src-renderer/db/inbox-filter';
import { UnreadCounter } from '../../src-renderer/db/unread-counter';
import { changedKeys, onKeysChange } from '../../src-renderer/db/changed-keys';
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
    off = onKeysChange('mentions', (ids) => counter.changed(ids));
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

  it('counts everything again after a write Dexie reports as a range (50 mentions or more)', async () => {
    await counter.run();
    await ingest(db, Array.from({ length: 60 }, (_, i) => mention(`b:${i}`, at(100 + i), { channel: 'x' })));
    await settle();
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('all');
  });

  it('reads the keys of a write from the interval tree, here or from another page (a plain object)', () => {
    const tree = { from: 'b', to: 'b', d: 2, l: { from: 'a', to: 'a', d: 1 }, r: { from: 'c', to: 'c', d: 1, r: null } };
    expect(changedKeys({ 'idb://earshot/mentions/': tree, 'idb://earshot/events/': { from: 1, to: 1, d: 1 } }, 'mentions')).toEqual(['a', 'b', 'c']);
    expect(changedKeys({ 'idb://earshot/mentions/': { from: 'a', to: 'z', d: 1 } }, 'mentions')).toBeUndefined();
    expect(changedKeys({ 'idb://earshot/mentions/unread': tree }, 'mentions')).toEqual([]);
    expect(changedKeys({ 'idb://earshot/mentions/': { d: 0 } }, 'mentions')).toEqual([]);
  });
});
