import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { applyPage, readPosition } from '../../src-renderer/db/apply';
import { mentionEntry, type LogEntry } from '../../src-main/shared/log-entry';
import { applyMentions, page } from './helpers/log';
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

describe('applying the log (db/apply.ts)', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`test-${++n}`);
    await db.open();
  });
  const entries = (...ms: Mention[]): LogEntry[] => ms.map((m) => mentionEntry(m, '2026-11-20T12:00:00.000Z'));

  it('applies a page with its position in one go, and a replayed page writes nothing twice', async () => {
    const p = page(entries(mention('x:1', '2026-11-20T10:00:00Z'), mention('x:2', '2026-11-20T10:01:00Z')), 0);
    const first = await applyPage(db, p, 'L1');
    expect(first).toMatchObject({ position: 2, applied: 2, added: 2 });
    const again = await applyPage(db, p, 'L1');
    expect(again).toMatchObject({ position: 2, applied: 0, added: 0 });
    expect(await db.mentions.count()).toBe(2);
    // Each arrival is kept on its mention since schema v7 (it was a `mention` row of events).
    expect((await db.mentions.toArray()).map((m) => m.arrival)).toEqual(p.map((e) => ({ id: e.entry.id, at: '2026-11-20T12:00:00.000Z', position: e.position })));
    expect(await db.events.count()).toBe(0);
    // The author's profile, written once (no per-mention count since v7: counted from the mentions' index).
    expect(await db.authors.get('x:x:1')).toEqual({ key: 'x:x:1', handle: 'x:1', name: 'x:1', followers: 10, channel: 'x', reach: { score: 5, tier: 'everyday' }, firstSeenAt: '2026-11-20T10:00:00Z' });
    expect(await readPosition(db)).toEqual({ logId: 'L1', position: 2 });
  });

  it('skips the part of a page at or below the stored position and applies the rest', async () => {
    await applyPage(db, page(entries(mention('x:1', '2026-11-20T10:00:00Z')), 0), 'L1');
    const r = await applyPage(db, page(entries(mention('x:1', '2026-11-20T10:00:00Z'), mention('x:2', '2026-11-20T10:00:00Z')), 0), 'L1');
    expect(r).toMatchObject({ position: 2, applied: 1, added: 1 });
  });

  it('refuses a page that leaves a gap after the stored position (nothing written, position kept)', async () => {
    await applyPage(db, page(entries(mention('x:1', '2026-11-20T10:00:00Z')), 0), 'L1');
    await expect(applyPage(db, page(entries(mention('x:9', '2026-11-20T10:00:00Z')), 4), 'L1')).rejects.toThrow(/skipped from position 1 to 5/);
    expect(await db.mentions.get('x:9')).toBeUndefined();
    expect(await readPosition(db)).toEqual({ logId: 'L1', position: 1 });
  });

  it('starts from 0 for another log (a new data folder), keeping what it has', async () => {
    await applyPage(db, page(entries(mention('x:1', '2026-11-20T10:00:00Z'), mention('x:3', '2026-11-20T10:00:00Z')), 0), 'L1');
    const r = await applyPage(db, page(entries(mention('x:2', '2026-11-20T10:00:00Z')), 0), 'L2');
    expect(r).toMatchObject({ position: 1, added: 1 });
    expect(await readPosition(db)).toEqual({ logId: 'L2', position: 1 });
    expect(await db.mentions.count()).toBe(3);
  });

  it('skips an entry that fails validation, naming the field, and applies the rest of the page', async () => {
    const bad = { id: 'assigned:1', type: 'assigned', at: '2026-11-20T12:00:00.000Z', mentionId: 'x:1' } as LogEntry;
    const r = await applyPage(db, page([bad, ...entries(mention('x:1', '2026-11-20T10:00:00Z'))], 0), 'L1');
    expect(r.problems).toEqual([expect.stringContaining('assigned.agent')]);
    expect(r).toMatchObject({ position: 2, added: 1 });
  });

  it('records workflow entries as events of their mention', async () => {
    const assigned: LogEntry = { id: 'ev:1', type: 'assigned', at: '2026-11-20T12:01:00.000Z', mentionId: 'x:1', agent: 'mk', by: 'lead' };
    await applyPage(db, page([...entries(mention('x:1', '2026-11-20T10:00:00Z')), assigned], 0), 'L1');
    expect(await db.events.get('ev:1')).toEqual({ id: 'ev:1', type: 'assigned', at: '2026-11-20T12:01:00.000Z', mentionId: 'x:1', agent: 'mk', data: { by: 'lead' }, position: 2 });
  });

  it('keeps the team’s work on a mention when the same mention arrives again', async () => {
    await applyMentions(db, [mention('x:1', '2026-11-20T10:00:00Z')]);
    await db.mentions.update('x:1', { status: 'assigned', assignee: 'mk', tags: ['outage'] });
    await applyMentions(db, [mention('x:1', '2026-11-20T10:00:00Z', { text: 'edited' })]);
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
    await applyMentions(db, [
          mention('x:mega', '2026-11-20T10:30:00Z', { reach: { score: 95, tier: 'mega' } }),
          mention('x:early', '2026-11-20T10:00:00Z', { reach: { score: 2, tier: 'everyday' } }),
          mention('x:mid', '2026-11-20T10:15:00Z', { reach: { score: 50, tier: 'mid' } }),
        ]);
    expect(await openMentionIdsByDue(db)).toEqual(['x:early', 'x:mid', 'x:mega']);
  });

  it('uses the backfill clock start when given, and breaks ties by the oldest post first', async () => {
    const connected = '2026-11-20T12:00:00Z';
    await applyMentions(db, [
          mention('x:b', '2026-11-20T09:00:00Z', { clockStartAt: connected }),
          mention('x:a', '2026-11-20T08:00:00Z', { clockStartAt: connected }),
          mention('x:live', '2026-11-20T11:30:00Z'),
        ]);
    // x:live is due 12:30; both backfilled ones are due 13:00, older post first.
    expect(await openMentionIdsByDue(db)).toEqual(['x:live', 'x:a', 'x:b']);
  });

  it('drops resolved and noise mentions from the open queue', async () => {
    await applyMentions(db, [mention('x:1', '2026-11-20T10:00:00Z'), mention('x:2', '2026-11-20T10:01:00Z')]);
    await db.mentions.update('x:1', { status: 'resolved', open: 0 });
    expect(await openMentionIdsByDue(db)).toEqual(['x:2']);
  });
});
