import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFeed } from '../../../src-main/sources/feed/read-feed';
import { FETCHED_AT, readFixtureFeed } from './helpers';

const read = (xml: string, fetchedAt = FETCHED_AT) =>
  readFeed({ body: Buffer.from(xml), url: 'http://127.0.0.1/feed.xml', sourceId: 'blog', fetchedAt });
const rss = (items: string): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${items}</channel></rss>`;
const atom = (entries: string): string => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>${entries}</feed>`;
const sha16 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

describe('feed item ids', () => {
  it('the key is the guid first, whatever else the item has', async () => {
    const out = await read(rss('<item><guid isPermaLink="false">abc-1</guid><link>https://b.example/1</link><title>T</title></item>'));
    expect(out.items[0]!.mention.id).toBe('feed:blog:abc-1');
    expect(out.items[0]!.key).toBe('abc-1');
  });

  it('then the Atom id, then the link', async () => {
    const a = await read(atom('<entry><id>urn:uuid:42</id><link href="https://b.example/1"/><title>T</title></entry>'));
    expect(a.items[0]!.mention.id).toBe('feed:blog:urn:uuid:42');
    const l = await read(rss('<item><link>https://b.example/post/7</link><title>T</title></item>'));
    expect(l.items[0]!.mention.id).toBe('feed:blog:https://b.example/post/7');
  });

  it('without guid, id or link it is the sha256 of title and date, first 16 hex characters', async () => {
    const out = await read(rss('<item><title>Hello</title><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate></item>'));
    expect(out.items[0]!.key).toBe(sha16('Hello\nFri, 20 Nov 2026 10:00:00 +0000'));
    expect(out.items[0]!.key).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an empty guid element does not count as an identity', async () => {
    const out = await read(rss('<item><guid isPermaLink="false"></guid><link>https://b.example/x</link></item>'));
    expect(out.items[0]!.key).toBe('https://b.example/x');
  });

  it('items with neither identity nor date get the same id on every poll, and different items different ids', async () => {
    const xml = rss('<item><title>Only a title</title></item><item><description>Only a body</description></item><item></item><item><title>Another title</title></item>');
    const first = await read(xml, new Date('2026-11-21T09:00:00Z'));
    const second = await read(xml, new Date('2026-11-22T18:30:00Z'));
    const ids = first.items.map((i) => i.mention.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(second.items.map((i) => i.mention.id)).toEqual(ids);
  });

  it('a feed that repeats a guid yields the item once, with a warning', async () => {
    const out = await read(rss('<item><guid>same</guid><title>a</title></item><item><guid>same</guid><title>b</title></item>'));
    expect(out.items).toHaveLength(1);
    expect(out.warnings.join()).toMatch(/1 item\(s\) repeat an id/);
  });

  it('ids are scoped to the source', async () => {
    const a = await readFixtureFeed('sources', 'hn-search.rss', { sourceId: 'hn-1' });
    const b = await readFixtureFeed('sources', 'hn-search.rss', { sourceId: 'hn-2' });
    expect(a.items[0]!.mention.id).toBe('feed:hn-1:https://news.ycombinator.com/item?id=42181234');
    expect(b.items[0]!.mention.id).toBe('feed:hn-2:https://news.ycombinator.com/item?id=42181234');
  });
});

describe('feed item dates', () => {
  it('createdAt is the item date as ISO with Z', async () => {
    const out = await read(rss('<item><guid>1</guid><pubDate>Fri, 20 Nov 2026 13:20:00 +0100</pubDate></item>'));
    expect(out.items[0]!.mention.createdAt).toBe('2026-11-20T12:20:00.000Z');
  });

  it('a missing or unreadable date falls back to the time of fetching', async () => {
    const out = await read(rss('<item><guid>1</guid></item><item><guid>2</guid><pubDate>the day before yesterday</pubDate></item>'));
    expect(out.items.map((i) => i.mention.createdAt)).toEqual([FETCHED_AT.toISOString(), FETCHED_AT.toISOString()]);
  });

  it('an unreadable Atom date does not lose the rest of the feed', async () => {
    const out = await read(atom('<entry><id>1</id><published>not a date</published><updated>nor this</updated></entry><entry><id>2</id><updated>2026-11-20T08:00:00Z</updated></entry>'));
    expect(out.items.map((i) => i.mention.createdAt)).toEqual([FETCHED_AT.toISOString(), '2026-11-20T08:00:00.000Z']);
  });

  it('a date in the future is the time of fetching: the clock cannot start before we could hear it', async () => {
    const out = await read(rss('<item><guid>1</guid><pubDate>Tue, 01 Jan 2036 00:00:00 GMT</pubDate></item>'));
    expect(out.items[0]!.mention.createdAt).toBe(FETCHED_AT.toISOString());
  });
});
