import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at } from './helpers/db';

const mk = { agent: 'mk', now: () => Date.parse('2026-11-20T10:00:00Z') };

async function eventsOf(db: EarshotDb, type?: string) {
  const all = await db.events.toArray();
  return all.filter((e) => e.type !== 'mention' && (!type || e.type === type));
}

describe('workflow actions', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, [mention('x:1', at(0)), mention('x:2', at(1)), mention('x:3', at(2))]);
  });

  it('assigning writes the assignee, the status and an assigned event with agent and time', async () => {
    await actions.assign(db, ['x:1'], 'lo', mk);
    expect(await db.mentions.get('x:1')).toMatchObject({ assignee: 'lo', status: 'assigned' });
    const [ev] = await eventsOf(db, 'assigned');
    expect(ev).toMatchObject({ type: 'assigned', mentionId: 'x:1', agent: 'lo', at: '2026-11-20T10:00:00.000Z', data: { by: 'mk' } });
  });

  it('resolving closes the mention (open 0) and logs who resolved it; resolving again logs nothing', async () => {
    await actions.resolve(db, ['x:1'], mk);
    const again = await actions.resolve(db, ['x:1'], mk);
    expect(again.changes).toHaveLength(0);
    expect(await db.mentions.get('x:1')).toMatchObject({ status: 'resolved', open: 0 });
    expect(await eventsOf(db, 'resolved')).toHaveLength(1);
  });

  it('a bulk action changes every selected mention in one transaction and is undone as one', async () => {
    const rec = await actions.resolve(db, ['x:1', 'x:2', 'x:3'], mk);
    expect(rec.label).toBe('Resolved 3');
    expect(await db.mentions.where('[open+dueAt+createdMs]').between([1, -Infinity, -Infinity], [1, Infinity, Infinity]).count()).toBe(0);
    expect(await actions.undo(db, rec, mk)).toBe(3);
    const rows = await db.mentions.bulkGet(['x:1', 'x:2', 'x:3']);
    expect(rows.map((r) => [r!.status, r!.open])).toEqual([['new', 1], ['new', 1], ['new', 1]]);
    // The log is never rewritten: undo is recorded as compensating entries, one per mention.
    expect(await eventsOf(db, 'resolved')).toHaveLength(3);
    const back = await eventsOf(db, 'reopened');
    expect(back.map((e) => [e.mentionId, e.data]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(['x:1', 'x:2', 'x:3'].map((id) => [id, { reason: 'undo', restore: 'new' }]));
  });

  it('tags add once, untag removes, and undo puts the tags back as they were', async () => {
    await actions.tag(db, ['x:1'], 'outage', mk);
    const rec = await actions.tag(db, ['x:1', 'x:2'], 'outage', mk);
    expect(rec.changes.map((c) => c.id)).toEqual(['x:2']);
    await actions.tag(db, ['x:1'], 'outage', mk, true);
    expect((await db.mentions.get('x:1'))!.tags).toEqual([]);
    expect((await db.mentions.where('tags').equals('outage').primaryKeys())).toEqual(['x:2']);
    await actions.undo(db, rec, mk);
    expect((await db.mentions.get('x:2'))!.tags).toEqual([]);
  });

  it('undo of an assignment removes the assignee field entirely, not just its value', async () => {
    const rec = await actions.assign(db, ['x:1'], 'mk', mk);
    await actions.undo(db, rec, mk);
    const m = await db.mentions.get('x:1');
    expect(m).not.toHaveProperty('assignee');
    expect(m!.status).toBe('new');
    expect(await db.mentions.where('assignee').equals('mk').count()).toBe(0);
  });

  it('undo leaves alone a mention that changed since (a later action wins) but restores the rest', async () => {
    const rec = await actions.markNoise(db, ['x:1', 'x:2'], mk);
    await actions.reopen(db, ['x:2'], mk);
    expect(await actions.undo(db, rec, mk)).toBe(1);
    expect((await db.mentions.get('x:1'))!.status).toBe('new');
    expect((await db.mentions.get('x:2'))!.status).toBe('new'); // reopened by hand, not by the undo
    // Both noise entries happened; x:2 was taken back by hand, x:1 by the undo's compensating entry.
    expect(await eventsOf(db, 'noise')).toHaveLength(2);
    expect((await eventsOf(db, 'unnoise')).map((e) => [e.mentionId, e.data?.restore])).toEqual(
      expect.arrayContaining([['x:2', undefined], ['x:1', 'new']]),
    );
  });

  it('a reply is recorded with its link, sets first/last reply, waits on the customer, takes the mention, and drops the draft', async () => {
    await db.drafts.put({ mentionId: 'x:1', text: 'Sorry!', updatedAt: at(5), attemptId: 'att-12345678' });
    await actions.recordReply(db, 'x:1', { via: 'x', text: 'Sorry!', replyId: '99', url: 'https://x.com/acme/status/99', postedAt: '2026-11-20T10:05:00.000Z' }, mk);
    const m = await db.mentions.get('x:1');
    expect(m).toMatchObject({ status: 'waiting', open: 1, assignee: 'mk', firstReplyAt: Date.parse('2026-11-20T10:05:00Z'), replyIds: ['99'] });
    const replied = await eventsOf(db, 'replied');
    expect(replied[0]).toMatchObject({ agent: 'mk', at: '2026-11-20T10:05:00.000Z', data: { via: 'x', text: 'Sorry!', url: 'https://x.com/acme/status/99', replyId: '99' } });
    expect(await eventsOf(db, 'assigned')).toHaveLength(1);
    expect(await db.drafts.get('x:1')).toBeUndefined();
    await actions.recordReply(db, 'x:1', { via: 'site', text: 'More', postedAt: '2026-11-20T11:00:00.000Z' }, mk);
    expect(await db.mentions.get('x:1')).toMatchObject({ firstReplyAt: Date.parse('2026-11-20T10:05:00Z'), lastReplyAt: Date.parse('2026-11-20T11:00:00Z') });
  });

  it('a note is an event on the mention with its text', async () => {
    await actions.addNote(db, 'x:3', '  VIP, flies weekly  ', mk);
    expect((await eventsOf(db, 'noted'))[0]).toMatchObject({ mentionId: 'x:3', agent: 'mk', data: { text: 'VIP, flies weekly' } });
  });

  it('opening a mention clears its unread flag (and the sparse unread index)', async () => {
    expect(await db.mentions.where('unread').equals(1).count()).toBe(3);
    await actions.markSeen(db, 'x:2');
    expect(await db.mentions.where('unread').equals(1).primaryKeys()).toEqual(['x:1', 'x:3']);
    await actions.resolve(db, ['x:1'], mk);
    expect(await db.mentions.where('unread').equals(1).primaryKeys()).toEqual(['x:3']);
  });
});
