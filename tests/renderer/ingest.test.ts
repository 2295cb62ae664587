import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { ingestBatch, readDeliveryPosition } from '../../src-renderer/db/ingest';
import { openMentionIdsByDue } from '../../src-renderer/db/queries';
import type { Mention } from '../../src-main/shared/mention';

let n = 0;
function mention(id: string, createdAt: string, extra: Partial<Mention> = {}): Mention {
  return {
    id,
    sourceId: 'demo',
    channel: 'x',
    text: `text of ${id}`,
    createdAt,
    author: { key: `x:${id}`, handle: id, name: id, followers: 10 },
    reach: { score: 5, tier: 'everyday' },
    ...extra,
  };
}

describe('Dexie ingest', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`test-${++n}`);
    await db.open();
  });

  it('writes a replayed batch nothing twice: same mentions, same events, same author counts', async () => {
    const batch = { seq: 1, mentions: [mention('x:1', '2026-11-20T10:00:00Z'), mention('x:2', '2026-11-20T10:01:00Z')] };
    await ingestBatch(db, batch, 'j1');
    // After a reconnect main replays from the last ack it knew of; simulate the ack being lost.
    await db.meta.delete('delivery');
    const again = await ingestBatch(db, batch, 'j1');
    expect(again.added).toBe(0);
    expect(await db.mentions.count()).toBe(2);
    expect(await db.events.where('type').equals('mention').count()).toBe(2);
    expect((await db.authors.get('x:x:1'))?.mentionCount).toBe(1);
  });

  it('skips a batch at or below the recorded position of the same journal', async () => {
    await ingestBatch(db, { seq: 5, mentions: [mention('x:1', '2026-11-20T10:00:00Z')] }, 'j1');
    const res = await ingestBatch(db, { seq: 4, mentions: [mention('x:9', '2026-11-20T10:00:00Z')] }, 'j1');
    expect(res.added).toBe(0);
    expect(await db.mentions.get('x:9')).toBeUndefined();
    expect(await readDeliveryPosition(db)).toEqual({ journalId: 'j1', lastAckedSeq: 5 });
  });

  it('accepts low sequence numbers from a new journal (main data dir was reset)', async () => {
    await ingestBatch(db, { seq: 5, mentions: [mention('x:1', '2026-11-20T10:00:00Z')] }, 'j1');
    const res = await ingestBatch(db, { seq: 1, mentions: [mention('x:2', '2026-11-20T10:00:00Z')] }, 'j2');
    expect(res.added).toBe(1);
    expect(await readDeliveryPosition(db)).toEqual({ journalId: 'j2', lastAckedSeq: 1 });
  });

  it('keeps the team’s work on a mention when the same mention arrives again', async () => {
    await ingestBatch(db, { seq: 1, mentions: [mention('x:1', '2026-11-20T10:00:00Z')] }, 'j1');
    await db.mentions.update('x:1', { status: 'assigned', assignee: 'mk', tags: ['outage'] });
    await ingestBatch(db, { seq: 2, mentions: [mention('x:1', '2026-11-20T10:00:00Z', { text: 'edited' })] }, 'j1');
    const m = await db.mentions.get('x:1');
    expect(m).toMatchObject({ status: 'assigned', assignee: 'mk', tags: ['outage'], text: 'edited' });
  });
});

describe('due-time ordering', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`order-${++n}`);
    await db.open();
  });

  it('orders open mentions by due time only, never by reach', async () => {
    await ingestBatch(
      db,
      {
        seq: 1,
        mentions: [
          mention('x:mega', '2026-11-20T10:30:00Z', { reach: { score: 95, tier: 'mega' } }),
          mention('x:early', '2026-11-20T10:00:00Z', { reach: { score: 2, tier: 'everyday' } }),
          mention('x:mid', '2026-11-20T10:15:00Z', { reach: { score: 50, tier: 'mid' } }),
        ],
      },
      'j',
    );
    expect(await openMentionIdsByDue(db)).toEqual(['x:early', 'x:mid', 'x:mega']);
  });

  it('uses the backfill clock start when given, and breaks ties by the oldest post first', async () => {
    const connected = '2026-11-20T12:00:00Z';
    await ingestBatch(
      db,
      {
        seq: 1,
        mentions: [
          mention('x:b', '2026-11-20T09:00:00Z', { clockStartAt: connected }),
          mention('x:a', '2026-11-20T08:00:00Z', { clockStartAt: connected }),
          mention('x:live', '2026-11-20T11:30:00Z'),
        ],
      },
      'j',
    );
    // x:live is due 12:30; both backfilled ones are due 13:00, older post first.
    expect(await openMentionIdsByDue(db)).toEqual(['x:live', 'x:a', 'x:b']);
  });

  it('drops resolved and noise mentions from the open queue', async () => {
    await ingestBatch(db, { seq: 1, mentions: [mention('x:1', '2026-11-20T10:00:00Z'), mention('x:2', '2026-11-20T10:01:00Z')] }, 'j');
    await db.mentions.update('x:1', { status: 'resolved', open: 0 });
    expect(await openMentionIdsByDue(db)).toEqual(['x:2']);
  });
});
