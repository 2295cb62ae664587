/**
 * Reach scoring (src-main/reach/README.md): the X fixture authors as a table, the fixed tier
 * boundaries, feed authors without a follower count, and the properties that must hold for any input.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFixtureJson } from '../../fixtures';
import { CHANNELS, REACH_TIERS, type Channel, type ReachInputs, type ReachTier } from '../../../src-main/shared/mention';
import { scoreReach, tierFor, READERS_PER_VOTE, VOTES_COUNTED } from '../../../src-main/reach/reach';

// ---- the X fixture authors ----------------------------------------------------------------------

interface FixtureUser {
  id: string;
  username: string;
  verified?: boolean;
  verified_type?: string;
  public_metrics: { followers_count: number; listed_count: number };
}
interface FixturePost {
  id: string;
  author_id: string;
  public_metrics?: { like_count?: number; retweet_count?: number; reply_count?: number; quote_count?: number };
}
interface FixturePage {
  data?: FixturePost[];
  includes?: { users?: FixtureUser[] };
}

/**
 * Every author in the fixtures' includes.users, with the ReachInputs the X source gives them:
 * followers, listed, verified (legacy or any verified_type), and engagement averaged over their posts.
 */
function fixtureAuthors(): Map<string, ReachInputs> {
  const users = new Map<string, FixtureUser>();
  const posts = new Map<string, FixturePost>();
  for (const file of ['mentions-page1.json', 'mentions-page2.json', 'search-recent.json']) {
    const page = readFixtureJson<FixturePage>('x', file);
    for (const u of page.includes?.users ?? []) users.set(u.id, u);
    for (const p of page.data ?? []) posts.set(p.id, p);
  }
  const out = new Map<string, ReachInputs>();
  for (const u of users.values()) {
    const mine = [...posts.values()].filter((p) => p.author_id === u.id);
    const total = mine.reduce((sum, p) => {
      const m = p.public_metrics ?? {};
      return sum + (m.like_count ?? 0) + (m.retweet_count ?? 0) + (m.reply_count ?? 0) + (m.quote_count ?? 0);
    }, 0);
    out.set(u.username, {
      followers: u.public_metrics.followers_count,
      listed: u.public_metrics.listed_count,
      verified: u.verified === true || (u.verified_type !== undefined && u.verified_type !== 'none'),
      engagement: mine.length > 0 ? total / mine.length : 0,
    });
  }
  return out;
}

const AUTHORS = fixtureAuthors();

// [username, followers (as a check on the fixture), tier, lowest score, highest score]
const FIXTURE_TABLE: Array<[string, number, ReachTier, number, number]> = [
  ['ola_travels', 0, 'everyday', 0, 0],
  ['rt_machine_4431', 3, 'everyday', 4, 8],
  ['lucia_p', 9, 'everyday', 8, 11],
  ['danawhit', 212, 'everyday', 23, 29],
  ['priyan', 640, 'everyday', 26, 32],
  ['nowifi', 1_020, 'micro', 29, 35],
  ['samoneil', 15_400, 'mid', 44, 50],
  ['fff', 48_200, 'mid', 52, 58],
  ['marcoreyes', 2_104_332, 'mega', 80, 86],
];

describe('reach of the X fixture authors', () => {
  it('covers every author in the fixtures, and only them', () => {
    expect([...AUTHORS.keys()].sort()).toEqual(FIXTURE_TABLE.map(([name]) => name).sort());
  });

  it.each(FIXTURE_TABLE)('%s (%i followers) is %s with a score from %i to %i', (username, followers, tier, lo, hi) => {
    const inputs = AUTHORS.get(username)!;
    expect(inputs.followers).toBe(followers);
    const r = scoreReach(inputs, 'x');
    expect(r.tier).toBe(tier);
    expect(r.audience).toBe(followers);
    expect(r.score).toBeGreaterThanOrEqual(lo);
    expect(r.score).toBeLessThanOrEqual(hi);
  });

  it('the 9-follower author is everyday and the 2.1 M one mega', () => {
    expect(scoreReach(AUTHORS.get('lucia_p')!, 'x').tier).toBe('everyday');
    expect(scoreReach(AUTHORS.get('marcoreyes')!, 'x').tier).toBe('mega');
  });

  it('orders the fixture authors by follower count', () => {
    const scores = FIXTURE_TABLE.map(([name]) => scoreReach(AUTHORS.get(name)!, 'x').score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('an X author whose account is gone (no follower count) is everyday with score 0', () => {
    expect(scoreReach({ followers: null }, 'x')).toEqual({ score: 0, tier: 'everyday', audience: 0 });
  });
});

// ---- fixed tier boundaries ----------------------------------------------------------------------

describe('tier boundaries by audience', () => {
  it.each([
    [0, 'everyday'],
    [999, 'everyday'],
    [1_000, 'micro'],
    [9_999, 'micro'],
    [10_000, 'mid'],
    [99_999, 'mid'],
    [100_000, 'macro'],
    [999_999, 'macro'],
    [1_000_000, 'mega'],
    [300_000_000, 'mega'],
  ] as const)('%i followers is %s', (followers, tier) => {
    expect(tierFor(followers)).toBe(tier);
    const r = scoreReach({ followers }, 'x');
    expect(r).toMatchObject({ tier, audience: followers });
  });

  it('a fraction of a follower below a threshold stays below it', () => {
    expect(scoreReach({ followers: 999.9 }, 'x')).toMatchObject({ tier: 'everyday', audience: 999 });
  });

  it('the score around each boundary: about 9.5 points a decade, 76 at 100 million', () => {
    const at = (followers: number): number => scoreReach({ followers }, 'x').score;
    expect([at(999), at(1_000)]).toEqual([28, 29]);
    expect([at(9_999), at(10_000)]).toEqual([38, 38]);
    expect([at(99_999), at(100_000)]).toEqual([47, 48]);
    expect([at(999_999), at(1_000_000)]).toEqual([57, 57]);
    expect(at(100_000_000)).toBe(76);
  });

  it('tierFor puts NaN and negatives in everyday', () => {
    expect(tierFor(Number.NaN)).toBe('everyday');
    expect(tierFor(-5)).toBe('everyday');
  });
});

// ---- the other X terms --------------------------------------------------------------------------

describe('listed count, engagement and verification', () => {
  const base: ReachInputs = { followers: 5_000 };

  it('move the score but never the tier', () => {
    const plain = scoreReach(base, 'x');
    const loud = scoreReach({ ...base, listed: 50_000, engagement: 2_000_000, verified: true }, 'x');
    expect(loud.tier).toBe(plain.tier);
    expect(loud.audience).toBe(plain.audience);
    expect(loud.score - plain.score).toBe(24);
  });

  it('cap engagement: a viral post adds at most 10 points', () => {
    const a = scoreReach({ ...base, engagement: 10_000 }, 'x').score;
    const b = scoreReach({ ...base, engagement: 5_000_000 }, 'x').score;
    expect(b).toBe(a);
    expect(a - scoreReach(base, 'x').score).toBe(10);
  });

  it('verification is a small bump of 4', () => {
    expect(scoreReach({ ...base, verified: true }, 'x').score - scoreReach(base, 'x').score).toBe(4);
  });

  it('a maxed-out account scores exactly 100', () => {
    expect(scoreReach({ followers: 200_000_000, listed: 20_000, engagement: 50_000, verified: true }, 'x').score).toBe(100);
  });
});

// ---- feed authors (followers null) ---------------------------------------------------------------

describe('authors without a follower count', () => {
  it('with no signal at all are everyday with score 0, on every channel', () => {
    for (const channel of CHANNELS) expect(scoreReach({ followers: null }, channel)).toEqual({ score: 0, tier: 'everyday', audience: 0 });
  });

  it('App Store reviews: each helpfulness vote stands for 20 readers', () => {
    expect(READERS_PER_VOTE).toBe(20);
    expect(scoreReach({ followers: null, helpfulVotes: 49 }, 'appstore')).toMatchObject({ tier: 'everyday', audience: 980 });
    expect(scoreReach({ followers: null, helpfulVotes: 50 }, 'appstore')).toMatchObject({ tier: 'micro', audience: 1_000 });
    expect(scoreReach({ followers: null, helpfulVotes: 600 }, 'appstore')).toMatchObject({ tier: 'mid', audience: 12_000 });
  });

  it('a review scores like an account with the same audience', () => {
    expect(scoreReach({ followers: null, helpfulVotes: 50 }, 'appstore').score).toBe(scoreReach({ followers: 1_000 }, 'x').score);
  });

  it('one review, however helpful, makes its author mid at most', () => {
    const capped = scoreReach({ followers: null, helpfulVotes: VOTES_COUNTED }, 'appstore');
    expect(capped).toMatchObject({ tier: 'mid', audience: 50_000 });
    expect(scoreReach({ followers: null, helpfulVotes: 1_000_000 }, 'appstore')).toEqual(capped);
  });

  it('helpfulness votes do not count where the channel gives followers', () => {
    expect(scoreReach({ followers: 300, helpfulVotes: 5_000 }, 'mastodon')).toEqual(scoreReach({ followers: 300 }, 'mastodon'));
  });

  it('a community post reaches 1% of the channel audience', () => {
    expect(scoreReach({ followers: null, channelAudience: 2_400_000 }, 'reddit')).toMatchObject({ tier: 'mid', audience: 24_000 });
    expect(scoreReach({ followers: null, channelAudience: 50_000 }, 'hackernews')).toMatchObject({ tier: 'everyday', audience: 500 });
  });

  it('a publication found by Google Alerts or a feed reaches its whole audience', () => {
    expect(scoreReach({ followers: null, channelAudience: 3_000_000 }, 'google-alerts')).toMatchObject({ tier: 'mega', audience: 3_000_000 });
    expect(scoreReach({ followers: null, channelAudience: 40_000 }, 'feed')).toMatchObject({ tier: 'mid', audience: 40_000 });
  });

  it('votes and channel audience add up', () => {
    expect(scoreReach({ followers: null, helpfulVotes: 10, channelAudience: 80_000 }, 'appstore').audience).toBe(200 + 800);
  });

  it('history with us raises the score, 2 points for the first earlier message up to 8, never the tier', () => {
    const at = (history: number) => scoreReach({ followers: null, history }, 'reddit');
    expect([0, 1, 3, 15, 400].map((h) => at(h).score)).toEqual([0, 2, 4, 8, 8]);
    expect(at(400).tier).toBe('everyday');
  });

  it('history is not counted where the channel gives followers', () => {
    expect(scoreReach({ followers: 120, history: 9 }, 'x')).toEqual(scoreReach({ followers: 120 }, 'x'));
  });
});

// ---- properties ----------------------------------------------------------------------------------

const RANK: Record<ReachTier, number> = Object.fromEntries(REACH_TIERS.map((t, i) => [t, i])) as Record<ReachTier, number>;

const count = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });
const channel = fc.constantFrom<Channel>(...CHANNELS);
const inputs = fc.record({
  followers: fc.option(fc.integer({ min: 0, max: 400_000_000 }), { nil: null }),
  listed: count(2_000_000),
  engagement: count(20_000_000),
  verified: fc.option(fc.boolean(), { nil: undefined }),
  helpfulVotes: count(200_000),
  channelAudience: count(50_000_000),
  history: count(5_000),
});

/** Anything a buggy source might hand over, typed or not: NaN, infinities, negatives, fractions. */
const wild = fc.oneof(fc.double(), fc.constant(undefined), fc.constant(Number.POSITIVE_INFINITY), fc.constant(Number.NaN));
const wildInputs = fc.record({
  followers: fc.oneof(fc.double(), fc.constant(null)),
  listed: wild,
  engagement: wild,
  verified: fc.option(fc.boolean(), { nil: undefined }),
  helpfulVotes: wild,
  channelAudience: wild,
  history: wild,
}) as fc.Arbitrary<ReachInputs>;

const noLower = (a: { score: number; tier: ReachTier }, b: { score: number; tier: ReachTier }): boolean =>
  b.score >= a.score && RANK[b.tier] >= RANK[a.tier];

describe('reach properties', () => {
  it('more followers never lower the score or the tier, all else equal', () => {
    fc.assert(
      fc.property(inputs, channel, fc.integer({ min: 0, max: 400_000_000 }), fc.integer({ min: 1, max: 400_000_000 }), (i, ch, from, more) => {
        return noLower(scoreReach({ ...i, followers: from }, ch), scoreReach({ ...i, followers: from + more }, ch));
      }),
      { numRuns: 3_000 },
    );
  });

  it('more listed, engagement, votes, history or channel audience never lower the score or the tier', () => {
    const keys = ['listed', 'engagement', 'helpfulVotes', 'history', 'channelAudience'] as const;
    fc.assert(
      fc.property(inputs, channel, fc.constantFrom(...keys), fc.integer({ min: 1, max: 10_000_000 }), (i, ch, key, more) => {
        return noLower(scoreReach(i, ch), scoreReach({ ...i, [key]: (i[key] ?? 0) + more }, ch));
      }),
      { numRuns: 3_000 },
    );
  });

  it('verification never lowers the score or the tier', () => {
    fc.assert(fc.property(inputs, channel, (i, ch) => noLower(scoreReach({ ...i, verified: false }, ch), scoreReach({ ...i, verified: true }, ch))));
  });

  it('with a follower count, the tier is the follower count’s whatever the other inputs', () => {
    fc.assert(
      fc.property(inputs, channel, fc.integer({ min: 0, max: 400_000_000 }), (i, ch, followers) => {
        const r = scoreReach({ ...i, followers }, ch);
        return r.audience === followers && r.tier === tierFor(followers);
      }),
    );
  });

  it('the score is an integer in 0..100, the audience a whole number, the tier tierFor(audience), for any input', () => {
    fc.assert(
      fc.property(fc.oneof(inputs, wildInputs), channel, (i, ch) => {
        const r = scoreReach(i, ch);
        return (
          Number.isInteger(r.score) &&
          r.score >= 0 &&
          r.score <= 100 &&
          Number.isSafeInteger(r.audience) &&
          r.audience >= 0 &&
          r.tier === tierFor(r.audience)
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('is deterministic: the same inputs give the same result', () => {
    fc.assert(fc.property(fc.oneof(inputs, wildInputs), channel, (i, ch) => JSON.stringify(scoreReach(i, ch)) === JSON.stringify(scoreReach({ ...i }, ch))));
  });
});
