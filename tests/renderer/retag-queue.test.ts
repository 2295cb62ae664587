/**
 * A `topic-rules` entry from the log queues its re-tag (db/retag-queue.ts), which then runs in
 * chunks of their own transactions: mentions heard before the entry get the new rules, those heard
 * after it keep main's tags, a closed window resumes at its bookmark, and newer rules start over.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { applyEntries } from './helpers/log';
import { mentionEntry, type LogEntry } from '../../src-main/shared/log-entry';
import type { Mention } from '../../src-main/shared/mention';
import type { TopicRule } from '../../src-main/shared/enrich/topic-rules';
import { queuedRetag, retagNextChunk, retagProgress, runQueuedRetag } from '../../src-renderer/db/retag-queue';
import { startQueuedRetag } from '../../src-renderer/db/retag-runner';
import { topicChangesAfter } from '../../src-renderer/db/topic-changes';
import { forgetAppliedLog } from '../../src-renderer/db/log-switch';

let n = 0;
const mention = (id: string, text: string, topics?: string[]): Mention => ({
  id,
  sourceId: 'demo',
  channel: 'x',
  text,
  createdAt: '2026-11-20T10:00:00.000Z',
  author: { key: `x:a${id}`, handle: id, name: id, followers: 10 },
  reach: { score: 5, tier: 'everyday' },
  ...(topics ? { topics } : {}),
});
const heard = (m: Mention): LogEntry => mentionEntry(m, '2026-11-20T12:00:00.000Z');
const rulesEntry = (topics: TopicRule[]): LogEntry => ({ id: `rules-${++n}`, type: 'topic-rules', at: '2026-11-20T12:05:00.000Z', topics }) as LogEntry;
const REFUND_WIFI: TopicRule[] = [
  { id: 'refund', name: 'Refunds', any: ['refund'] },
  { id: 'wifi', name: 'Wifi', any: ['wifi'], none: ['refund'] },
];
const topicsOf = async (db: EarshotDb, ids: string[]): Promise<Array<string[] | undefined>> => (await db.mentions.bulkGet(ids)).map((m) => m?.topics);

describe('the queued re-tag after new topic rules', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`retag-${++n}`);
    await db.open();
  });
  afterEach(() => db.close());

  it('is queued by the apply and re-tags the mentions heard before the entry, not those after', async () => {
    await applyEntries(db, [
      heard(mention('x:1', 'Where is my refund?', ['billing'])),
      heard(mention('x:2', 'The wifi on board was down', [])),
      rulesEntry(REFUND_WIFI),
      // Heard after the change: main tagged it (here: with nothing) and it stays as it is.
      heard(mention('x:3', 'the wifi again', [])),
    ]);
    // The apply itself changed no topics: it queued the re-tag at the entry's position.
    expect(await topicsOf(db, ['x:1', 'x:2', 'x:3'])).toEqual([['billing'], [], []]);
    expect(await queuedRetag(db)).toMatchObject({ position: 3, done: 0, rules: REFUND_WIFI });

    await runQueuedRetag(db);
    expect(await topicsOf(db, ['x:1', 'x:2', 'x:3'])).toEqual([['refund'], ['wifi'], []]);
    expect(await queuedRetag(db)).toBeUndefined();
    // The report's facts and the VoC columns learn of exactly these changes from the topic journal.
    expect([...(await topicChangesAfter(db, '')).topics]).toEqual([
      ['x:1', ['refund']],
      ['x:2', ['wifi']],
    ]);
  });

  it('moves its bookmark with each chunk, so a closed window resumes where it stopped', async () => {
    const ids = ['x:1', 'x:2', 'x:3', 'x:4', 'x:5'];
    await applyEntries(db, [...ids.map((id) => heard(mention(id, `refund for ${id}`))), rulesEntry(REFUND_WIFI)]);
    expect(await retagNextChunk(db, 2)).toMatchObject({ after: 'x:2', done: 2 });
    expect(await topicsOf(db, ids)).toEqual([['refund'], ['refund'], undefined, undefined, undefined]);

    // The window closed here; the next start finds the bookmark and goes on from it.
    const progress: Array<number | undefined> = [];
    const off = retagProgress.subscribe((s) => progress.push(s.progress?.done));
    await runQueuedRetag(db, 2);
    off();
    expect(await topicsOf(db, ids)).toEqual(ids.map(() => ['refund']));
    expect(progress).toEqual([4, 4, undefined]);
    expect(retagProgress.getState().last).toEqual({ total: 5, changed: 5 }); // the chunk before the close counts too
    expect(await queuedRetag(db)).toBeUndefined();
  });

  it('newer rules replace a queued re-tag and start again from the first mention', async () => {
    const ids = ['x:1', 'x:2', 'x:3'];
    await applyEntries(db, [...ids.map((id) => heard(mention(id, `wifi and refund ${id}`))), rulesEntry(REFUND_WIFI)]);
    await retagNextChunk(db, 1);
    expect(await topicsOf(db, ids)).toEqual([['refund'], undefined, undefined]);
    await applyEntries(db, [rulesEntry([{ id: 'wifi', name: 'Wifi', any: ['wifi'] }])]);
    expect(await queuedRetag(db)).toMatchObject({ position: 5, done: 0 });
    expect((await queuedRetag(db))?.after).toBeUndefined();
    await runQueuedRetag(db, 1);
    expect(await topicsOf(db, ids)).toEqual(ids.map(() => ['wifi']));
  });

  it('runs in the window: one left queued at start, and one the apply queues later', async () => {
    await applyEntries(db, [heard(mention('x:1', 'refund now')), rulesEntry(REFUND_WIFI)]);
    const runner = startQueuedRetag(db);
    try {
      await expect.poll(() => topicsOf(db, ['x:1'])).toEqual([['refund']]);
      await applyEntries(db, [heard(mention('x:2', 'wifi please')), rulesEntry([{ id: 'wifi', name: 'Wifi', any: ['wifi'] }])]);
      await expect.poll(() => topicsOf(db, ['x:1', 'x:2'])).toEqual([[], ['wifi']]);
      await expect.poll(() => queuedRetag(db)).toBeUndefined();
    } finally {
      runner.stop();
    }
  });

  it('is dropped with the rest of what came from a log the profile forgets', async () => {
    await applyEntries(db, [heard(mention('x:1', 'refund now')), rulesEntry(REFUND_WIFI)]);
    expect(await queuedRetag(db)).toBeDefined();
    await forgetAppliedLog(db);
    expect(await queuedRetag(db)).toBeUndefined();
  });
});
