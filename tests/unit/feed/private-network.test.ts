/**
 * Issue 10 item 7: a feed URL (or a redirect from one) that resolves to loopback, link-local or a
 * private range is refused unless the source says `allowPrivateNetwork: true`: a hostile feed
 * address cannot make Earshot reach the user's router, metadata service or local admin pages.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { FeedFetchError, fetchFeed } from '../../../src-main/sources/feed/fetch-feed';
import { isPrivateAddress } from '../../../src-main/sources/feed/private-network';
import { createFeedSource } from '../../../src-main/sources/feed/feed-source';
import { parseConfig } from '../../../src-main/config/config';
import { SourceError } from '../../../src-main/sources/source';
import { pollContext } from './helpers';

let server: Server;
let hits = 0;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const refused = async (url: string, opts = {}): Promise<FeedFetchError> => {
  try {
    await fetchFeed(url, { timeoutMs: 3000, ...opts });
  } catch (e) {
    if (e instanceof FeedFetchError) return e;
    throw e;
  }
  throw new Error(`expected ${url} to be refused`);
};

describe('feeds and private networks', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.0.10', true],
    ['100.64.0.1', true],
    ['100.127.255.254', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:192.168.1.1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['2606:4700::1111', false],
    ['93.184.216.34', false],
  ])('%s is private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  it('refuses a loopback address, by IP and by name, without connecting', async () => {
    hits = 0;
    const byIp = await refused(`${base}/feed`);
    expect(byIp.kind).toBe('private-address');
    expect(byIp.message).toMatch(/allowPrivateNetwork/);
    const byName = await refused(`${base.replace('127.0.0.1', 'localhost')}/feed`);
    expect(byName.kind).toBe('private-address');
    expect(hits).toBe(0);
  });

  it('refuses a redirect to a private address', async () => {
    // The first hop must be reachable here, so only link-local counts as private for this fetch:
    // the loopback fake answers, and its redirect to the metadata address is refused before connecting.
    hits = 0;
    const e = await refused(`${base}/to-metadata`, { isBlockedAddress: (ip: string) => ip.startsWith('169.254.') });
    expect(e.kind).toBe('private-address');
    expect(e.message).toContain('169.254.169.254');
    expect(hits).toBe(1);
  });

  it('fetches a loopback feed when the source allows private networks', async () => {
    const r = await fetchFeed(`${base}/feed`, { allowPrivateNetwork: true });
    expect(r.status).toBe(200);
  });

  it('a feed source says why, and how to allow it', async () => {
    const s = createFeedSource({ id: 'f', url: `${base}/feed` });
    const e = await s.poll(pollContext(undefined)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as SourceError).message).toMatch(/private|local network/i);
    const allowed = await createFeedSource({ id: 'g', url: `${base}/feed`, allowPrivateNetwork: true }).poll(pollContext(undefined));
    expect(allowed.mentions).toEqual([]);
  });

  it('the source config accepts allowPrivateNetwork', () => {
    const c = parseConfig(JSON.stringify({ sources: [{ id: 'f', kind: 'feed', url: 'http://127.0.0.1:1/f', allowPrivateNetwork: true }] }), 'c.json');
    expect(c.sources[0]!.allowPrivateNetwork).toBe(true);
  });
});
