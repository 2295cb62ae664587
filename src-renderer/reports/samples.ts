/**
 * How the report speaks about sample size: every group is shown, however small, with its n beside
 * it; below the minimum the fairness ratio uses, a figure is marked "too few to judge", and below
 * SMALL_SAMPLE "small sample", so a median of three replies is never read as a finding.
 */
import type { ReachTier } from '../../src-main/shared/mention';
import { MIN_ANSWERED_FOR_RATIO } from '../../src-main/shared/sla/fairness';
import { TIER_AUDIENCE } from '../../src-main/shared/sla/sentence';

export const SMALL_SAMPLE = 30;

export const isTooFew = (n: number): boolean => n < MIN_ANSWERED_FOR_RATIO;
export const isSmall = (n: number): boolean => n < SMALL_SAMPLE;

/** "" for a sample big enough; otherwise what to say next to the figure. */
export function sampleNote(n: number): string {
  if (n === 0) return 'none answered';
  if (isTooFew(n)) return `n=${n}, too few to judge`;
  if (isSmall(n)) return `n=${n}, small sample`;
  return '';
}

/** Tier names as the report writes them: the audience, since nobody outside the app knows "micro". */
export const TIER_SHORT: Record<ReachTier, string> = {
  everyday: '<1k followers',
  micro: '1k–10k',
  mid: '10k–100k',
  macro: '100k–1M',
  mega: '1M+',
};

export function tierTitle(t: ReachTier): string {
  return `${t} (${TIER_AUDIENCE[t]} followers)`;
}
