/**
 * Every captured real-world feed (../shared/fixtures/feeds/real-world) goes through decode, parse
 * and normalise without a crash, gives mentions the poller accepts, and gives the same ids twice.
 */
import { describe, it, expect } from 'vitest';
import { MentionSchema } from '../../../src-main/shared/mention';
import { feedFailure } from '../../../src-main/sources/feed/feed-errors';
import { FeedParseError } from '../../../src-main/sources/feed/parse-feed';
import { feedFixtureNames, readFixtureFeed } from './helpers';

const FILES = feedFixtureNames('real-world');
/** Not a feed at all (an HTML "Document Moved" page): refused with words, not a crash. */
const NOT_A_FEED = new Set(['unrecognized.rss']);

describe('real-world feeds', () => {
  it('all 31 captured feeds are here', () => {
    expect(FILES).toHaveLength(31);
  });

  it.each(FILES.filter((f) => !NOT_A_FEED.has(f)))('%s parses, normalises and gives the same ids on a second run', async (file) => {
    const first = await readFixtureFeed('real-world', file, { fetchedAt: new Date('2026-11-21T09:00:00Z') });
    const second = await readFixtureFeed('real-world', file, { fetchedAt: new Date('2026-11-22T17:45:00Z') });
    expect(first.items.length).toBeGreaterThan(0);
    const ids = first.items.map((i) => i.mention.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.items.map((i) => i.mention.id)).toEqual(ids);
    for (const { mention } of first.items) {
      const { reachInputs, ...rest } = mention;
      expect(reachInputs.followers).toBeNull();
      // What the poller does with it: a mention that fails the schema would be dropped.
      const parsed = MentionSchema.safeParse({ ...rest, reach: { score: 0, tier: 'everyday' } });
      expect(parsed.success, `${mention.id}: ${parsed.error?.message}`).toBe(true);
      expect(mention.html ?? '').not.toMatch(/<script|<iframe|<img|<form|<style|\son\w+\s*=|javascript:|style=|class=/i);
      expect(mention.text).not.toMatch(/<\/?(p|div|span|a|br)\b[^>]*>/i);
    }
  });

  it.each([...NOT_A_FEED])('%s is refused as "not valid RSS or Atom", not a crash', async (file) => {
    const err = await readFixtureFeed('real-world', file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FeedParseError);
    const se = feedFailure(err, { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, nowMs: Date.now() });
    expect(se.state).toBe('error');
    expect(se.message).toBe('The feed is not valid RSS or Atom: the address returns a web page, not a feed.');
  });

  it('feeds with items lacking identity and date still give stable ids', async () => {
    for (const file of ['incomplete-fields.atom', 'missing-fields.atom']) {
      const a = await readFixtureFeed('real-world', file);
      const b = await readFixtureFeed('real-world', file);
      expect(a.items).toHaveLength(1);
      expect(b.items[0]!.mention.id).toBe(a.items[0]!.mention.id);
    }
    const incomplete = await readFixtureFeed('real-world', 'incomplete-fields.atom');
    expect(incomplete.items[0]!.key).toMatch(/^[0-9a-f]{16}$/);
  });
});
