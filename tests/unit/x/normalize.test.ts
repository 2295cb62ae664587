import { describe, it, expect } from 'vitest';
import { readFixtureJson } from '../../fixtures';
import { MentionSchema } from '../../../src-main/shared/mention';
import { parsePage } from '../../../src-main/sources/x/x-wire';
import { AuthorMemory, normalizePage, decodeXText, snowflakeTime } from '../../../src-main/sources/x/x-normalize';

const page = (name: string) => parsePage(readFixtureJson('x', name));
const byId = <T extends { id: string }>(list: T[], id: string): T | undefined => list.find((m) => m.id === id);

describe('normalising X posts', () => {
  it('turns mentions-page1 into five mentions carrying author metrics, thread, language and engagement', () => {
    const out = normalizePage(page('mentions-page1.json'), new AuthorMemory(), 'acme-mentions');
    expect(out.map((m) => m.id)).toEqual(['x:1860000000000000101', 'x:1860000000000000102', 'x:1860000000000000103', 'x:1860000000000000104', 'x:1860000000000000105']);
    expect(byId(out, 'x:1860000000000000105')).toEqual({
      id: 'x:1860000000000000105',
      sourceId: 'acme-mentions',
      channel: 'x',
      url: 'https://x.com/danawhit/status/1860000000000000105',
      text: '@AcmeAir flight AC212 delayed 4 hours and nobody at the gate can tell us why. Three kids, no food vouchers.',
      createdAt: '2026-11-20T14:03:11.000Z',
      author: { key: 'x:1500000001', handle: 'danawhit', name: 'Dana Whitfield', url: 'https://x.com/danawhit', followers: 212, verified: false },
      reachInputs: { followers: 212, listed: 1, verified: false, engagement: 16 },
      isRepost: false,
      lang: 'en',
      conversationId: '1860000000000000105',
    });
  });

  it('sets inReplyToId from the replied_to reference and keeps the conversation id', () => {
    const m = byId(normalizePage(page('mentions-page1.json'), new AuthorMemory(), 's'), 'x:1860000000000000101');
    expect(m).toMatchObject({ inReplyToId: '1859990000000000001', conversationId: '1859990000000000001' });
  });

  it('counts a blue-verified author as verified and passes listed count and engagement to reach', () => {
    const m = byId(normalizePage(page('mentions-page1.json'), new AuthorMemory(), 's'), 'x:1860000000000000104');
    expect(m?.author).toMatchObject({ handle: 'marcoreyes', followers: 2104332, verified: true });
    expect(m?.reachInputs).toEqual({ followers: 2104332, listed: 8410, verified: true, engagement: 3120 + 412 + 96 + 57 });
  });

  it('takes the full text of a long post from note_tweet', () => {
    const m = byId(normalizePage(page('search-recent.json'), new AuthorMemory(), 'acme-search'), 'x:1860000000000000203');
    expect(m?.text).toMatch(/^long post about Acme Air's new loyalty tiers\. The silver tier .* Anyone else\?$/);
    expect(m?.text).not.toContain('truncated');
  });

  it('flags a repost with isRepost', () => {
    const out = normalizePage(page('search-recent.json'), new AuthorMemory(), 'acme-search');
    expect(byId(out, 'x:1860000000000000204')?.isRepost).toBe(true);
    expect(out.filter((m) => m.isRepost).map((m) => m.id)).toEqual(['x:1860000000000000204']);
  });

  it('keeps a post whose author was suspended, showing the author as unavailable (mentions-page2 errors)', () => {
    const out = normalizePage(page('mentions-page2.json'), new AuthorMemory(), 'acme-mentions');
    expect(out).toHaveLength(2);
    const m = byId(out, 'x:1860000000000000099');
    expect(m?.author).toEqual({ key: 'x:1500000099', handle: 'unavailable', name: 'Unavailable account', followers: null, unavailable: true });
    expect(m?.reachInputs.followers).toBeNull();
    expect(m?.url).toBe('https://x.com/i/web/status/1860000000000000099');
    expect(m?.meta).toEqual({ authorStatus: 'unavailable' });
    expect(byId(out, 'x:1860000000000000100')?.author.handle).toBe('ola_travels');
  });

  it('shows the last known handle of an author who became unavailable', () => {
    const memory = new AuthorMemory();
    normalizePage(page('mentions-page1.json'), memory, 's');
    const later = page('mentions-page2.json');
    later.tweets[1] = { ...later.tweets[1]!, author_id: '1500000001' };
    later.unavailableUsers.add('1500000001');
    const m = byId(normalizePage(later, memory, 's'), 'x:1860000000000000099');
    expect(m?.author).toMatchObject({ key: 'x:1500000001', handle: 'danawhit', name: 'Dana Whitfield', unavailable: true });
  });

  it('gives the post found by both the mentions source and the search source one id', () => {
    const fromMentions = byId(normalizePage(page('mentions-page1.json'), new AuthorMemory(), 'acme-mentions'), 'x:1860000000000000105');
    const fromSearch = byId(normalizePage(page('search-recent.json'), new AuthorMemory(), 'acme-search'), 'x:1860000000000000105');
    expect(fromMentions?.id).toBe(fromSearch?.id);
    const { sourceId: _a, ...a } = fromMentions!;
    const { sourceId: _b, ...b } = fromSearch!;
    expect(a).toEqual(b);
  });

  it('produces mentions that pass the shared Mention schema once scored', () => {
    const all = ['mentions-page1.json', 'mentions-page2.json', 'search-recent.json'].flatMap((f) => normalizePage(page(f), new AuthorMemory(), 's'));
    for (const { reachInputs: _r, ...rest } of all) {
      expect(() => MentionSchema.parse({ ...rest, reach: { score: 1, tier: 'everyday' } })).not.toThrow();
    }
  });

  it("decodes X's escaping of &, < and > in post text", () => {
    expect(decodeXText('fees &amp; taxes &lt;3 &gt;_&lt; &amp;amp;')).toBe('fees & taxes <3 >_< &amp;');
  });

  it('falls back to the time in the snowflake id when created_at is missing', () => {
    const p = page('mentions-page1.json');
    const { created_at: _c, ...t } = p.tweets[0]!;
    p.tweets = [t];
    const [m] = normalizePage(p, new AuthorMemory(), 's');
    expect(m?.createdAt).toBe(new Date(snowflakeTime('1860000000000000105')).toISOString());
  });

  it('skips a malformed post and keeps the rest of the page', () => {
    const raw = readFixtureJson<{ data: unknown[] }>('x', 'mentions-page1.json');
    raw.data[2] = { id: 'not-a-number', text: 5 };
    const p = parsePage(raw);
    expect(p.tweets).toHaveLength(4);
    expect(p.received).toBe(5);
    expect(p.dropped[0]).toMatch(/^post not-a-number/);
  });
});
