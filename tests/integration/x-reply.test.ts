import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { join } from 'node:path';
import { setLogSink } from '../../src-main/core/log';
import { JsonlAttemptStore } from '../../src-main/sources/x/x-attempts';
import { createXReplier, NEEDS_USER_ACCESS, ReplyError, type XReplier, type XReplierConfig } from '../../src-main/sources/x/x-reply';
import { FAKE_BEARER, FAKE_USER_TOKEN, startFakeX, type FakeX } from '../fakes/x-server';
import { tempDir } from '../unit/x/x-test-kit';

const TEXT = "@danawhit We're sorry, Dana. A gate agent is on the way and vouchers are being issued at B12 now. ^MK";
const REQ = { mentionId: 'x:1860000000000000105', text: TEXT, attemptId: 'draft-7f3a-0001' };

describe('replying on X', () => {
  let fake: FakeX;
  let dir: string;
  const repliers: XReplier[] = [];
  const replier = async (over: Partial<XReplierConfig> = {}): Promise<XReplier> => {
    const r = createXReplier({
      apiBase: fake.url,
      credentials: { userAccessToken: FAKE_USER_TOKEN },
      attemptStore: await JsonlAttemptStore.open(join(dir, 'reply-attempts.jsonl')),
      timeoutMs: 2000,
      ...over,
    });
    repliers.push(r);
    return r;
  };
  const failure = async (p: Promise<unknown>): Promise<ReplyError> => {
    const e = await p.then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(ReplyError);
    return e as ReplyError;
  };

  beforeEach(async () => {
    setLogSink(() => undefined);
    fake = await startFakeX();
    dir = tempDir();
  });
  afterEach(async () => {
    await Promise.all(repliers.splice(0).map((r) => r.close()));
    await fake.close();
    setLogSink(null);
  });

  it('posts POST /2/tweets with reply.in_reply_to_tweet_id and returns the new id and link', async () => {
    const sent = await (await replier()).sendReply(REQ);
    expect(sent).toEqual({ replyId: '1860000000000000900', url: 'https://x.com/i/web/status/1860000000000000900', postedAt: expect.any(String) });
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.body).toEqual({ text: TEXT, reply: { in_reply_to_tweet_id: '1860000000000000105' } });
    expect(fake.posts[0]!.headers.authorization).toBe(`Bearer ${FAKE_USER_TOKEN}`);
  });

  it('a reply retried after a timeout is posted exactly once', async () => {
    fake.setFault('slow-post', { delayMs: 5000 });
    const r = await replier({ timeoutMs: 800 });
    const first = await failure(r.sendReply(REQ));
    expect(first.mayHavePosted).toBe(true);
    expect(first.message).toBe('X did not confirm the reply (no answer in time); it may or may not have been posted. Sending again is safe: Earshot checks X first and never posts it twice.');
    fake.setFault(null);
    const again = await r.sendReply(REQ);
    expect(again.replyId).toBe('1860000000000000900');
    expect(fake.posts).toHaveLength(1);
    // the retry looked on the account's own timeline instead of posting
    expect(fake.requests.slice(1).map((q) => `${q.method} ${q.path}`)).toEqual(['GET /2/users/me', 'GET /2/users/783214/tweets']);
  });

  it('returns the stored result for the same attemptId after a restart, without asking X', async () => {
    const sent = await (await replier()).sendReply(REQ);
    const before = fake.requests.length;
    const afterRestart = await (await replier()).sendReply(REQ);
    expect(afterRestart).toEqual(sent);
    expect(fake.requests.length).toBe(before);
  });

  it('posts on retry when the first try never reached X', async () => {
    fake.setFault('hang', { on: 'post', times: 1 });
    const r = await replier({ timeoutMs: 800 });
    expect((await failure(r.sendReply(REQ))).mayHavePosted).toBe(true);
    const sent = await r.sendReply(REQ);
    expect(sent.replyId).toBe('1860000000000000900');
    expect(fake.posts).toHaveLength(2); // two POSTs arrived, only the second was made
  });

  it('after a crash between recording and answer, checks X before posting', async () => {
    const store = await JsonlAttemptStore.open(join(dir, 'reply-attempts.jsonl'));
    const t = new Date().toISOString();
    await store.put({ attemptId: REQ.attemptId, targetTweetId: '1860000000000000105', text: TEXT, state: 'sending', createdAt: t, updatedAt: t });
    const sent = await (await replier()).sendReply(REQ);
    expect(sent.replyId).toBe('1860000000000000900');
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /2/users/me', 'GET /2/users/783214/tweets', 'POST /2/tweets']);
  });

  it('does not post when it cannot check whether an earlier try went through', async () => {
    fake.setFault('slow-post', { delayMs: 5000 });
    const r = await replier({ timeoutMs: 800 });
    await failure(r.sendReply(REQ));
    fake.setFault('server-error', { on: 'get' });
    const e = await failure(r.sendReply(REQ));
    expect(e.message).toBe('Could not check on X whether the earlier try was posted; not sending again, so it cannot be posted twice. Try again in a moment.');
    expect(fake.posts).toHaveLength(1);
  });

  it('duplicate content on a retry after an unanswered try says the first one most likely went through', async () => {
    fake.setFault('hang', { on: 'post', times: 1 });
    const r = await replier({ timeoutMs: 800 });
    await failure(r.sendReply(REQ));
    fake.setFault('duplicate-post');
    const e = await failure(r.sendReply(REQ));
    expect(e.message).toBe('X says this exact text is already posted, so the earlier try most likely went through; check the conversation on X before changing the wording.');
  });

  it('duplicate content: asks to change the wording', async () => {
    fake.setFault('duplicate-post');
    const e = await failure((await replier()).sendReply(REQ));
    expect(e.message).toBe('X refused this reply because the same text was already posted; change the wording.');
    expect(e.mayHavePosted).toBe(false);
  });

  it('the 24-hour posting limit says when replies are possible again, and the next try sends nothing', async () => {
    fake.setFault('user-limit');
    const r = await replier();
    const e = await failure(r.sendReply(REQ));
    const reset = Number(fake.posts[0]!.responseHeaders?.['x-user-limit-24hour-reset']) * 1000;
    const d = new Date(reset);
    const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    expect(e.message).toBe(`This X account has used its 24-hour posting limit (100 posts); replies can be sent again at ${d.getUTCDate()} ${month} ${d.toISOString().slice(11, 16)} UTC.`);
    expect(e.retryAt).toBe(reset);
    const again = await failure(r.sendReply({ ...REQ, attemptId: 'draft-7f3a-0002' }));
    expect(again.message).toBe(e.message);
    expect(fake.posts).toHaveLength(1);
  });

  it('an app-only bearer token cannot reply: the message asks for user access', async () => {
    const e = await failure((await replier({ credentials: { userAccessToken: FAKE_BEARER } })).sendReply(REQ));
    expect(e.message).toBe(`${NEEDS_USER_ACCESS} (X refused this credential for posting, 403.)`);
  });

  it('no user credentials: the message asks for user access and nothing is sent', async () => {
    const e = await failure((await replier({ credentials: {} })).sendReply(REQ));
    expect(e.message).toBe('Replying needs user access: add an OAuth 2.0 user token or OAuth 1.0a keys to the X source settings.');
    expect(fake.requests).toHaveLength(0);
  });

  it('401 on posting names the user credentials', async () => {
    fake.setFault('unauthorized');
    const e = await failure((await replier()).sendReply(REQ));
    expect(e.message).toBe(`X refused the user credentials (401): they are wrong, revoked or expired. ${NEEDS_USER_ACCESS}`);
  });

  it('signs with OAuth 1.0a keys when those are given', async () => {
    const oauth1 = { appKey: 'ck-0123456789', appSecret: 'cs-0123456789abcdef', accessToken: '783214-at0123456789', accessSecret: 'as-0123456789abcdef' };
    const sent = await (await replier({ credentials: { oauth1 } })).sendReply(REQ);
    expect(sent.replyId).toBe('1860000000000000900');
    expect(fake.posts[0]!.headers.authorization).toMatch(/^OAuth .*oauth_consumer_key="ck-0123456789".*oauth_signature=/);
  });

  it('a 5xx on posting may have posted: retry checks first', async () => {
    fake.setFault('server-error', { on: 'post', times: 1 });
    const r = await replier();
    expect((await failure(r.sendReply(REQ))).message).toMatch(/^X did not confirm the reply \(HTTP 500\)/);
    await r.sendReply(REQ);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /2/tweets', 'GET /2/users/me', 'GET /2/users/783214/tweets', 'POST /2/tweets']);
  });

  it('two sends of the same draft at once post once', async () => {
    const r = await replier();
    const [a, b] = await Promise.all([r.sendReply(REQ), r.sendReply(REQ)]);
    expect(a).toEqual(b);
    expect(fake.posts).toHaveLength(1);
  });
});
