/**
 * Rows of the events table are checked when read back (db/stored-events.ts): a row that does not
 * match its type is skipped with a message naming it and the field, and the screens reading the
 * table (the thread, the export) still show every other event.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { checkEventRow, checkedEvents, onBadEventRow } from '../../src-renderer/db/stored-events';
import { recordReply, addNote } from '../../src-renderer/db/actions';
import { loadThread } from '../../src-renderer/conversation/thread';
import { exportEventLog } from '../../src-renderer/inbox/export';
import { freshDb, ingest, mention, at } from './helpers/db';

const base = { id: 'ev:1', at: '2026-11-20T09:00:00.000Z', mentionId: 'x:1', agent: 'mk' };

describe('a stored event row, checked on read', () => {
  it.each([
    ['an arrival', { ...base, id: 'mention:x:1', type: 'mention' }],
    ['an assignment that lost a take', { ...base, type: 'assigned', data: { take: true, lostTo: 'ann' }, position: 4 }],
    ['a reply with its text and url', { ...base, type: 'replied', data: { via: 'x', text: 'Sorry!', url: 'https://x.com/a/status/1' } }],
    ['a follow-up reopening (derived on this seat)', { ...base, id: 'reopened:x:2', type: 'reopened', agent: undefined, data: { reason: 'customer wrote again', followUpId: 'x:2' } }],
    ['a skip with its reason', { ...base, type: 'skipped', data: { takenMentionId: 'x:9', reason: 'vip', note: 'asked by lead' } }],
    ['a tag', { ...base, type: 'tagged', data: { tag: 'refund' } }],
    ['a note', { ...base, type: 'noted', data: { text: 'called back' } }],
    ['a field a newer build adds', { ...base, type: 'resolved', data: { via: 'bulk' } }],
    ['a type a newer build adds', { ...base, type: 'escalated', data: { to: 'tier 2' } }],
  ])('keeps %s as it was', (_, row) => {
    expect(checkEventRow(row)).toEqual({ event: row });
  });

  it.each([
    ['not an object', 'replied', 'event: expected an object, got string'],
    ['no id', { ...base, id: undefined, type: 'resolved' }, 'event.id'],
    ['a time no one can read', { ...base, type: 'resolved', at: 'yesterday-ish' }, 'event.at: not a readable time'],
    ['a numeric mention id', { ...base, type: 'resolved', mentionId: 42 }, 'event.mentionId'],
    ['data that is not an object', { ...base, type: 'replied', data: 'Sorry!' }, 'event.data'],
    ['a skip that names no taken mention', { ...base, type: 'skipped', data: { reason: 'vip' } }, 'skipped.data.takenMentionId'],
    ['a skip with no data at all', { ...base, type: 'skipped' }, 'skipped.data'],
    ['a reply whose text is not text', { ...base, type: 'replied', data: { text: { html: '<b>hi</b>' } } }, 'replied.data.text'],
    ['an empty tag', { ...base, type: 'tagged', data: { tag: '' } }, 'tagged.data.tag'],
    ['a reopening that restores an unknown status', { ...base, type: 'reopened', data: { restore: 'archived' } }, 'reopened.data.restore'],
    ['a position of zero', { ...base, type: 'resolved', position: 0 }, 'event.position'],
  ])('refuses %s, naming the field', (_, row, field) => {
    const r = checkEventRow(row);
    expect('error' in r && r.error).toContain(field);
  });

  it('a list keeps the good rows in order and tells each bad one with its id', () => {
    const told: string[] = [];
    const restore = onBadEventRow((m) => told.push(m));
    try {
      const rows = [
        { ...base, id: 'a', type: 'resolved' },
        { ...base, id: 'b', type: 'tagged', data: {} },
        { ...base, id: 'c', type: 'noted', data: { text: 'ok' } },
      ];
      expect(checkedEvents(rows, 'the thread').map((e) => e.id)).toEqual(['a', 'c']);
      expect(told).toEqual([expect.stringMatching(/^earshot: the thread skipped event "b" of the events table: tagged\.data\.tag: /)]);
    } finally {
      restore();
    }
  });
});

describe('screens reading a damaged events table', () => {
  const told: string[] = [];
  let restore = (): void => undefined;
  afterEach(() => {
    restore();
    told.length = 0;
  });

  async function damagedDb() {
    restore = onBadEventRow((m) => told.push(m));
    const db = await freshDb();
    await ingest(db, [mention('x:1000', at(0), { text: 'AA123 still cancelled' })]);
    await recordReply(db, 'x:1000', { via: 'x', text: 'Sorry, rebooking you now', replyId: '5000', url: 'https://x.com/a/status/5000', postedAt: at(5) }, { agent: 'mk', now: () => Date.parse(at(5)) });
    await addNote(db, 'x:1000', 'Rebooked on AA125', { agent: 'mk' });
    // What an older build or a hand-edited profile might have left behind.
    await db.events.bulkPut([
      { id: 'bad:note', type: 'noted', at: at(6), mentionId: 'x:1000', data: { text: 7 } },
      { id: 'bad:time', type: 'resolved', at: 'soon', mentionId: 'x:1000' },
    ] as never);
    return db;
  }

  it('the thread shows the reply and the note, and says which rows it skipped', async () => {
    const db = await damagedDb();
    const t = (await loadThread(db, 'x:1000'))!;
    expect(t.items.map((i) => (i.kind === 'message' ? i.mention.id : `${i.kind}:${i.event.type}`))).toEqual(['x:1000', 'reply:replied', 'activity:assigned', 'activity:noted']);
    expect(told.join('\n')).toContain('"bad:note"');
    expect(told.join('\n')).toContain('noted.data.text');
    expect(told.join('\n')).toContain('"bad:time"');
  });

  it('the event log export leaves the bad rows out and writes every good one', async () => {
    const db = await damagedDb();
    const text = await (await exportEventLog(db)).text();
    const types = text.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.sort()).toEqual(['assigned', 'mention', 'noted', 'replied']);
    expect(told.some((m) => m.includes('the event log export') && m.includes('"bad:note"'))).toBe(true);
  });
});
