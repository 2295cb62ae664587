import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { unreadCounts } from '../../src-renderer/db/queries';
import { BUILTIN_VIEWS, type SavedView } from '../../src-renderer/db/inbox-filter';
import { UnreadCounter } from '../../src-renderer/db/unread-counter';
import { onDueChanges, type DueChange } from '../../src-renderer/db/due-changes';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at } from './helpers/db';

const mk = { agent: 'mk' };
const custom: SavedView[] = [
  { id: 'c1', name: 'x, outage', filter: { statuses: [], channels: ['x'], tags: ['outage'] }, builtin: false },
  { id: 'c3', name: 'French, unassigned, everyday', filter: { statuses: ['new'], langs: ['fr'], assignee: 'unassigned', tiers: ['everyday'] }, builtin: false },
];
const textView: SavedView = { id: 'c2', name: 'refund text, mine', filter: { statuses: ['new', 'assigned'], text: 'refund', assignee: 'mine' }, builtin: false };
/** With a view that searches text (its bits need the records), and without. */
const withText: SavedView[] = [...BUILTIN_VIEWS, ...custom, textView];
const noText: SavedView[] = [...BUILTIN_VIEWS, ...custom];
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('unread per view, kept current from what each write tells', () => {
  let db: EarshotDb;
  let counter: UnreadCounter;
  let off: () => void;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, Array.from({ length: 30 }, (_, i) => mention(`m:${i}`, at(i), { channel: i % 2 ? 'x' : 'reddit', text: i % 3 ? 'Refund please' : 'Nice seats' })));
    await ingest(db, [mention('fr:1', at(31), { lang: 'fr' }), mention('fr:2', at(32), { lang: 'fr', channel: 'reddit' })]);
    counter = new UnreadCounter(db, withText, 'mk');
    // Cloned, as a change from another context (the delivery worker) arrives over a BroadcastChannel.
    off = onDueChanges((c) => c.db === db.name && counter.changed(structuredClone(c)));
  });
  afterEach(() => off());

  it('after each small write, takes in only the mentions touched and agrees with a count from scratch', async () => {
    const views = withText;
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
      () => actions.assign(db, ['fr:1'], 'mk', mk),
      () => ingest(db, [mention('fr:3', at(41), { lang: 'fr', reach: { score: 90, tier: 'macro' } }), mention('fr:4', at(42), { lang: 'fr' })]),
    ];
    for (const [k, step] of steps.entries()) {
      await step();
      await settle();
      const got = await counter.run();
      expect(counter.lastRun, `step ${k}`).toBe('some');
      expect(got, `step ${k}`).toEqual(await unreadCounts(db, views, 'mk'));
    }
    expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
    expect(counter.lastRun).toBe('none');
  });

  for (const [label, views] of [
    ['no view searches text: no record is read', noText],
    ['a view searches text: only the unread mentions written are read', withText],
  ] as const) {
    it(`follows writes of any size from what they tell, and agrees with a count from scratch (${label})`, async () => {
      counter = new UnreadCounter(db, views, 'mk');
      await counter.run();
      const big = Array.from({ length: 1200 }, (_, i) => mention(`b:${i}`, at(100 + i), { channel: i % 2 ? 'x' : 'reddit', text: i % 5 ? 'refund' : 'hello', lang: i % 3 ? 'en' : 'fr' }));
      await ingest(db, big);
      await actions.tag(db, Array.from({ length: 300 }, (_, i) => `b:${i}`), 'outage', mk);
      await actions.assign(db, Array.from({ length: 90 }, (_, i) => `b:${i * 3}`), 'mk', mk);
      await Promise.all(Array.from({ length: 40 }, (_, i) => actions.markSeen(db, `b:${i + 500}`)));
      await settle();
      const got = await counter.run();
      expect(counter.lastRun).toBe('some');
      expect(got).toEqual(await unreadCounts(db, views, 'mk'));
      expect(got.c1).toBe(150);
      // 400 French written; 90 of them assigned, 13 opened; 2 from before.
      expect(got.c3, 'French, unassigned, everyday, new').toBe(400 - 90 - 13 + 2);
      await db.mentions.bulkDelete(Array.from({ length: 70 }, (_, i) => `b:${i}`));
      await settle();
      expect(await counter.run()).toEqual(await unreadCounts(db, views, 'mk'));
      expect(counter.lastRun).toBe('some');
      // Without a text view nothing is read; with one, each run reads the unread mentions it was told of.
      if (views === noText) expect(counter.recordsRead).toBe(0);
      else expect(counter.recordsRead).toBe(1200 - 40);
    });
  }

  it('a change that arrives after a newer one of the same mention (another context) does not undo it', async () => {
    await counter.run();
    const heard: DueChange[] = [];
    const listen = onDueChanges((c) => c.db === db.name && heard.push(structuredClone(c)));
    await ingest(db, [mention('late:1', at(50), { channel: 'x' })]);
    await actions.markSeen(db, 'late:1');
    await settle();
    listen();
    await counter.run();
    const [created] = heard;
    expect(created && 'unread' in created && created.unread.map((f) => f.id)).toEqual(['late:1']);
    // The creation, told again as if it came late from the delivery worker.
    counter.changed(created!);
    expect(await counter.run()).toEqual(await unreadCounts(db, withText, 'mk'));
    // And a change from before a clear, arriving after it.
    await db.mentions.clear();
    await settle();
    await counter.run();
    counter.changed(created!);
    expect(await counter.run()).toEqual(await unreadCounts(db, withText, 'mk'));
    expect(Object.values(await counter.run()).every((n) => n === 0)).toBe(true);
  });

  it('counts everything again after a clear', async () => {
    counter = new UnreadCounter(db, withText, 'mk');
    await counter.run();
    await db.mentions.clear();
    await ingest(db, [mention('after', at(200), { channel: 'x' })]);
    await settle();
    expect(await counter.run()).toEqual(await unreadCounts(db, withText, 'mk'));
    expect(counter.lastRun).toBe('all');
    await ingest(db, [mention('after:2', at(201), { channel: 'x' })]);
    await settle();
    expect(await counter.run()).toEqual(await unreadCounts(db, withText, 'mk'));
    expect(counter.lastRun).toBe('some');
  });
});
