/**
 * The bundled demo data (resources/demo/mentions.json, format in resources/demo/README.md): what a
 * new user sees in the first minutes, so it has to be well formed, look like the real channels, and
 * cover every reach tier, channel and a handful of languages.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseTweet } from 'twitter-text';
import { CHANNELS, REACH_TIERS, type ReachInputs, type ReachTier } from '../../src-main/shared/mention';
import { scoreReach } from '../../src-main/reach/reach';
import { createDemoSource, loadDemoTemplates } from '../../src-main/sources/demo/demo-source';
import { createLogger } from '../../src-main/core/log';

const PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/demo/mentions.json');

/** The demo channels: every channel but `feed` (generic) and `demo` (the source's own kind). */
const DEMO_CHANNELS = ['x', 'appstore', 'reddit', 'mastodon', 'hackernews', 'google-alerts'] as const;
/** Channels that give an author's follower count; the others say nothing (`followers: null`). */
const COUNTS_FOLLOWERS = new Set<string>(['x', 'mastodon']);
const HELPFUL = /^(\d+) of (\d+)$/;

/** Stricter than the demo source's own schema: an unknown or misspelt key is an error here. */
const Template = z.strictObject({
  channel: z.enum(DEMO_CHANNELS),
  text: z.string().min(1),
  title: z.string().min(1).optional(),
  lang: z.string().regex(/^[a-z]{2}$/),
  rating: z.number().int().min(1).max(5).optional(),
  author: z.strictObject({
    handle: z.string().min(1),
    name: z.string().min(1),
    followers: z.number().int().nonnegative().nullable(),
    verified: z.boolean().optional(),
    listed: z.number().int().nonnegative().optional(),
  }),
  meta: z.record(z.string(), z.string()).optional(),
  conversationKey: z.string().min(1).optional(),
  replyToKey: z.string().min(1).optional(),
  isRepost: z.boolean().optional(),
});
type Template = z.infer<typeof Template>;

const raw: unknown = JSON.parse(readFileSync(PATH, 'utf8'));
const entries: unknown[] = Array.isArray(raw) ? raw : [];
/** Each entry on its own, so one bad entry fails the shape test and the others are still checked. */
const results = entries.map((e) => Template.safeParse(e));
const templates: Template[] = results.flatMap((r) => (r.success ? [r.data] : []));
const problems = results.flatMap((r, i) => (r.success ? [] : r.error.issues.map((p) => `#${i} ${p.path.join('.')}: ${p.message}`)));

/** What the real sources would hand to reach for this author: X counts, and App Store helpfulness votes. */
function reachInputs(t: Template): ReachInputs {
  const votes = HELPFUL.exec(t.meta?.helpful ?? '')?.[1];
  return {
    followers: t.author.followers,
    ...(t.author.listed !== undefined ? { listed: t.author.listed } : {}),
    ...(t.author.verified !== undefined ? { verified: t.author.verified } : {}),
    ...(votes !== undefined ? { helpfulVotes: Number(votes) } : {}),
  };
}

const tierOf = (t: Template): ReachTier => scoreReach(reachInputs(t), t.channel).tier;
const share = (n: number): number => n / templates.length;

describe('demo mentions: shape', () => {
  it('every entry has the required fields with the right types, and no unknown keys', () => {
    expect(Array.isArray(raw)).toBe(true);
    expect(problems).toEqual([]);
    expect(templates.length).toBeGreaterThanOrEqual(140);
    expect(templates.length).toBeLessThanOrEqual(160);
  });

  it('loads through the demo source’s own loader', () => {
    expect(loadDemoTemplates(PATH)).toHaveLength(templates.length);
  });

  it('uses only valid channels, and at least 5 of them', () => {
    for (const t of templates) expect(CHANNELS).toContain(t.channel);
    expect(new Set(templates.map((t) => t.channel)).size).toBeGreaterThanOrEqual(5);
  });

  it('has ratings on App Store reviews only, each with an app version', () => {
    for (const t of templates) {
      if (t.channel === 'appstore') {
        expect(t.rating, t.text).toBeDefined();
        expect(t.meta?.appVersion, t.text).toMatch(/^\d+\.\d+\.\d+$/);
        expect(t.title, t.text).toBeDefined();
      } else {
        expect(t.rating, t.text).toBeUndefined();
      }
    }
  });

  it('has all five star ratings', () => {
    expect(new Set(templates.map((t) => t.rating).filter((r) => r !== undefined))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('gives the extras each channel’s feed gives: subreddit, instance, site, discussion link', () => {
    for (const t of templates) {
      if (t.channel === 'reddit') expect(t.meta?.subreddit, t.text).toMatch(/^\w+$/);
      if (t.channel === 'mastodon') expect(t.meta?.instance, t.text).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
      if (t.channel === 'google-alerts') {
        expect(t.meta?.site, t.text).toBe(t.author.handle);
        expect(t.title, t.text).toBeDefined();
      }
      if (t.channel === 'hackernews') expect(t.meta?.discussionUrl, t.text).toMatch(/^https:\/\/news\.ycombinator\.com\/item\?id=\d+$/);
      const helpful = t.meta?.helpful;
      if (helpful !== undefined) {
        expect(t.channel).toBe('appstore');
        const [, up, of] = HELPFUL.exec(helpful) ?? [];
        expect(Number(up), helpful).toBeLessThanOrEqual(Number(of));
      }
    }
  });

  it('has follower counts where the channel gives them and null where it does not', () => {
    for (const t of templates) {
      if (COUNTS_FOLLOWERS.has(t.channel)) expect(t.author.followers, t.author.handle).not.toBeNull();
      else expect(t.author.followers, t.author.handle).toBeNull();
    }
  });

  it('keeps X posts within X’s 280 weighted characters', () => {
    for (const t of templates.filter((t) => t.channel === 'x')) expect(parseTweet(t.text).valid, t.text).toBe(true);
  });

  it('marks reposts on X only, as X writes them', () => {
    const reposts = templates.filter((t) => t.isRepost);
    expect(reposts.length).toBeGreaterThanOrEqual(3);
    for (const t of reposts) {
      expect(t.channel).toBe('x');
      expect(t.text).toMatch(/^RT @\w+: /);
    }
  });

  it('has no two templates with the same text', () => {
    expect(new Set(templates.map((t) => t.text)).size).toBe(templates.length);
  });

  it('describes one author the same way everywhere (one channel and handle, one person)', () => {
    const seen = new Map<string, Template['author']>();
    for (const t of templates) {
      const key = `${t.channel}:${t.author.handle}`;
      expect(t.author, key).toEqual(seen.get(key) ?? t.author);
      seen.set(key, t.author);
    }
  });
});

describe('demo mentions: conversations', () => {
  it('opens each conversation once and follows up later in the same conversation', () => {
    const opened = new Set<string>();
    for (const t of templates) {
      if (t.replyToKey !== undefined) {
        expect(t.conversationKey, t.text).toBe(t.replyToKey);
        expect(opened.has(t.replyToKey), `follow-up before its opener: ${t.text}`).toBe(true);
      } else if (t.conversationKey !== undefined) {
        expect(opened.has(t.conversationKey), `opened twice: ${t.conversationKey}`).toBe(false);
        opened.add(t.conversationKey);
      }
    }
  });

  it('has a few conversations with follow-ups, some by the same customer', () => {
    const followUps = templates.filter((t) => t.replyToKey !== undefined);
    const openers = new Map(templates.filter((t) => t.conversationKey && !t.replyToKey).map((t) => [t.conversationKey, t]));
    expect(new Set(followUps.map((t) => t.replyToKey)).size).toBeGreaterThanOrEqual(5);
    const sameCustomer = followUps.filter((t) => openers.get(t.conversationKey)?.author.handle === t.author.handle);
    expect(sameCustomer.length).toBeGreaterThanOrEqual(5);
  });
});

describe('demo mentions: languages and reach', () => {
  it('speaks at least 5 languages, about 10% of entries not in English', () => {
    const langs = new Set(templates.map((t) => t.lang));
    expect(langs.size).toBeGreaterThanOrEqual(5);
    for (const lang of ['es', 'pt', 'fr', 'de', 'ja']) expect(langs).toContain(lang);
    const other = share(templates.filter((t) => t.lang !== 'en').length);
    expect(other).toBeGreaterThanOrEqual(0.08);
    expect(other).toBeLessThanOrEqual(0.16);
  });

  it('represents every reach tier after scoring', () => {
    expect(new Set(templates.map(tierOf))).toEqual(new Set(REACH_TIERS));
  });

  it('has about 60% everyday, 20% micro, 10% mid, 7% macro and 3% mega authors', () => {
    const target: Record<ReachTier, number> = { everyday: 0.6, micro: 0.2, mid: 0.1, macro: 0.07, mega: 0.03 };
    for (const tier of REACH_TIERS) {
      const got = share(templates.filter((t) => tierOf(t) === tier).length);
      expect(Math.abs(got - target[tier]), `${tier}: ${(got * 100).toFixed(1)}%`).toBeLessThanOrEqual(0.04);
    }
  });

  it('scores App Store reviewers by their helpfulness votes, up to mid', () => {
    const tiers = new Set(templates.filter((t) => t.channel === 'appstore').map(tierOf));
    expect(tiers).toEqual(new Set(['everyday', 'micro', 'mid']));
  });

  it('shows every reach tier in what the demo source actually plays', async () => {
    const source = createDemoSource({ id: 'demo', backlog: templates.length, limit: templates.length }, loadDemoTemplates(PATH));
    const ctx = { cursor: undefined, signal: new AbortController().signal, now: () => new Date('2026-11-23T09:00:00Z'), log: createLogger('demo-data-test') };
    const { mentions } = await source.poll(ctx);
    expect(mentions).toHaveLength(templates.length);
    expect(new Set(mentions.map((m) => scoreReach(m.reachInputs, m.channel).tier))).toEqual(new Set(REACH_TIERS));
  });
});
