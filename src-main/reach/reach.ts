/**
 * Reach: who is this author, and how many people may hear what they say about us? A deterministic
 * score 0..100 (log-scaled, like the old Klout score), an estimated audience, and the tier that the
 * audience falls in. The reasoning for every term and weight is in README.md beside this file.
 *
 * Reach informs the agent (who is this, what is at stake) and the fairness reports (do customers of
 * every tier get the same response time?). It never changes a due time or the order of the queue:
 * the SLA code reads the tier only to group the fairness report.
 */
import type { Channel, ReachInputs, ReachTier } from '../shared/mention';

export interface ReachResult {
  /** Integer 0..100. */
  score: number;
  /** From `audience` by the fixed thresholds of TIER_FLOORS. */
  tier: ReachTier;
  /** Estimated audience (a whole number of people): followers where the channel counts them. */
  audience: number;
}

/**
 * Lowest audience of each tier, largest first (INTERFACES.md "reach.tier"). Fixed, never tuned, so a
 * report from March compares with one from November.
 */
export const TIER_FLOORS: ReadonlyArray<readonly [ReachTier, number]> = [
  ['mega', 1_000_000],
  ['macro', 100_000],
  ['mid', 10_000],
  ['micro', 1_000],
  ['everyday', 0],
];

export function tierFor(audience: number): ReachTier {
  for (const [tier, floor] of TIER_FLOORS) if (audience >= floor) return tier;
  return 'everyday'; // NaN and negatives: nobody is listening that we know of
}

// ---- audience ---------------------------------------------------------------------------------

/** Readers a review stands for per helpfulness vote: most readers never vote (an estimate). */
export const READERS_PER_VOTE = 20;
/** Votes counted towards the audience: one review, however helpful, makes its author `mid` at most. */
export const VOTES_COUNTED = 2_500;

/**
 * Share of a channel's own audience (`channelAudience`) that one post by an author with no audience
 * of their own reaches. Where the author is the publication itself (a site found by Google Alerts, a
 * blog's feed), its readers are the audience; on a community site (a subreddit, an app's store
 * page), a post is seen by a small share of the members.
 */
const CHANNEL_SHARE: Record<Channel, number> = {
  x: 0.01,
  appstore: 0.01,
  reddit: 0.01,
  mastodon: 0.01,
  hackernews: 0.01,
  'google-alerts': 1,
  feed: 1,
  demo: 0.01,
};

/** A count from the network: anything not a positive number (undefined, NaN, negative) is 0. */
function count(x: number | null | undefined): number {
  return typeof x === 'number' && x > 0 ? Math.min(x, Number.MAX_SAFE_INTEGER) : 0;
}

function estimateAudience(inputs: ReachInputs, channel: Channel): number {
  // Where the channel counts followers, that count is the audience, and nothing else moves the
  // tier: the fairness report names tiers in followers ("customers with under 1,000 followers").
  if (inputs.followers !== null && inputs.followers !== undefined) return Math.floor(count(inputs.followers));
  const voters = Math.min(count(inputs.helpfulVotes), VOTES_COUNTED) * READERS_PER_VOTE;
  const borrowed = count(inputs.channelAudience) * (CHANNEL_SHARE[channel] ?? 0.01);
  return Math.floor(Math.min(voters + borrowed, Number.MAX_SAFE_INTEGER));
}

// ---- score ------------------------------------------------------------------------------------

/**
 * Points per term. The audience carries most of the score; the rest are bounded bonuses, so no bonus
 * can make up more than about one decade of audience (76 / 8 = 9.5 points a decade).
 */
export const REACH_POINTS = {
  /** log10(1 + audience), full at 100 million (8 decades). */
  audience: 76,
  /** Lists others put the author on: authority. Full at 10,000. */
  listed: 10,
  /** Engagements per post: whether anyone listens. Full at 10,000, capped beyond. */
  engagement: 10,
  /** A small fixed bump: the account is who it says it is. */
  verified: 4,
  /** Earlier messages to us, only for authors without a follower count. Full at 15. */
  history: 8,
} as const;

/** log10(1 + x) as a share of log10(1 + full), capped at 1: grows by orders of magnitude, then stops. */
function decadesShare(x: number, full: number): number {
  if (x <= 0) return 0;
  return Math.min(1, Math.log10(1 + x) / Math.log10(1 + full));
}

export function scoreReach(inputs: ReachInputs, channel: Channel): ReachResult {
  const audience = estimateAudience(inputs, channel);
  const hasFollowerCount = inputs.followers !== null && inputs.followers !== undefined;

  let points = REACH_POINTS.audience * decadesShare(audience, 100_000_000);
  points += REACH_POINTS.listed * decadesShare(count(inputs.listed), 10_000);
  points += REACH_POINTS.engagement * decadesShare(count(inputs.engagement), 10_000);
  if (inputs.verified === true) points += REACH_POINTS.verified;
  // History with us stands in for a following only where the channel gives no count: a reviewer or
  // a redditor who keeps writing to us is a voice we know, even with no followers to show.
  if (!hasFollowerCount) points += REACH_POINTS.history * decadesShare(count(inputs.history), 15);

  const score = Math.max(0, Math.min(100, Math.round(points)));
  return { score, tier: tierFor(audience), audience };
}
