import { describe, it, expect } from 'vitest';
import { setLogSink } from '../../src-main/core/log';
import { useFakeXPerTest, ids, pollCtx } from '../unit/x/x-test-kit';

/** The mention id of fixture post 18600000000000000nn. */
const P = (n: number) => `x:${1860000000000000000n + BigInt(n)}`;

describe('X sources polling the fake X API', () => {
  const env = useFakeXPerTest();
  const make = env.make;

  it('takes one page only on the first poll (a backfill) and returns a since_id cursor', async () => {
    const res = await make().poll(pollCtx());
    expect(ids(res)).toEqual([P(101), P(102), P(103), P(104), P(105)]);
    expect(res.cursor).toEqual({ sinceId: '1860000000000000105' });
    expect(env.fake.reads()).toHaveLength(1);
    expect(env.fake.reads()[0]?.query.since_id).toBeUndefined();
  });

  it('asks for the expansions and fields that carry author metrics, thread, language and full text', async () => {
    await make().poll(pollCtx());
    const q = env.fake.reads()[0]!.query;
    expect(q.expansions).toBe('author_id');
    expect(q['tweet.fields']!.split(',')).toEqual(
      expect.arrayContaining(['created_at', 'author_id', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'lang', 'public_metrics', 'note_tweet']),
    );
    expect(q['user.fields']!.split(',')).toEqual(expect.arrayContaining(['public_metrics', 'verified', 'verified_type']));
    expect(q.max_results).toBe('100');
    expect(env.fake.reads()[0]!.headers.authorization).toMatch(/^Bearer /);
  });

  it('follows next_token back to the cursor, keeping the post whose author was suspended', async () => {
    const res = await make().poll(pollCtx({ sinceId: '1860000000000000098' }));
    expect(ids(res)).toEqual([P(99), P(100), P(101), P(102), P(103), P(104), P(105)]);
    const reads = env.fake.reads();
    expect(reads).toHaveLength(2);
    expect(reads[1]!.query.pagination_token).toBe('7140dibdnow9c7btw3z2vwvlcbwnmpqkdjzxuo6lnrw2');
    expect(reads.every((r) => r.query.since_id === '1860000000000000098')).toBe(true);
    expect(res.mentions.find((m) => m.id === 'x:1860000000000000099')?.author).toMatchObject({ handle: 'unavailable', unavailable: true });
    expect(res.cursor).toEqual({ sinceId: '1860000000000000105' });
  });

  it('sends since_id on the second poll and yields nothing new', async () => {
    const source = make();
    const first = await source.poll(pollCtx());
    const second = await source.poll(pollCtx(first.cursor));
    expect(second.mentions).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
    expect(env.fake.reads()[1]!.query.since_id).toBe('1860000000000000105');
    expect(env.fake.reads()[1]!.responseBodyBytes).toBe('{"meta":{"result_count":0}}'.length);
  });

  it('returns only the post that is new since the cursor', async () => {
    const source = make();
    const first = await source.poll(pollCtx());
    env.fake.addPost('mentions', {
      id: '1860000000000000106', text: '@AcmeAir any update on AC212?', author_id: '1500000001', created_at: '2026-11-20T14:20:00.000Z',
      conversation_id: '1860000000000000105', in_reply_to_user_id: '783214', lang: 'en', referenced_tweets: [{ type: 'replied_to', id: '1860000000000000105' }],
      public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0 },
    });
    const second = await source.poll(pollCtx(first.cursor));
    expect(ids(second)).toEqual(['x:1860000000000000106']);
    expect(second.mentions[0]).toMatchObject({ inReplyToId: '1860000000000000105', author: { handle: 'danawhit' } });
    expect(second.cursor).toEqual({ sinceId: '1860000000000000106' });
  });

  it('stops at the page cap, says so in a log line, and reads the rest on the next poll', async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    const source = make({}, { maxPagesPerPoll: 1 });
    const first = await source.poll(pollCtx({ sinceId: '1860000000000000098' }));
    expect(first.mentions).toHaveLength(5);
    expect(first.cursor).toEqual({ sinceId: '1860000000000000098', gap: { untilId: '1860000000000000101', newestId: '1860000000000000105' } });
    expect(lines.some((l) => /stopped after 1 pages \(the cap per poll\)/.test(l))).toBe(true);
    const second = await source.poll(pollCtx(first.cursor));
    expect(ids(second)).toEqual(['x:1860000000000000099', 'x:1860000000000000100']);
    expect(env.fake.reads()[1]!.query).toMatchObject({ since_id: '1860000000000000098', until_id: '1860000000000000101' });
    expect(second.cursor).toEqual({ sinceId: '1860000000000000105' });
  });

  it('searches with the source query and finds a post shared with the mentions source under the same id', async () => {
    const search = await make({ kind: 'x-search' }).poll(pollCtx());
    const mentions = await make().poll(pollCtx());
    expect(env.fake.reads()[0]!.query.query).toBe('"acme air" -is:retweet');
    expect(ids(search)).toContain('x:1860000000000000105');
    const both = ids(search).filter((id) => ids(mentions).includes(id));
    expect(both).toEqual(['x:1860000000000000105']);
    expect(search.mentions.find((m) => m.id === 'x:1860000000000000204')?.isRepost).toBe(true);
    expect(search.mentions.find((m) => m.id === 'x:1860000000000000203')?.text).toMatch(/Anyone else\?$/);
  });

  it('reports the rate-limit window and the reads of the month', async () => {
    const res = await make().poll(pollCtx());
    expect(res.usage).toMatchObject({ rateLimitRemaining: 449, readsThisMonth: 5 });
    expect(res.usage?.rateLimitResetAt).toBeGreaterThan(Date.now());
    expect(res.usage?.projectedReadsThisMonth).toBeGreaterThanOrEqual(5);
  });

  it('costs one request and a 27-byte body when nothing changed', async () => {
    const source = make();
    const first = await source.poll(pollCtx());
    const before = env.fake.requests.length;
    await source.poll(pollCtx(first.cursor));
    const unchanged = env.fake.requests.slice(before);
    expect(unchanged).toHaveLength(1);
    expect(unchanged[0]!.responseBodyBytes).toBe(27);
    // request line + headers (auth, user agent, the field lists) and response headers stay small
    expect(unchanged[0]!.requestBytes + unchanged[0]!.responseBytes).toBeLessThan(1500);
  });
});
