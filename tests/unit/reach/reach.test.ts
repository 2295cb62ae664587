import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { scoreReach, tierFor } from '../../../src-main/reach/reach';
import { readFixtureJson } from '../../fixtures';
import type { ReachTier } from '../../../src-main/shared/mention';

interface XUser {
  id: string;
  username: string;
  verified?: boolean;
  public_metrics?: { followers_count: number; listed_count: number };
}

const fixtureUsers = new Map<string, XUser>();
for (const f of ['mentions-page1.json', 'mentions-page2.json', 'search-recent.json']) {
  const page = readFixtureJson<{ includes?: { users?: XUser[] } }>('x', f);
  for (const u of page.includes?.users ?? []) fixtureUsers.set(u.username, u);
}

// [username, tier, lowest score, highest score]
const TABLE: Array<[string, ReachTier, number, number]> = [
  ['lucia_p', 'everyday', 0, 15], // 9 followers
  ['ola_travels', 'everyday', 0, 2], // 0 followers
  ['rt_machine_4431', 'everyday', 0, 10],
  ['danawhit', 'everyday', 20, 32], // 212
  ['priyan', 'everyday', 25, 36], // 640
  ['nowifi', 'micro', 30, 40], // 1,020
  ['samoneil', 'mid', 45, 60], // 15,400
  ['fff', 'mid', 50, 65], // 48,200
  ['marcoreyes', 'mega', 75, 95], // 2.1 M, verified, 8,410 lists
];

describe('reach: the fixture authors', () => {
  it.each(TABLE)('%s is %s with a score in [%i, %i]', (username, tier, lo, hi) => {
    const u = fixtureUsers.get(username);
    expect(u, `fixture author ${username}`).toBeDefined();
    const r = scoreReach(
      { followers: u!.public_metrics!.followers_count, listed: u!.public_metrics!.listed_count, verified: Boolean(u!.verified) },
      'x',
    );
    expect(r.tier).toBe(tier);
    expect(r.score).toBeGreaterThanOrEqual(lo);
    expect(r.score).toBeLessThanOrEqual(hi);
  });
});

describe('reach: tiers by estimated audience', () => {
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
    [250_000_000, 'mega'],
  ] as const)('%i followers is %s', (followers, tier) => {
    expect(tierFor(followers)).toBe(tier);
    expect(scoreReach({ followers }, 'x').tier).toBe(tier);
  });

  it('feed authors without a follower count are everyday unless the channel says otherwise', () => {
    expect(scoreReach({ followers: null }, 'appstore')).toEqual({ score: 0, tier: 'everyday', audience: 0 });
    const helpful = scoreReach({ followers: null, helpfulVotes: 300 }, 'appstore');
    expect(helpful.tier).toBe('everyday');
    expect(helpful.score).toBeGreaterThan(0);
    expect(scoreReach({ followers: null, channelAudience: 5_000_000 }, 'reddit').tier).toBe('mid');
  });
});

const inputs = fc.record({
  followers: fc.integer({ min: 0, max: 500_000_000 }),
  listed: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
  engagement: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
  verified: fc.option(fc.boolean(), { nil: undefined }),
  helpfulVotes: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
  history: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: undefined }),
});

const TIER_RANK: Record<ReachTier, number> = { everyday: 0, micro: 1, mid: 2, macro: 3, mega: 4 };

describe('reach: properties', () => {
  it('more followers never lowers the score or the tier', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 100_000_000 }), (i, more) => {
        const a = scoreReach(i, 'x');
        const b = scoreReach({ ...i, followers: i.followers + more }, 'x');
        return b.score >= a.score && TIER_RANK[b.tier] >= TIER_RANK[a.tier];
      }),
      { numRuns: 2000 },
    );
  });

  it('more listed, engagement or helpfulness votes never lowers the score', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('listed', 'engagement', 'helpfulVotes', 'history'), (i, more, key) => {
        const a = scoreReach(i, 'x');
        const b = scoreReach({ ...i, [key]: (i[key] ?? 0) + more }, 'x');
        return b.score >= a.score && b.tier === a.tier;
      }),
    );
  });

  it('is an integer in 0..100 and deterministic for any input', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const a = scoreReach(i, 'x');
        return Number.isInteger(a.score) && a.score >= 0 && a.score <= 100 && JSON.stringify(a) === JSON.stringify(scoreReach(i, 'x'));
      }),
    );
  });
});
