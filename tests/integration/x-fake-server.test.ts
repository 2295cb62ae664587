import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFixtureJson } from '../fixtures';
import { FAKE_BEARER, startFakeX, type FakeX } from '../fakes/x-server';

// The fake is only worth its tests if it answers like the fixtures: pin that here.
const ALL_FIELDS = {
  expansions: 'author_id',
  'tweet.fields': 'author_id,created_at,conversation_id,in_reply_to_user_id,lang,referenced_tweets,edit_history_tweet_ids,entities,public_metrics,note_tweet',
  'user.fields': 'created_at,verified,verified_type,profile_image_url,public_metrics',
};

describe('the fake X server', () => {
  let fake: FakeX;
  const get = async (path: string, query: Record<string, string>, token = FAKE_BEARER) => {
    const res = await fetch(`${fake.url}${path}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };
  beforeAll(async () => {
    fake = await startFakeX();
  });
  afterAll(() => fake.close());

  it('serves mentions-page1, then mentions-page2 through its next_token', async () => {
    const one = await get('/2/users/783214/mentions', { ...ALL_FIELDS, max_results: '100' });
    expect(one.body).toEqual(readFixtureJson('x', 'mentions-page1.json'));
    const two = await get('/2/users/783214/mentions', { ...ALL_FIELDS, pagination_token: (one.body as { meta: { next_token: string } }).meta.next_token });
    expect(two.body).toEqual(readFixtureJson('x', 'mentions-page2.json'));
  });

  it('serves search-recent and mentions-empty after the newest since_id', async () => {
    // search-recent's users come without profile_image_url (the fixtures differ there), so ask without it
    const fields = { ...ALL_FIELDS, 'user.fields': 'created_at,verified,verified_type,public_metrics' };
    expect((await get('/2/tweets/search/recent', { ...fields, query: 'acme' })).body).toEqual(readFixtureJson('x', 'search-recent.json'));
    expect((await get('/2/users/783214/mentions', { since_id: '1860000000000000105' })).body).toEqual(readFixtureJson('x', 'mentions-empty.json'));
  });

  it('sends the rate-limit headers on every answer, errors included', async () => {
    for (const r of [await get('/2/users/783214/mentions', {}), await get('/2/users/783214/mentions', {}, 'wrong-token')]) {
      expect(Number(r.headers.get('x-rate-limit-limit'))).toBe(450);
      expect(Number(r.headers.get('x-rate-limit-remaining'))).toBeLessThan(450);
      expect(Number(r.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    expect((await get('/2/users/783214/mentions', {}, 'wrong-token')).body).toEqual(readFixtureJson('x', 'error-401.json'));
  });
});
