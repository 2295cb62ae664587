/**
 * The feed source against the fake feed server: what each fault shows on the health line, what an
 * unchanged feed costs, and that a changed feed yields only what is new.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { setLogSink } from '../../src-main/core/log';
import { SourceError, type PollResult } from '../../src-main/sources/source';
import { createFeedSource, type FeedSourceConfig } from '../../src-main/sources/feed/feed-source';
import type { FeedCursor } from '../../src-main/sources/feed/feed-cursor';
import { ENCODED, LAST_MODIFIED, startFeedServer, type FakeFeedServer } from '../fakes/feed-server';
import { memoryLog, pollContext } from '../unit/feed/helpers';

let server: FakeFeedServer;
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startFeedServer();
});
afterAll(async () => {
  setLogSink(null);
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const source = (path: string, extra: Partial<FeedSourceConfig> = {}) => createFeedSource({ id: 'fs', url: `${server.url}${path}`, allowPrivateNetwork: true, ...extra });
const poll = (path: string, extra: Partial<FeedSourceConfig> = {}, cursor?: unknown): Promise<PollResult> => source(path, extra).poll(pollContext(cursor));
async function failure(path: string, extra: Partial<FeedSourceConfig> = {}): Promise<SourceError> {
  const e = await poll(path, extra).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SourceError);
  return e as SourceError;
}
const item = (guid: string, title: string): string => `<item><guid>${guid}</guid><title>${title}</title><description>${title}</description></item>`;
const rss = (...items: string[]): string => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Custom</title>${items.join('')}</channel></rss>`;

describe('feed source: what each fault shows', () => {
  it('an HTTP 500 is an error with the status, retried by itself', async () => {
    const e = await failure('/sources/hn-search.rss?status=500');
    expect(e.state).toBe('error');
    expect(e.message).toBe("The feed's server failed (HTTP 500); retrying.");
    expect(e.opts.action).toBeUndefined(); // the poller says when it retries
  });

  it("a 503 with Retry-After retries when the server says", async () => {
    const before = Date.now();
    const e = await failure('/sources/hn-search.rss?status=503');
    expect(e.message).toBe("The feed's server failed (HTTP 503); retrying.");
    expect(e.opts.retryAt).toBeGreaterThanOrEqual(before + 119_000);
  });

  it('a server that never answers is a timeout naming the limit, and the socket is closed', async () => {
    const e = await failure('/hang', { timeoutSeconds: 0.5 });
    expect(e.state).toBe('error');
    expect(e.message).toBe('The feed did not answer within 0.5 s; retrying.');
    expect(e.opts.action).toMatch(/raise timeoutSeconds/);
    const rec = server.requests[0]!;
    for (let i = 0; i < 50 && !rec.closedEarly; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rec.closedEarly).toBe(true);
  });

  it('malformed XML is an error with the parser\'s reason', async () => {
    const e = await failure('/malformed.rss');
    expect(e.state).toBe('error');
    expect(e.message).toMatch(/^The feed is not valid RSS or Atom: Unexpected close tag \(line 3, column \d+\)\.$/);
  });

  it('a web page instead of a feed says so', async () => {
    const e = await failure('/real-world/unrecognized.rss');
    expect(e.message).toBe('The feed is not valid RSS or Atom: the address returns a web page, not a feed.');
  });

  it('a 40 MB feed is refused, naming the limit and maxBytes, without reading it all', async () => {
    const e = await failure('/huge.rss');
    expect(e.state).toBe('error');
    expect(e.message).toBe('The feed is larger than the 10 MB limit (maxBytes 10485760); it was not read.');
    expect(e.opts.action).toMatch(/Raise maxBytes/);
    const small = await failure('/huge.rss', { maxBytes: 2_000_000 });
    expect(small.message).toBe('The feed is larger than the 1.9 MB limit (maxBytes 2000000); it was not read.');
  });

  it('a redirect loop is an error pointing at the URL', async () => {
    const e = await failure('/loop/a');
    expect(e.state).toBe('error');
    expect(e.message).toBe("The feed's address redirects in a loop and never reaches a feed; check the URL.");
    expect(e.opts.action).toMatch(/Check the URL/);
  });

  it('more than 5 redirects is an error pointing at the URL', async () => {
    const e = await failure('/redirect/6/sources/hn-search.rss');
    expect(e.message).toBe("The feed's address redirected more than 5 times without reaching a feed; check the URL.");
  });

  it.each([401, 403])('HTTP %i is an auth error: it waits for the user', async (status) => {
    const e = await failure(`/sources/hn-search.rss?status=${status}`);
    expect(e.state).toBe('auth-error');
    expect(e.message).toBe(`The feed refused access (HTTP ${status}): it needs a login, or the site blocks feed readers.`);
    expect(e.opts.action).toMatch(/private link/);
  });

  it.each([
    [404, 'The feed was not found (HTTP 404); check the URL.'],
    [410, 'The feed has been removed (HTTP 410); check the URL.'],
  ])('HTTP %i is an error asking to check the URL', async (status, message) => {
    const e = await failure(`/sources/hn-search.rss?status=${status}`);
    expect(e.state).toBe('error');
    expect(e.message).toBe(message);
  });

  it('HTTP 429 is rate-limited until Retry-After', async () => {
    const before = Date.now();
    const e = await failure('/sources/hn-search.rss?status=429');
    expect(e.state).toBe('rate-limited');
    expect(e.message).toMatch(/^The feed's site asks Earshot to poll less often \(HTTP 429\); resumes by itself at \d\d:\d\d UTC\.$/);
    expect(e.opts.retryAt).toBeGreaterThanOrEqual(before + 119_000);
  });

  it('a server that is not there is an error, not a crash', async () => {
    const gone = await startFeedServer();
    await gone.close();
    const e = await createFeedSource({ id: 'fs', url: `${gone.url}/x.rss`, allowPrivateNetwork: true })
      .poll(pollContext(undefined))
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as SourceError).message).toBe("Could not reach the feed's server (ECONNREFUSED); retrying.");
  });

  it('a URL that is not http(s) is an error, not a crash', async () => {
    const e = await createFeedSource({ id: 'fs', url: 'ftp://example.com/feed.xml' })
      .poll(pollContext(undefined))
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as SourceError).message).toMatch(/^The feed's address cannot be fetched \(.*only http and https\); check the URL\.$/);
  });
});

describe('feed source: polling again', () => {
  it('a 304 parses nothing and keeps the cursor; the second poll sends the validators', async () => {
    const src = source('/sources/appstore-reviews.xml?validators=1');
    const first = await src.poll(pollContext(undefined));
    expect(first.mentions).toHaveLength(3);
    const cursor = first.cursor as FeedCursor;
    expect(cursor.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(cursor.lastModified).toBe(LAST_MODIFIED);
    expect(cursor.seen).toEqual(['11930000001', '11930000000', '11929999999']);

    const { log, lines } = memoryLog();
    const second = await src.poll(pollContext(JSON.parse(JSON.stringify(cursor)), { log }));
    expect(second.mentions).toEqual([]);
    expect(second.cursor).toEqual(cursor);
    expect(server.requests).toHaveLength(2);
    const [full, unchanged] = server.requests;
    expect(unchanged!.headers['if-none-match']).toBe(cursor.etag);
    expect(unchanged!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(unchanged!.status).toBe(304);
    expect(unchanged!.bodyBytes).toBe(0);
    const clientRead = Number(/"wireBytes":(\d+)/.exec(lines.join('\n'))?.[1]);
    expect(clientRead).toBe(unchanged!.wireBytes);
    console.log(
      `unchanged poll (304): 1 request; ${unchanged!.requestBytes} bytes up (request line + headers), ` +
        `${unchanged!.wireBytes} bytes down (status + headers, body 0), nothing parsed. ` +
        `The full poll before it: 1 request; ${full!.requestBytes} bytes up, ${full!.wireBytes} bytes down (body ${full!.bodyBytes}).`,
    );
    expect(unchanged!.wireBytes).toBeLessThan(400);
  });

  it('a 200 with unchanged content yields nothing new', async () => {
    const src = source('/sources/reddit-search.atom');
    const first = await src.poll(pollContext(undefined));
    expect(first.mentions).toHaveLength(2);
    const second = await src.poll(pollContext(first.cursor));
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(second.mentions).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
  });

  it('a changed feed yields only the new item, under the same ids as before', async () => {
    server.setFeed('changing.rss', rss(item('a', 'First'), item('b', 'Second')));
    const src = source('/custom/changing.rss?validators=1');
    const first = await src.poll(pollContext(undefined));
    expect(first.mentions.map((m) => m.id)).toEqual(['feed:fs:a', 'feed:fs:b']);
    server.setFeed('changing.rss', rss(item('c', 'Third'), item('a', 'First'), item('b', 'Second')));
    const second = await src.poll(pollContext(first.cursor));
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(second.mentions.map((m) => m.id)).toEqual(['feed:fs:c']);
    expect((second.cursor as FeedCursor).seen).toEqual(['c', 'a', 'b']);
    expect((second.cursor as FeedCursor).etag).not.toBe((first.cursor as FeedCursor).etag);
  });

  it('an unreadable cursor reads the whole feed again under the same ids, with a warning', async () => {
    const { log, lines } = memoryLog();
    const res = await source('/sources/hn-search.rss').poll(pollContext({ seen: 42 }, { log }));
    expect(res.mentions.map((m) => m.id)).toEqual(['feed:fs:https://news.ycombinator.com/item?id=42181234']);
    expect(lines.join('\n')).toMatch(/saved feed cursor is unreadable/);
  });
});

describe('feed source: encodings and compression', () => {
  it('gzip works', async () => {
    const plain = await poll('/sources/mastodon-tag.rss');
    const gz = await poll('/sources/mastodon-tag.rss?gzip=1');
    expect(server.requests[1]!.bodyBytes).toBeLessThan(server.requests[0]!.bodyBytes);
    expect(gz.mentions).toEqual(plain.mentions);
    expect(gz.mentions[1]!.text).toContain('❤️');
  });

  it('ISO-8859-1 labelled only in the Content-Type header decodes correctly', async () => {
    const res = await poll('/encoded/latin1.rss');
    expect(res.mentions[0]).toMatchObject({ title: ENCODED.latin1.title, text: ENCODED.latin1.text });
    expect(res.mentions[0]!.text).toContain('informação');
    expect(res.mentions[0]!.text).toContain('Açores');
  });

  it('GB2312 labelled only in the XML declaration decodes correctly', async () => {
    const res = await poll('/encoded/gb2312.rss');
    expect(res.mentions[0]).toMatchObject({ title: '航班延误三小时', text: '阿克米航空的客服一直没有回复我的投诉，行李也丢了。' });
  });

  it('the site profile is recognised from what the server sends', async () => {
    const res = await poll('/sources/appstore-reviews.xml');
    expect(res.mentions.map((m) => [m.channel, m.rating])).toEqual([
      ['appstore', 1],
      ['appstore', 4],
      ['appstore', 2],
    ]);
  });
});

describe('feed source: config', () => {
  it('is kind feed and polls every 300 s unless told otherwise', () => {
    const s = createFeedSource({ id: 'x', url: 'https://example.com/feed' });
    expect(s.kind).toBe('feed');
    expect(s.intervalMs).toBe(300_000);
    expect(createFeedSource({ id: 'x', url: 'https://example.com/feed', intervalSeconds: 60 }).intervalMs).toBe(60_000);
  });

  it('a missing URL is refused when the source is made, not at poll time', () => {
    expect(() => createFeedSource({ id: 'x', url: '' })).toThrow(/url is required/);
  });
});
