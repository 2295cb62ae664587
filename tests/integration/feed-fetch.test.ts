/** The feed connector's HTTP client against the fake feed server: every switch, at the wire. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { FeedFetchError, USER_AGENT, fetchFeed as fetchAny, type FetchFeedOptions, type FetchFeedResult } from '../../src-main/sources/feed/fetch-feed';
import { HUGE_BYTES, LAST_MODIFIED, startFeedServer, type FakeFeedServer } from '../fakes/feed-server';
import { fixturePath } from '../fixtures';

// The fake runs on 127.0.0.1, which feeds may reach only when the source allows private networks.
const fetchFeed = (url: string, opts: FetchFeedOptions = {}): Promise<FetchFeedResult> => fetchAny(url, { allowPrivateNetwork: true, ...opts });

let server: FakeFeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const failure = (p: Promise<FetchFeedResult>): Promise<FeedFetchError> =>
  p.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (e: unknown) => {
      if (!(e instanceof FeedFetchError)) throw e;
      return e;
    },
  );
const lastRequest = () => server.requests[server.requests.length - 1]!;
/** The server notices a closed socket a moment after the client closes it. */
const settle = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};
const hn = readFileSync(fixturePath('feeds', 'sources', 'hn-search.rss'));

describe('fetching a feed', () => {
  it('sends a User-Agent, Accept-Encoding and the stored validators', async () => {
    await fetchFeed(`${server.url}/sources/hn-search.rss`, { etag: '"abc"', lastModified: LAST_MODIFIED });
    const h = lastRequest().headers;
    expect(h['user-agent']).toBe(USER_AGENT);
    expect(h['accept-encoding']).toBe('gzip, deflate, br');
    expect(h['if-none-match']).toBe('"abc"');
    expect(h['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('returns the body, validators and byte counts of a 200', async () => {
    const res = await fetchFeed(`${server.url}/sources/hn-search.rss?validators=1`);
    expect(res.status).toBe(200);
    expect(res.body.equals(hn)).toBe(true);
    expect(res.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(res.lastModified).toBe(LAST_MODIFIED);
    expect(res.bytesRead).toBe(hn.length);
    expect(res.wireBytes).toBeGreaterThan(hn.length);
  });

  it('a 304 has no body', async () => {
    const first = await fetchFeed(`${server.url}/sources/hn-search.rss?validators=1`);
    const again = await fetchFeed(`${server.url}/sources/hn-search.rss?validators=1`, { etag: first.etag, lastModified: first.lastModified });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.bytesRead).toBe(0);
  });

  it.each(['gzip', 'deflate', 'br'])('decompresses %s', async (encoding) => {
    const res = await fetchFeed(`${server.url}/sources/hn-search.rss?encoding=${encoding}`);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.body.equals(hn)).toBe(true);
    expect(res.bytesRead).toBeLessThan(hn.length);
  });

  it('follows up to 5 redirects', async () => {
    const res = await fetchFeed(`${server.url}/redirect/5/sources/hn-search.rss`);
    expect(res.redirects).toBe(5);
    expect(res.url).toBe(`${server.url}/sources/hn-search.rss`);
    expect(res.body.equals(hn)).toBe(true);
  });

  it('refuses a 6th redirect', async () => {
    const e = await failure(fetchFeed(`${server.url}/redirect/6/sources/hn-search.rss`));
    expect(e.kind).toBe('too-many-redirects');
    expect(e.message).toBe('more than 5 redirects');
  });

  it('refuses a redirect loop as soon as it closes', async () => {
    const before = server.requests.length;
    const e = await failure(fetchFeed(`${server.url}/loop/a`));
    expect(e.kind).toBe('redirect-loop');
    expect(server.requests.length - before).toBe(2);
  });

  it('a hanging server is given up on at the deadline and its socket destroyed', async () => {
    const started = Date.now();
    const e = await failure(fetchFeed(`${server.url}/hang`, { timeoutMs: 300 }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('no complete answer within 0.3 s');
    expect(Date.now() - started).toBeLessThan(2000);
    const rec = lastRequest();
    await settle(() => rec.closedEarly);
    expect(rec.closedEarly).toBe(true);
  });

  it('a 40 MB feed is refused while streaming, long before it is all sent', async () => {
    const e = await failure(fetchFeed(`${server.url}/huge.rss`));
    expect(e.kind).toBe('too-large');
    expect(e.message).toBe('the feed is larger than 10 MB');
    const rec = lastRequest();
    await settle(() => rec.closedEarly);
    expect(rec.closedEarly).toBe(true);
    expect(rec.bodyBytes).toBeLessThan(HUGE_BYTES / 2);
  });

  it('the size cap counts decompressed bytes: a small gzip that inflates to 40 MB is refused', async () => {
    const e = await failure(fetchFeed(`${server.url}/huge.rss?gzip=1`, { maxBytes: 1024 * 1024 }));
    expect(e.kind).toBe('too-large');
    expect(e.message).toBe('the feed is larger than 1 MB');
    const rec = lastRequest();
    await settle(() => rec.closedEarly);
    expect(rec.bodyBytes).toBeLessThan(1024 * 1024);
  });

  it('a Content-Length over the cap is refused before the body is read', async () => {
    const e = await failure(fetchFeed(`${server.url}/huge.rss?announce=1`, { maxBytes: 1024 * 1024 }));
    expect(e.kind).toBe('too-large');
  });

  it('an AbortSignal cancels the fetch', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const e = await failure(fetchFeed(`${server.url}/hang`, { signal: abort.signal, timeoutMs: 5000 }));
    expect(e.kind).toBe('aborted');
  });

  it('an HTTP error status is a status failure with the code', async () => {
    const e = await failure(fetchFeed(`${server.url}/sources/hn-search.rss?status=503`));
    expect(e).toMatchObject({ kind: 'status', details: { status: 503 } });
    expect(e.details.headers?.['retry-after']).toBe('120');
  });

  it('a server that is not there is a network failure', async () => {
    const closed = await startFeedServer();
    const url = closed.url;
    await closed.close();
    const e = await failure(fetchFeed(`${url}/x`));
    expect(e.kind).toBe('network');
    expect(e.message).toBe('ECONNREFUSED');
  });

  it('only http and https addresses are fetched', async () => {
    expect((await failure(fetchFeed('file:///etc/passwd'))).kind).toBe('bad-url');
    expect((await failure(fetchFeed('not a url'))).kind).toBe('bad-url');
  });
});
