/**
 * A source's settings have one schema (src-main/shared/sources.ts): the Sources screen (the
 * `saveSource` command) and a config file accept and refuse exactly the same values, a bad value in
 * a config file is named by source and field, the view the renderer gets holds the settings and
 * nothing else, and the defaults (the 20 s request deadline, each kind's interval) are named once.
 */
import { describe, it, expect } from 'vitest';
import { parseRequest } from '../../../src-main/shared/contract';
import { parseConfig, ConfigError } from '../../../src-main/config/config';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_TIMEOUT_SECONDS, SOURCE_SETTING_KEYS, SourceSummarySchema } from '../../../src-main/shared/sources';
import { MemorySecretStore } from '../../../src-main/config/secrets';
import { SourceRegistry } from '../../../src-main/core/registry';
import type { Poller } from '../../../src-main/core/poller';
import type { Source } from '../../../src-main/sources/source';
import { XHttp } from '../../../src-main/sources/x/x-http';
import { createXSource, createMemoryUsageStore } from '../../../src-main/sources/x';
import { createFeedSource } from '../../../src-main/sources/feed/feed-source';
import { createDemoSource } from '../../../src-main/sources/demo/demo-source';

const fromUi = (source: Record<string, unknown>): boolean => parseRequest('saveSource', { source }).ok;
const fromFile = (source: Record<string, unknown>): boolean => {
  try {
    parseConfig(JSON.stringify({ sources: [source] }), 'c.json');
    return true;
  } catch (e) {
    if (e instanceof ConfigError) return false;
    throw e;
  }
};

const search = { id: 'acme', kind: 'x-search', query: 'acme' };
const feed = { id: 'f', kind: 'feed', url: 'https://example.com/feed.xml' };
const demo = { id: 'demo', kind: 'demo' };

describe('source settings: the Sources screen and a config file accept the same values', () => {
  it.each([
    ['x-search every 5 s', { ...search, intervalSeconds: 5 }, true],
    ['x-search every 4 s', { ...search, intervalSeconds: 4 }, false],
    ['x-search every 2 s', { ...search, intervalSeconds: 2 }, false],
    ['a feed once a day', { ...feed, intervalSeconds: 86_400 }, true],
    ['a feed every day and a second', { ...feed, intervalSeconds: 86_401 }, false],
    ['a feed every 0 s', { ...feed, intervalSeconds: 0 }, false],
    ['the demo every 0.05 s', { ...demo, intervalSeconds: 0.05 }, true],
    ['the demo every 0 s', { ...demo, intervalSeconds: 0 }, false],
    ['a 1 s timeout', { ...feed, timeoutSeconds: 1 }, true],
    ['a 0.5 s timeout', { ...feed, timeoutSeconds: 0.5 }, false],
    ['a 301 s timeout', { ...feed, timeoutSeconds: 301 }, false],
    ['maxBytes 1024', { ...feed, maxBytes: 1024 }, true],
    ['maxBytes 1000', { ...feed, maxBytes: 1000 }, false],
    ['a 120-character label', { ...feed, label: 'l'.repeat(120) }, true],
    ['a 121-character label', { ...feed, label: 'l'.repeat(121) }, false],
    ['a 1025-character query', { ...search, query: 'q'.repeat(1025) }, false],
    ['a feed without a url', { id: 'f', kind: 'feed' }, false],
    ['x-mentions without a userId', { id: 'm', kind: 'x-mentions' }, false],
    ['x-mentions with a user name for userId', { id: 'm', kind: 'x-mentions', userId: 'acme' }, false],
    ['x-search without a query', { id: 's', kind: 'x-search' }, false],
    ['an apiBase elsewhere than X or this computer', { ...search, apiBase: 'https://collector.evil.example' }, false],
    ['an apiBase on loopback', { ...search, apiBase: 'http://127.0.0.1:9' }, true],
    ['an id with a space', { ...feed, id: 'my feed' }, false],
  ])('%s: accepted %s', (_name, source, ok) => {
    expect(fromUi(source)).toBe(ok);
    expect(fromFile(source)).toBe(ok);
  });

  it('a config file with a bad value is refused naming the file, the source and the field', () => {
    const text = JSON.stringify({ sources: [feed, { ...search, intervalSeconds: 2 }] });
    expect(() => parseConfig(text, 'c.json')).toThrow('c.json: source "acme": sources.1.intervalSeconds: at least 5 seconds between polls (only the demo may poll faster)');
  });

  it('the saveSource refusal names the field in the same words', () => {
    const r = parseRequest('saveSource', { source: { ...search, intervalSeconds: 2 } });
    expect(r.ok ? '' : r.error.message).toBe('saveSource.source.intervalSeconds: at least 5 seconds between polls (only the demo may poll faster)');
  });

  it('only a config file takes the demo knobs, paused and inline credentials', () => {
    expect(fromFile({ ...demo, backlog: 3, limit: 6, perPoll: 1, paused: true })).toBe(true);
    expect(fromFile({ ...search, bearerToken: 'B' })).toBe(true);
    expect(fromUi({ ...demo, backlog: 3 })).toBe(false);
    expect(fromUi({ ...search, bearerToken: 'B' })).toBe(false);
    expect(fromUi({ ...search, credentials: { bearerToken: 'B' } })).toBe(true);
  });
});

describe('the source view', () => {
  it('holds every setting and the credential flags, never a credential or a demo knob', async () => {
    const added: Source[] = [];
    const poller = { add: (s: Source) => added.push(s), remove: async () => undefined, setPaused: () => undefined } as unknown as Poller;
    const registry = new SourceRegistry({ poller, secrets: new MemorySecretStore(), factory: (cfg) => ({ id: cfg.id, kind: cfg.kind, intervalMs: 1000, poll: async () => ({ mentions: [], cursor: null }) }) });
    const every = {
      id: 'acme',
      kind: 'x-search',
      label: 'Acme',
      query: 'acme',
      apiBase: 'http://127.0.0.1:9',
      intervalSeconds: 60,
      monthlyReadBudget: 1000,
      timeoutSeconds: 10,
      maxBytes: 2048,
      url: 'https://example.com/unused',
      profile: 'generic',
      userId: '1',
      allowPrivateNetwork: false,
    } as const;
    const config = parseConfig(JSON.stringify({ sources: [{ ...every, bearerToken: 'B', userAccessToken: 'U', backlog: 2 }] }), 'c.json');
    await registry.load(config.sources);
    const [view] = registry.list();
    expect(view).toEqual({ ...every, paused: false, hasReadCredential: true, hasReplyCredential: true });
    expect(SourceSummarySchema.parse(view)).toEqual(view);
    // The fixture above sets every settings key, so a key added to the schema shows up here.
    expect(Object.keys(every).sort()).toEqual([...SOURCE_SETTING_KEYS].sort());
    expect(added).toHaveLength(1);
  });
});

describe('defaults', () => {
  it('the network timeout is one 20 s constant', () => {
    expect(DEFAULT_TIMEOUT_SECONDS).toBe(20);
    const http = new XHttp({ auth: { bearer: 'T' } });
    expect(http.timeoutMs).toBe(20_000);
    http.close();
  });

  it('each kind polls at its default interval when intervalSeconds is unset', () => {
    expect(createXSource({ id: 'a', kind: 'x-search', query: 'q', credentials: {} }, { usageStore: createMemoryUsageStore() }).intervalMs).toBe(DEFAULT_INTERVAL_SECONDS['x-search'] * 1000);
    expect(createFeedSource({ id: 'f', url: 'https://example.com/f' }).intervalMs).toBe(DEFAULT_INTERVAL_SECONDS.feed * 1000);
    expect(createDemoSource({ id: 'd' }, []).intervalMs).toBe(DEFAULT_INTERVAL_SECONDS.demo * 1000);
    expect(DEFAULT_INTERVAL_SECONDS).toEqual({ 'x-mentions': 60, 'x-search': 60, feed: 300, demo: 4 });
  });
});
