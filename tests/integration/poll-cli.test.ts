/**
 * `npm run --silent poll -- --config FILE --once` against the fake X API and the fake feed server:
 * one normalised mention per line for every fixture source, reach tiers included; with --state a
 * second run asks only for what is new; a failing source makes the exit status 1 without stopping
 * the others; a bad config is exit 2 with a message naming the field; with --once a rate-limit
 * window that resets within 60 s is waited out (stderr says so), a longer one is exit 1 naming it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeX, FAKE_BEARER, type FakeX } from '../fakes/x-server';
import { start as startFeeds, type FakeFeedServer } from '../fakes/feed-server';
import { MentionSchema, type Mention } from '../../src-main/shared/mention';

import { runCli } from '../helpers/cli';

const poll = (args: string[]) => runCli('poll', args);


let x: FakeX;
let feeds: FakeFeedServer;
let dir: string;

beforeAll(async () => {
  x = await startFakeX();
  feeds = await startFeeds();
  dir = mkdtempSync(join(tmpdir(), 'earshot-poll-cli-'));
});
afterAll(async () => {
  await x.close();
  await feeds.close();
});

function config(extra: object[] = []): string {
  const path = join(dir, `cfg-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      sources: [
        { id: 'acme-mentions', kind: 'x-mentions', userId: '783214', bearerToken: FAKE_BEARER, apiBase: x.url },
        { id: 'acme-search', kind: 'x-search', query: '"acme air" -is:retweet', bearerToken: FAKE_BEARER, apiBase: x.url },
        { id: 'appstore-us', kind: 'feed', url: `${feeds.url}/sources/appstore-reviews.xml?validators=1`, allowPrivateNetwork: true },
        { id: 'reddit', kind: 'feed', url: `${feeds.url}/sources/reddit-search.atom?validators=1`, allowPrivateNetwork: true },
        { id: 'mastodon', kind: 'feed', url: `${feeds.url}/sources/mastodon-tag.rss?validators=1`, allowPrivateNetwork: true },
        { id: 'hn', kind: 'feed', url: `${feeds.url}/sources/hn-search.rss?validators=1`, allowPrivateNetwork: true },
        { id: 'alerts', kind: 'feed', url: `${feeds.url}/sources/google-alerts.xml?validators=1`, allowPrivateNetwork: true },
        ...extra,
      ],
    }),
  );
  return path;
}

const lines = (out: string): Mention[] => out.trim().split('\n').filter(Boolean).map((l) => MentionSchema.parse(JSON.parse(l)));

describe('poll command', () => {
  it('prints valid mentions for every fixture source, with reach tiers, and exits 0', async () => {
    const res = await poll(['--config', config(), '--once']);
    expect(res.code, res.stderr).toBe(0);
    const ms = lines(res.stdout);
    const channels = new Set(ms.map((m) => m.channel));
    expect([...channels].sort()).toEqual(['appstore', 'google-alerts', 'hackernews', 'mastodon', 'reddit', 'x']);
    const bySource = new Set(ms.map((m) => m.sourceId));
    expect(bySource.size).toBe(7);
    const mega = ms.find((m) => m.author.handle === 'marcoreyes');
    expect(mega?.reach.tier).toBe('mega');
    expect(ms.find((m) => m.author.handle === 'lucia_p')?.reach.tier).toBe('everyday');
    expect(ms.filter((m) => m.channel === 'appstore').every((m) => m.rating! >= 1 && m.rating! <= 5)).toBe(true);
    const alert = ms.find((m) => m.channel === 'google-alerts')!;
    expect(alert.url).not.toMatch(/google\.com\/url/);
    // Progress and health go to stderr, never to stdout.
    expect(res.stderr).toMatch(/acme-mentions: ok/);
  });

  it('with --state, a second run sends the cursors and prints nothing new', async () => {
    const state = mkdtempSync(join(tmpdir(), 'earshot-poll-state-'));
    const cfg = config();
    const first = await poll(['--config', cfg, '--state', state, '--once']);
    expect(first.code, first.stderr).toBe(0);
    expect(lines(first.stdout).length).toBeGreaterThan(10);
    const xBefore = x.requests.length;
    const feedBefore = feeds.requests.length;
    const second = await poll(['--config', cfg, '--state', state, '--once']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe('');
    const xReqs = x.requests.slice(xBefore);
    expect(xReqs.length).toBeGreaterThan(0);
    expect(xReqs.every((r) => 'since_id' in r.query || 'start_time' in r.query)).toBe(true);
    const feedReqs = feeds.requests.slice(feedBefore);
    expect(feedReqs.every((r) => r.status === 304 && r.headers['if-none-match'])).toBe(true);
  });

  it('a failing source exits 1 and says which and why, while the others still print', async () => {
    const res = await poll(['--config', config([{ id: 'broken', kind: 'feed', url: `${feeds.url}/sources/hn-search.rss?status=500`, allowPrivateNetwork: true }]), '--once']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/broken: error: .*HTTP 500/);
    expect(lines(res.stdout).length).toBeGreaterThan(10);
  });

  it('a bad config file is exit 2 with a message naming the field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ sources: [{ id: 'f', kind: 'feed' }] }));
    const res = await poll(['--config', bad, '--once']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('sources.0.url: a feed source needs a url');
    const none = await poll(['--once']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--config is required/);
  });

  it('--once waits out a rate-limit window that resets within 60 s, then polls (stderr says so)', async () => {
    const own = await startFakeX();
    try {
      const cfg = join(dir, 'rate-short.json');
      writeFileSync(cfg, JSON.stringify({ sources: [{ id: 'acme-mentions', kind: 'x-mentions', userId: '783214', bearerToken: FAKE_BEARER, apiBase: own.url }] }));
      // Far enough ahead that the poll process (slow to start on a loaded machine) meets the window.
      own.setFault('rate-limit', { resetInSeconds: 25 });
      const t0 = Date.now();
      const res = await poll(['--config', cfg, '--once']);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toMatch(/acme-mentions: rate-limited; waiting \d+ s for the window to reset/);
      expect(Date.now() - t0).toBeGreaterThan(2500);
      expect(lines(res.stdout).length).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  }, 90_000);

  it('--once reports a rate-limit window further than 60 s away and exits 1 naming the source', async () => {
    const own = await startFakeX();
    try {
      const cfg = join(dir, 'rate-long.json');
      writeFileSync(cfg, JSON.stringify({ sources: [{ id: 'acme-mentions', kind: 'x-mentions', userId: '783214', bearerToken: FAKE_BEARER, apiBase: own.url }] }));
      own.setFault('rate-limit', { resetInSeconds: 600 });
      const t0 = Date.now();
      const res = await poll(['--config', cfg, '--once']);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/acme-mentions: rate-limited until .*more than 60 s away/);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(res.stdout.trim()).toBe('');
    } finally {
      await own.close();
    }
  }, 90_000);
});
