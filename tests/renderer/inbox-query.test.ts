import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb, MentionRecord } from '../../src-renderer/db/schema';
import { unreadCounts, firstTakeable, sortByQueue, streamFilteredIds } from '../../src-renderer/db/queries';
import { matchesFilter, BUILTIN_VIEWS, type InboxFilter, type SavedView } from '../../src-renderer/db/inbox-filter';
import * as actions from '../../src-renderer/db/actions';
import type { Channel, ReachTier } from '../../src-main/shared/mention';
import { freshDb, ingest, mention, at, filteredIdsByDue } from './helpers/db';

const mk = { agent: 'mk' };
const tiers: ReachTier[] = ['everyday', 'micro', 'mid', 'macro', 'mega'];
const channels: Channel[] = ['x', 'appstore', 'reddit'];
const texts = ['Refund still missing', 'Café au lait was cold', '航班取消了，请退款', 'Gate B12 chaos, refunds?', 'Love the new seats'];

describe('inbox query: filters that combine, over indexes, in due order', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    const ms = Array.from({ length: 60 }, (_, i) =>
      mention(`m:${String(i).padStart(2, '0')}`, at(((i * 37) % 60) - 30), {
        channel: channels[i % 3],
        sourceId: `src-${i % 4}`,
        text: texts[i % texts.length]!,
        reach: { score: i, tier: tiers[i % 5]! },
        author: { key: `k:${i % 7}`, handle: `user${i % 7}`, name: i % 7 === 0 ? 'Dana Whitfield' : `User ${i % 7}`, followers: i },
      }),
    );
    await ingest(db, ms);
    const ids = ms.map((m) => m.id);
    await actions.assign(db, ids.filter((_, i) => i % 4 === 1), 'mk', mk);
    await actions.assign(db, ids.filter((_, i) => i % 4 === 2), 'lo', mk);
    await actions.tag(db, ids.filter((_, i) => i % 5 === 0), 'outage', mk);
    await actions.resolve(db, ids.filter((_, i) => i % 6 === 0), mk);
    await actions.markNoise(db, ids.filter((_, i) => i % 11 === 3), mk);
    await actions.recordReply(db, ids[7]!, { via: 'site', text: 'ok' }, mk);
  });

  async function expectSame(f: InboxFilter): Promise<string[]> {
    const all = await db.mentions.toArray();
    const expected = sortByQueue(all.filter((m) => matchesFilter(m, f, 'mk'))).map((m) => m.id);
    // Both ways the query can run: over the queue's index with key sets, and over a small set's records.
    const viaIndexes = await filteredIdsByDue(db, f, 'mk', { smallSet: 0 });
    const viaRecords = await filteredIdsByDue(db, f, 'mk', { smallSet: Infinity });
    // Streamed in tiny chunks, so every chunk boundary and continuation is exercised.
    const progress: Array<[number, boolean]> = [];
    const viaChunks = await streamFilteredIds(db, f, 'mk', (ids, done) => progress.push([ids.length, done]), { smallSet: 0, firstChunk: 2, chunk: 3 });
    expect(viaIndexes).toEqual(expected);
    expect(viaRecords).toEqual(expected);
    expect(viaChunks).toEqual(expected);
    expect(progress[progress.length - 1]).toEqual([expected.length, true]);
    return viaIndexes;
  }

  it('orders open mentions by due time only: a mega author never jumps an everyday one', async () => {
    const ids = await expectSame({ statuses: ['new', 'assigned', 'waiting'] });
    const rows = (await db.mentions.bulkGet(ids)) as MentionRecord[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.dueAt).toBeGreaterThanOrEqual(rows[i - 1]!.dueAt);
  });

  it('agrees with the in-memory filter for every built-in view and for combinations', async () => {
    for (const v of BUILTIN_VIEWS) await expectSame(v.filter);
    await expectSame({ statuses: [], channels: ['reddit'], tiers: ['micro'] });
    await expectSame({ statuses: ['new'], sources: ['src-1'], tags: ['outage'] });
    await expectSame({ statuses: ['new', 'assigned'], assignee: 'agent:lo', channels: ['x'] });
    await expectSame({ statuses: [], assignee: 'mine-or-unassigned', text: 'refund' });
  });

  it('searches text and author by word prefix, any case, without accents, and in CJK', async () => {
    expect((await expectSame({ statuses: [], text: 'REFUND' })).length).toBeGreaterThan(0);
    expect((await expectSame({ statuses: [], text: 'cafe' })).length).toBeGreaterThan(0);
    expect((await expectSame({ statuses: [], text: '退款' })).length).toBeGreaterThan(0);
    expect((await expectSame({ statuses: [], text: 'dana whit' })).length).toBeGreaterThan(0);
    expect(await expectSame({ statuses: [], text: 'refund zebra' })).toEqual([]);
  });

  it('a random walk of filters always agrees with the in-memory filter', async () => {
    let seed = 3;
    const rnd = (n: number): number => ((seed = (seed * 16807) % 2147483647) % n);
    const statusSets: InboxFilter['statuses'][] = [[], ['new'], ['waiting', 'noise'], ['resolved'], ['new', 'assigned', 'waiting']];
    const assignees: InboxFilter['assignee'][] = [undefined, 'mine', 'unassigned', 'mine-or-unassigned', 'agent:lo'];
    for (let i = 0; i < 40; i++) {
      await expectSame({
        statuses: statusSets[rnd(5)]!,
        channels: rnd(2) ? [channels[rnd(3)]!] : undefined,
        tiers: rnd(3) === 0 ? [tiers[rnd(5)]!] : undefined,
        tags: rnd(3) === 0 ? ['outage'] : undefined,
        assignee: assignees[rnd(5)],
        text: rnd(4) === 0 ? ['refund', 'gate', 'user3', '航班'][rnd(4)] : undefined,
      });
    }
  });

  it('streams ties (same due time and post time) across chunk boundaries without losing or repeating one', async () => {
    const same = Array.from({ length: 7 }, (_, i) => mention(`tie:${i}`, at(-100), { text: 'tie' }));
    await ingest(db, same);
    const ids = await streamFilteredIds(db, { statuses: ['new', 'assigned', 'waiting'] }, 'mk', () => undefined, { firstChunk: 1, chunk: 2 });
    expect(ids.filter((i) => i.startsWith('tie:'))).toEqual(same.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    await actions.resolve(db, same.map((m) => m.id), mk);
    const closed = await streamFilteredIds(db, { statuses: ['resolved'] }, 'mk', () => undefined, { smallSet: 0, firstChunk: 1, chunk: 2 });
    expect(closed.filter((i) => i.startsWith('tie:'))).toEqual(same.map((m) => m.id).reverse());
    expect(new Set(closed).size).toBe(closed.length);
  });

  it('counts unread per view', async () => {
    const views = BUILTIN_VIEWS.filter((v) => ['open', 'mine', 'resolved'].includes(v.id));
    const all = await db.mentions.toArray();
    const counts = await unreadCounts(db, views, 'mk');
    for (const v of views) expect(counts[v.id]).toBe(all.filter((m) => m.open === 1 && m.seen !== 1 && matchesFilter(m, v.filter, 'mk')).length);
    expect(counts.resolved).toBe(0);
  });

  it('counts unread per view from key sets alone (a large unread set) exactly as in memory: every built-in view and views with chips', async () => {
    const views: SavedView[] = [
      ...BUILTIN_VIEWS,
      { id: 'c1', name: 'x, outage', filter: { statuses: [], channels: ['x'], tags: ['outage'] }, builtin: false },
      { id: 'c2', name: 'refund text, mine', filter: { statuses: ['new', 'assigned'], text: 'refund', assignee: 'mine' }, builtin: false },
      { id: 'c3', name: 'unassigned reddit', filter: { statuses: ['new'], channels: ['reddit'], assignee: 'unassigned' }, builtin: false },
    ];
    const all = await db.mentions.toArray();
    const fromKeys = await unreadCounts(db, views, 'mk', 0);
    const inMemory = await unreadCounts(db, views, 'mk');
    expect(fromKeys).toEqual(inMemory);
    for (const v of views) expect(fromKeys[v.id]).toBe(all.filter((m) => m.open === 1 && m.seen !== 1 && matchesFilter(m, v.filter, 'mk')).length);
    expect(Object.values(fromKeys).some((n) => n > 0)).toBe(true);
  });

  it('next due is the first mention of the view I may take: not someone else’s, not waiting on the customer', async () => {
    const ids = await filteredIdsByDue(db, { statuses: ['new', 'assigned', 'waiting'] }, 'mk');
    const first = await firstTakeable(db, ids, 'mk');
    const rows = (await db.mentions.bulkGet(ids)) as MentionRecord[];
    const expected = rows.find((m) => (m.status === 'new' || m.status === 'assigned') && (!m.assignee || m.assignee === 'mk'));
    expect(first).toBe(expected!.id);
    expect(rows.find((r) => r.id === first)!.assignee).not.toBe('lo');
  });
});

describe('inbox query: language, sentiment and topic (one facets index), and a drill-down id list', () => {
  let db: EarshotDb;
  const langs = ['en', 'es', undefined, 'pt'];
  const sentiments = [{ label: 'negative' as const, score: -0.7 }, { label: 'positive' as const, score: 0.6 }, null, undefined, { label: 'neutral' as const, score: 0 }];
  const topicSets = [['refunds'], [], ['lost-luggage', 'refunds'], undefined];
  beforeEach(async () => {
    db = await freshDb();
    await ingest(
      db,
      Array.from({ length: 40 }, (_, i) =>
        mention(`f:${String(i).padStart(2, '0')}`, at(i - 20), {
          ...(langs[i % 4] ? { lang: langs[i % 4] } : {}),
          ...(sentiments[i % 5] !== undefined ? { sentiment: sentiments[i % 5] } : {}),
          ...(topicSets[i % 4] ? { topics: topicSets[i % 4] } : {}),
        }),
      ),
    );
    await actions.resolve(db, ['f:03', 'f:08'], mk);
  });

  async function both(f: InboxFilter): Promise<string[]> {
    const all = await db.mentions.toArray();
    const expected = sortByQueue(all.filter((m) => matchesFilter(m, f, 'mk'))).map((m) => m.id);
    expect(await filteredIdsByDue(db, f, 'mk', { smallSet: 0 })).toEqual(expected);
    expect(await filteredIdsByDue(db, f, 'mk', { smallSet: Infinity })).toEqual(expected);
    return expected;
  }

  it.each<[string, InboxFilter, number]>([
    ['Spanish', { statuses: [], langs: ['es'] }, 10],
    ['language unknown', { statuses: [], langs: ['unknown'] }, 10],
    ['negative', { statuses: [], sentiments: ['negative'] }, 8],
    ['not judged (null or missing)', { statuses: [], sentiments: ['unjudged'] }, 16],
    ['topic refunds', { statuses: [], topics: ['refunds'] }, 20],
    ['topic lost-luggage, open only', { statuses: ['new'], topics: ['lost-luggage'] }, 10],
    ['Spanish and negative', { statuses: [], langs: ['es'], sentiments: ['negative'] }, 2],
    ['exactly these ids', { statuses: [], only: { ids: ['f:03', 'f:07', 'f:30', 'nope'], label: 'test' } }, 3],
  ])('%s', async (_name, f, n) => {
    expect(await both(f)).toHaveLength(n);
  });

  it('re-derives the facets when enrichment changes a mention', async () => {
    await db.mentions.update('f:01', { lang: 'fr', sentiment: { label: 'negative', score: -0.5 }, topics: ['refunds'] });
    expect(await both({ statuses: [], langs: ['fr'] })).toEqual(['f:01']);
  });
});
