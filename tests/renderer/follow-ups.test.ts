import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { recordReply, resolve } from '../../src-renderer/db/actions';
import { nextResponseDueFor } from '../../src-renderer/db/due';
import { openMentionIdsByDue } from '../../src-renderer/db/queries';
import { freshDb, ingest, mention, at, ms } from './helpers/db';
import { confirmPending as confirm } from './helpers/log';

const dana = { key: 'x:100', handle: 'danawhit', name: 'Dana Whitfield', followers: 212 };
const other = { key: 'x:200', handle: 'someone', name: 'Someone Else', followers: 5 };
const mk = { agent: 'mk' };

describe('a customer follow-up reopens the conversation', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, [mention('x:1000', at(0), { author: dana, conversationId: '1000' })]);
    await recordReply(db, 'x:1000', { via: 'x', text: 'On it', replyId: '5000', postedAt: at(20) }, mk);
    await resolve(db, ['x:1000'], mk);
    // Follow-ups are decided on what the log says (shared/follow-ups.ts), so the reply is confirmed.
    await confirm(db);
  });

  it('same X conversation, same author, after our reply: reopened with the next-response clock from the follow-up', async () => {
    await ingest(db, [mention('x:1001', at(60), { author: dana, conversationId: '1000', inReplyToId: '5000' })]);
    const root = await db.mentions.get('x:1000');
    expect(root).toMatchObject({ status: 'assigned', open: 1, dueAt: nextResponseDueFor('x', ms(60)) });
    expect(root!.unread).toBe(1);
    const follow = await db.mentions.get('x:1001');
    expect(follow).toMatchObject({ threadRootId: 'x:1000', open: 0 });
    const reopened = await db.events.filter((e) => e.type === 'reopened').toArray();
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ mentionId: 'x:1000', data: { reason: 'customer wrote again', followUpId: 'x:1001' } });
    // One item in the queue for the conversation, not two.
    expect(await openMentionIdsByDue(db)).toEqual(['x:1000']);
  });

  it('a reply to one of our replies counts even without a conversation id (ids with or without "x:")', async () => {
    await ingest(db, [mention('x:1002', at(90), { author: dana, inReplyToId: 'x:5000' })]);
    expect((await db.mentions.get('x:1000'))!.open).toBe(1);
  });

  it('a replayed batch reopens nothing twice', async () => {
    const batch = [mention('x:1001', at(60), { author: dana, conversationId: '1000' })];
    await ingest(db, batch);
    await resolve(db, ['x:1000'], mk);
    await confirm(db);
    await ingest(db, batch);
    expect((await db.mentions.get('x:1000'))!.open).toBe(0);
    expect(await db.events.filter((e) => e.type === 'reopened').count()).toBe(1);
  });

  it('someone else joining the conversation is a new mention, not a reopen', async () => {
    await ingest(db, [mention('x:1003', at(70), { author: other, conversationId: '1000' })]);
    expect((await db.mentions.get('x:1000'))!.open).toBe(0);
    expect(await db.mentions.get('x:1003')).toMatchObject({ status: 'new', open: 1 });
    expect(await db.mentions.get('x:1003')).not.toHaveProperty('threadRootId');
  });

  it('a customer message from before our reply does not reopen', async () => {
    await ingest(db, [mention('x:999', at(10), { author: dana, conversationId: '1000' })]);
    expect((await db.mentions.get('x:1000'))!.open).toBe(0);
  });

  it('a second follow-up while the conversation is open again joins it without another reopen', async () => {
    await ingest(db, [mention('x:1001', at(60), { author: dana, conversationId: '1000' })]);
    await ingest(db, [mention('x:1004', at(61), { author: dana, conversationId: '1000' })]);
    expect(await db.events.filter((e) => e.type === 'reopened').count()).toBe(1);
    expect((await db.mentions.get('x:1004'))!.threadRootId).toBe('x:1000');
    expect((await db.mentions.get('x:1000'))!.dueAt).toBe(nextResponseDueFor('x', ms(60)));
  });

  it('our own reply heard back from a search joins the conversation, closed', async () => {
    await ingest(db, [mention('x:5000', at(20), { author: { key: 'x:1', handle: 'AcmeAir', name: 'Acme Air', followers: 90000 } })]);
    expect(await db.mentions.get('x:5000')).toMatchObject({ ownReply: 1, open: 0, threadRootId: 'x:1000' });
  });

  it('this seat\'s reply not yet in the log does not make a follow-up: every seat decides on the log alone', async () => {
    await ingest(db, [mention('x:2000', at(100), { author: dana, conversationId: '2000' })]);
    await recordReply(db, 'x:2000', { via: 'x', text: 'Looking', replyId: '6000', postedAt: at(110) }, mk);
    await ingest(db, [mention('x:2001', at(120), { author: dana, conversationId: '2000' })]);
    expect(await db.mentions.get('x:2001')).not.toHaveProperty('threadRootId');
    expect(await db.events.filter((e) => e.type === 'reopened').count()).toBe(0);
  });
});
