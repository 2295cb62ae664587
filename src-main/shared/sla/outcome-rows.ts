/**
 * The mentions' outcomes as the fairness report reads them (fairness.ts fairnessOfRows): one field
 * at a time by row (OutcomeRows), or a chunk of rows' fields at once as numbers (RowFields), from the
 * outcome objects evaluateMentions gives or from the report screen's columns
 * (src-renderer/reports/facts-report.ts), so both give their report through the very same code.
 */
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../mention';
import type { EvaluatedLog } from './outcomes';

/** What Tally.count is told of a mention besides its skips, as bits (also RowFields.flags). */
export const ANSWERED = 1;
export const BREACHED = 2;
export const PAST_DUE = 4;

export const flagsOf = (answered: boolean, breached: boolean, pastDue: boolean): number => (answered ? ANSWERED : 0) | (breached ? BREACHED : 0) | (pastDue ? PAST_DUE : 0);

/** The rows fairnessOfRows reads, over outcomes as evaluateMentions gives them. */
export function outcomeRowsOf(outcomes: EvaluatedLog['outcomes']): OutcomeRows {
  const agentKeys = new Map<string | null, number>();
  return {
    length: outcomes.length,
    tier: (k) => outcomes[k]!.tier,
    channel: (k) => outcomes[k]!.channel,
    agent: (k) => outcomes[k]!.agent,
    tierIndex: (k) => REACH_TIERS.indexOf(outcomes[k]!.tier),
    channelIndex: (k) => CHANNELS.indexOf(outcomes[k]!.channel),
    agentKey: (k) => {
      const a = outcomes[k]!.agent;
      let key = agentKeys.get(a);
      if (key === undefined) agentKeys.set(a, (key = agentKeys.size));
      return key;
    },
    clockStartMs: (k) => outcomes[k]!.clockStartMs,
    minutes: (k) => outcomes[k]!.firstResponseMinutes,
    breached: (k) => outcomes[k]!.breached,
    pastDue: (k) => outcomes[k]!.unansweredPastDue,
    skips: (k) => outcomes[k]!.skips,
    policyIndex: (k) => outcomes[k]!.policyIndex,
    groups: (k) => outcomes[k]!.groups,
  };
}

/**
 * Mentions' outcomes read one field at a time, by row: the outcome objects, or the report screen's
 * columns (src-renderer/reports), so both give their report through the very same code.
 */
export interface OutcomeRows {
  readonly length: number;
  tier(k: number): ReachTier;
  channel(k: number): Channel;
  agent(k: number): string | null;
  /** The tier's place in REACH_TIERS (any other number: not a known tier). */
  tierIndex(k: number): number;
  /** The channel's place in CHANNELS (any other number: a channel not listed). */
  channelIndex(k: number): number;
  /** A small whole number >= 0 for the row's agent: the same for rows with the same agent, and for no others. */
  agentKey(k: number): number;
  clockStartMs(k: number): number;
  /** First response in minutes; null when unanswered. */
  minutes(k: number): number | null;
  breached(k: number): boolean;
  pastDue(k: number): boolean;
  skips(k: number): number;
  policyIndex(k: number): number;
  /** With `by`: the groups the row counts in. */
  groups(k: number): readonly string[] | undefined;
  /**
   * The fields the report counts of rows order[from..to), as numbers, into `into` from index 0,
   * with no call per row (optional: else they are read through the methods above, fillFields).
   */
  fill?(order: ArrayLike<number>, from: number, to: number, into: RowFields): void;
}

/**
 * A chunk of rows' fields as numbers: tierIndex, channelIndex, agentKey, clockStartMs; `minutes`
 * where `flags` has ANSWERED (other bits: BREACHED, PAST_DUE); skips, policyIndex.
 */
export interface RowFields {
  tier: Int32Array;
  channel: Int32Array;
  agent: Int32Array;
  clockStartMs: Float64Array;
  minutes: Float64Array;
  flags: Uint8Array;
  skips: Int32Array;
  policyIndex: Int32Array;
}

export function rowFields(size: number): RowFields {
  return { tier: new Int32Array(size), channel: new Int32Array(size), agent: new Int32Array(size), clockStartMs: new Float64Array(size), minutes: new Float64Array(size), flags: new Uint8Array(size), skips: new Int32Array(size), policyIndex: new Int32Array(size) };
}

/** OutcomeRows.fill through the row's methods. */
export function fillFields(rows: OutcomeRows, order: ArrayLike<number>, from: number, to: number, into: RowFields): void {
  for (let j = from; j < to; j++) {
    const k = order[j]!;
    const x = j - from;
    const minutes = rows.minutes(k);
    into.tier[x] = rows.tierIndex(k);
    into.channel[x] = rows.channelIndex(k);
    into.agent[x] = rows.agentKey(k);
    into.clockStartMs[x] = rows.clockStartMs(k);
    into.minutes[x] = minutes ?? 0;
    into.flags[x] = flagsOf(minutes !== null, rows.breached(k), rows.pastDue(k));
    into.skips[x] = rows.skips(k);
    into.policyIndex[x] = rows.policyIndex(k);
  }
}
