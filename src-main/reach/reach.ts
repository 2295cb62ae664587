/**
 * Reach: who is this author, and what is at stake? A deterministic score 0..100 and a tier per author
 * and channel. The reasoning is in README.md beside this file. Reach informs the agent and the
 * reports; it never changes a due time or the order of the queue.
 */
import type { Channel, ReachInputs, ReachTier } from '../shared/mention';

export interface ReachResult {
  score: number;
  tier: ReachTier;
  /** Estimated audience: the people who may see what this author says about us. */
  audience: number;
}

/** Tier thresholds by estimated audience (INTERFACES.md). Fixed, so reports compare across months. */
export const TIER_FLOORS: ReadonlyArray<readonly [ReachTier, number]> = [
  ['mega', 1_000_000],
  ['macro', 100_000],
  ['mid', 10_000],
  ['micro', 1_000],
  ['everyday', 0],
];

export function tierFor(audience: number): ReachTier {
  for (const [tier, floor] of TIER_FLOORS) if (audience >= floor) return tier;
  return 'everyday';
}

/** log10(1 + x) scaled so `full` reaches 1, capped at 1: a bounded bonus that grows ever more slowly. */
function bounded(x: number | undefined, full: number): number {
  if (!x || !Number.isFinite(x) || x <= 0) return 0;
  return Math.min(1, Math.log10(1 + x) / Math.log10(1 + full));
}

const safe = (x: number | null | undefined): number => (x !== null && x !== undefined && Number.isFinite(x) && x > 0 ? x : 0);

/** Points on the log scale: 9 "decades" make 100 (a billion followers would be the ceiling). */
const DECADES_FOR_FULL_SCORE = 9;

export function scoreReach(inputs: ReachInputs, _channel: Channel): ReachResult {
  const followers = safe(inputs.followers);
  const hasOwnAudience = inputs.followers !== null && inputs.followers !== undefined;
  // Without an audience of their own (reviews, forum posts), the channel's audience is what a post
  // can reach, discounted: a review on a store page is seen by far fewer than the store's visitors.
  const audience = hasOwnAudience ? followers : Math.round(safe(inputs.channelAudience) * 0.01);

  let decades = Math.log10(1 + audience);
  // Authority and engagement: bounded bonuses (at most half a decade each), so one viral post or a
  // list-farming account cannot outrank a genuinely larger audience by much.
  decades += 0.5 * bounded(inputs.listed, 10_000);
  decades += 0.5 * bounded(inputs.engagement, 10_000);
  // Verification is a small, fixed bump: it says the account is who it claims, not that it is big.
  if (inputs.verified) decades += 0.3;
  // Feed authors: helpfulness votes and history with us are what the channel offers.
  decades += 0.75 * bounded(inputs.helpfulVotes, 1_000);
  decades += 0.25 * bounded(inputs.history, 50);

  const score = Math.max(0, Math.min(100, Math.round((decades / DECADES_FOR_FULL_SCORE) * 100)));
  return { score, tier: tierFor(audience), audience };
}
