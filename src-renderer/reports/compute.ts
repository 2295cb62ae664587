/**
 * The report screen's numbers, from an event log: the fairness report itself (computeFairness, the
 * same function `npm run fairness` calls), plus what the charts and the skip table need beside it.
 * Pure: no Dexie, no DOM, so it runs the same in the report worker, on the main thread and in tests.
 *
 * The report is computed over exactly the events the export writes (the chosen mentions and their
 * events, with no filter left for computeFairness to apply), so the exported log run through the
 * command gives the same JSON.
 */
import { REACH_TIERS, type ReachTier } from '../../src-main/shared/mention';
import type { LogEvent } from '../../src-main/shared/events';
import { DEFAULT_POLICY, type PolicyVersion, type SlaPolicy } from '../../src-main/shared/sla/policy';
import { computeFairness, NO_AGENT, type FairnessReport } from '../../src-main/shared/sla/fairness';
import type { OutcomeRows } from '../../src-main/shared/sla/outcome-rows';
import { evaluateMentions, type MentionOutcome } from '../../src-main/shared/sla/outcomes';
import { medianOfSorted, nearestRankIndex, nearestRankOfSorted } from '../../src-main/shared/sla/stats';
import { hasNaN, valuesAtRanks } from '../../src-main/shared/sla/select';

export interface PolicyInput {
  /** In force before the first saved version. */
  base: SlaPolicy;
  changes: PolicyVersion[];
}

export interface TierBox {
  tier: ReachTier;
  n: number;
  /** Nearest-rank percentiles (the median as the report defines it), in minutes; null when n = 0. */
  p10: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  p90: number | null;
}

export interface SkipSummary {
  total: number;
  byAgent: Array<{
    agent: string;
    skips: number;
    reasons: Record<string, number>;
    /** Reach tiers of the mentions passed over, and of the ones taken instead. */
    passedOver: Partial<Record<ReachTier | 'unknown', number>>;
    taken: Partial<Record<ReachTier | 'unknown', number>>;
  }>;
}

export interface ComputedReport {
  report: FairnessReport;
  boxes: TierBox[];
  skips: SkipSummary;
  /** Agents seen in the range before the agent filter (for the filter's choices). */
  agents: string[];
  /** The events the report was computed over, in export order. */
  events: LogEvent[];
}

export const DEFAULT_POLICY_INPUT: PolicyInput = { base: DEFAULT_POLICY, changes: [] };

const mentionIdOf = (e: LogEvent): string => (e.type === 'mention' ? e.mention.id : e.mentionId);

export function tierBoxes(outcomes: readonly MentionOutcome[]): TierBox[] {
  return tierBoxesOfRows({ length: outcomes.length, tier: (k) => outcomes[k]!.tier, minutes: (k) => outcomes[k]!.firstResponseMinutes });
}

/** The same, from outcome rows: each row read once, its time into its tier's array (sized by a first count). */
export function tierBoxesOfRows(rows: Pick<OutcomeRows, 'length' | 'tier' | 'minutes'>): TierBox[] {
  // A column of tiers (-1: unanswered) and one of times; then each tier's times into an array of its own size.
  const tierOf = new Int8Array(rows.length);
  const minutes = new Float64Array(rows.length);
  const counts = REACH_TIERS.map(() => 0);
  for (let k = 0; k < rows.length; k++) {
    const m = rows.minutes(k);
    if (m === null) {
      tierOf[k] = -1;
      continue;
    }
    const tier = rows.tier(k);
    const t = REACH_TIERS.indexOf(tier);
    if (t < 0) throw new RangeError(`unknown reach tier ${tier}`);
    tierOf[k] = t;
    minutes[k] = m;
    counts[t]!++;
  }
  const times = counts.map((n) => new Float64Array(n));
  const filled = REACH_TIERS.map(() => 0);
  for (let k = 0; k < rows.length; k++) {
    const t = tierOf[k]!;
    if (t >= 0) times[t]![filled[t]!++] = minutes[k]!;
  }
  return tierBoxesOfTimes(times);
}

/**
 * The same, from each tier's answered times (REACH_TIERS order, any order within, rearranged here):
 * the samples the fairness figures were taken from (fairness.ts RowsExtras), so the rows are not
 * gone over a second time.
 */
export function tierBoxesOfTimes(times: readonly Float64Array[]): TierBox[] {
  if (times.length !== REACH_TIERS.length) throw new RangeError(`expected ${REACH_TIERS.length} tiers' times, got ${times.length}`);
  return REACH_TIERS.map((tier, t) => boxOf(tier, times[t]!, hasNaN(times[t]!)));
}

/**
 * A tier's box from its times, in any order (rearranged here). The five values by selection rather
 * than a sort of up to 100,000 times: the same values, read where a sort puts them (select.ts).
 * A NaN orders nowhere: times with one are sorted, as they always were.
 */
function boxOf(tier: ReachTier, xs: Float64Array, withNaN: boolean): TierBox {
  const n = xs.length;
  if (n === 0 || withNaN) {
    const s = xs.sort();
    return { tier, n, p10: nearestRankOfSorted(s, 10), q1: nearestRankOfSorted(s, 25), median: medianOfSorted(s), q3: nearestRankOfSorted(s, 75), p90: nearestRankOfSorted(s, 90) };
  }
  // The median is the middle value, or the mean of the two middle ones (medianOfSorted).
  const ranks = [nearestRankIndex(n, 10), nearestRankIndex(n, 25), (n - 1) >> 1, n >> 1, nearestRankIndex(n, 75), nearestRankIndex(n, 90)];
  const [p10, q1, lower, upper, q3, p90] = valuesAtRanks(xs, ranks) as [number, number, number, number, number, number];
  return { tier, n, p10, q1, median: n % 2 === 1 ? upper : (lower + upper) / 2, q3, p90 };
}

/**
 * One skip as the summary counts it: who skipped, why (the log's `reason`; the agent's own words,
 * `note`, after "other"), and the tiers of the mention passed over and of the one taken instead.
 */
export interface SkipCounted {
  agent: string;
  reason?: string;
  note?: string;
  passed: ReachTier | 'unknown';
  taken: ReachTier | 'unknown';
}

/** The skips by agent: how many, why, and which tiers were passed over and taken instead. */
export function skipSummaryOf(skips: Iterable<SkipCounted>): SkipSummary {
  const by = new Map<string, SkipSummary['byAgent'][number]>();
  let total = 0;
  for (const s of skips) {
    total++;
    let row = by.get(s.agent);
    if (!row) by.set(s.agent, (row = { agent: s.agent, skips: 0, reasons: {}, passedOver: {}, taken: {} }));
    row.skips++;
    const reason = (s.reason || 'none given') + (s.reason === 'other' && typeof s.note === 'string' && s.note ? `: ${s.note}` : '');
    row.reasons[reason] = (row.reasons[reason] ?? 0) + 1;
    row.passedOver[s.passed] = (row.passedOver[s.passed] ?? 0) + 1;
    row.taken[s.taken] = (row.taken[s.taken] ?? 0) + 1;
  }
  return { total, byAgent: [...by.values()].sort((a, b) => b.skips - a.skips || a.agent.localeCompare(b.agent)) };
}

/** The skips among a log's events; tiers by mention id (a mention not in `tierOf`: unknown). */
export function skipSummary(events: readonly LogEvent[], tierOf: ReadonlyMap<string, ReachTier>): SkipSummary {
  const skips: SkipCounted[] = [];
  for (const e of events) {
    if (e.type !== 'skipped') continue;
    // The log format has `reason`; the app also records the agent's own words as `note`.
    const note = (e as { note?: unknown }).note;
    skips.push({ agent: e.agent, reason: e.reason, note: typeof note === 'string' ? note : undefined, passed: tierOf.get(e.mentionId) ?? 'unknown', taken: tierOf.get(e.takenMentionId) ?? 'unknown' });
  }
  return skipSummaryOf(skips);
}

/**
 * `events` are the chosen mentions' events, oldest first (see load.ts). With an agent, only the
 * mentions the report attributes to that agent stay (first replier, else current assignee).
 */
export function computeReport(events: LogEvent[], opts: { policies: PolicyInput; nowMs: number; agent?: string; tierOf?: ReadonlyMap<string, ReachTier> }): ComputedReport {
  const now = new Date(opts.nowMs);
  const evalOpts = { policy: opts.policies.base, changes: opts.policies.changes, now };
  let outcomes = evaluateMentions(events, evalOpts).outcomes;
  const agents = [...new Set(outcomes.map((o) => o.agent ?? NO_AGENT))].sort();
  let chosen = events;
  if (opts.agent !== undefined) {
    const ids = new Set(outcomes.filter((o) => (o.agent ?? NO_AGENT) === opts.agent).map((o) => o.id));
    chosen = events.filter((e) => ids.has(mentionIdOf(e)));
    outcomes = outcomes.filter((o) => ids.has(o.id));
  }
  const report = computeFairness(chosen, evalOpts);
  const tierOf = new Map(opts.tierOf ?? []);
  for (const e of events) if (e.type === 'mention') tierOf.set(e.mention.id, e.mention.reach.tier);
  return { report, boxes: tierBoxes(outcomes), skips: skipSummary(chosen, tierOf), agents, events: chosen };
}
