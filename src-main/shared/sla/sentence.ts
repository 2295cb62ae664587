/**
 * The fairness figures in one plain sentence a team lead can paste into a review (USERS.md, Priya):
 * "Customers with under 1,000 followers waited 1.9x longer than those with 100,000 to 1,000,000
 * (90% interval 1.4 to 2.6; 1,212 and 88 answered mentions)". Tiers are named by their audience
 * bounds (INTERFACES.md "reach.tier"), never by the internal tier names.
 */
import { REACH_TIERS, type ReachTier } from '../mention';
import { GROUP_NOUN, groupPhrase, type GroupBy } from './groups';

/** What each tier means in followers (estimated audience), for people who never saw the tier names. */
export const TIER_AUDIENCE: Record<ReachTier, string> = {
  everyday: 'under 1,000',
  micro: '1,000 to 10,000',
  mid: '10,000 to 100,000',
  macro: '100,000 to 1,000,000',
  mega: '1,000,000 or more',
};

const count = (n: number): string => n.toLocaleString('en-US');
const oneDecimal = (x: number): string => x.toFixed(1);

export interface SentenceInput {
  ratio: number | null;
  ci: [number, number] | null;
  slowest: ReachTier | null;
  fastest: ReachTier | null;
  /** Answered mentions per tier: what each median rests on. */
  answered: Record<ReachTier, number>;
  minAnswered: number;
}

export function fairnessSentence(s: SentenceInput): string {
  if (s.ratio === null || s.ci === null || s.slowest === null || s.fastest === null) {
    const have = REACH_TIERS.filter((t) => s.answered[t] > 0).map((t) => `${TIER_AUDIENCE[t]} followers: ${count(s.answered[t])}`);
    return (
      `Not enough answered mentions to compare reach tiers yet: a tier needs at least ${s.minAnswered}, and two tiers must have them` +
      (have.length > 0 ? ` (${have.join('; ')}).` : ' (none answered so far).')
    );
  }
  const interval = `90% interval ${oneDecimal(s.ci[0])} to ${oneDecimal(s.ci[1])}`;
  const sizes = `${count(s.answered[s.slowest])} and ${count(s.answered[s.fastest])} answered mentions`;
  const who = `Customers with ${TIER_AUDIENCE[s.slowest]} followers`;
  const than = `those with ${TIER_AUDIENCE[s.fastest]}`;
  if (oneDecimal(s.ratio) === '1.0') return `${who} waited about as long as ${than} (1.0x; ${interval}; ${sizes})`;
  return `${who} waited ${oneDecimal(s.ratio)}x longer than ${than} (${interval}; ${sizes})`;
}

export interface GroupSentenceInput {
  ratio: number | null;
  ci: [number, number] | null;
  slowest: string | null;
  fastest: string | null;
  /** Answered mentions per group, in the report's group order. */
  answered: ReadonlyMap<string, number>;
  minAnswered: number;
}

/**
 * The same sentence over any grouping (`--by`): "Customers writing in Spanish waited 1.8x longer
 * than those writing in English (90% interval 1.3 to 2.4; 40 and 260 answered mentions)". By tier
 * it is exactly fairnessSentence's.
 */
export function groupSentence(by: GroupBy, s: GroupSentenceInput): string {
  if (by === 'tier') {
    const answered = Object.fromEntries(REACH_TIERS.map((t) => [t, s.answered.get(t) ?? 0])) as Record<ReachTier, number>;
    return fairnessSentence({ ...s, slowest: s.slowest as ReachTier | null, fastest: s.fastest as ReachTier | null, answered });
  }
  if (s.ratio === null || s.ci === null || s.slowest === null || s.fastest === null) {
    const have = [...s.answered].filter(([, n]) => n > 0).map(([k, n]) => `${k}: ${count(n)}`);
    return (
      `Not enough answered mentions to compare ${GROUP_NOUN[by]} yet: a group needs at least ${s.minAnswered}, and two groups must have them` +
      (have.length > 0 ? ` (${have.join('; ')}).` : ' (none answered so far).')
    );
  }
  const interval = `90% interval ${oneDecimal(s.ci[0])} to ${oneDecimal(s.ci[1])}`;
  const sizes = `${count(s.answered.get(s.slowest) ?? 0)} and ${count(s.answered.get(s.fastest) ?? 0)} answered mentions`;
  const who = `Customers ${groupPhrase(by, s.slowest)}`;
  const than = `those ${groupPhrase(by, s.fastest)}`;
  if (oneDecimal(s.ratio) === '1.0') return `${who} waited about as long as ${than} (1.0x; ${interval}; ${sizes})`;
  return `${who} waited ${oneDecimal(s.ratio)}x longer than ${than} (${interval}; ${sizes})`;
}
