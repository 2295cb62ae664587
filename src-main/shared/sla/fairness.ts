/**
 * The SLA and fairness report (INTERFACES.md "Fairness report"): per reach tier, per agent and per
 * channel, how fast the first response came and how often the promise was broken; the fairness ratio
 * (slowest tier's median over the fastest's) with a bootstrap interval; a plain sentence; a weekly
 * series for charts. The app's report screen and `npm run fairness` both call computeFairness, so the
 * two can never disagree.
 *
 * Numbers are computed unrounded and rounded only when written: minutes to 0.01, rates to 0.0001,
 * ratios and their intervals to 0.001. `warning` compares the ratio as written with the limit.
 * Cost: one pass over the events, one sort per group; no step looks at pairs of mentions.
 */
import { DateTime } from 'luxon';
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../mention';
import type { LogEvent } from '../events';
import { describePromise, type SlaPolicy } from './policy';
import { evaluateMentions, type EvaluatedLog, type EvaluateOptions } from './outcomes';
import { bootstrapMedianRatio, medianOfSorted, nearestRankOfSorted, rate, DEFAULT_RESAMPLES, DEFAULT_SEED } from './stats';
import { medianAndNearestRank } from './select';
import { fairnessSentence, groupSentence } from './sentence';
import { orderGroups, type GroupBy } from './groups';

/** A tier's median counts towards the ratio only on at least this many answered mentions. */
export const MIN_ANSWERED_FOR_RATIO = 5;
/** byAgent key for mentions nobody has replied to or been assigned. */
export const NO_AGENT = '(unassigned)';

export interface GroupStats {
  mentions: number;
  answered: number;
  unansweredPastDue: number;
  medianFirstResponseMinutes: number | null;
  p90FirstResponseMinutes: number | null;
  /** (answered late + unanswered past due) / (answered + unanswered past due); null when both are 0. */
  breachRate: number | null;
  skips: number;
  /** The numerator of breachRate. */
  breaches: number;
}

export interface ChannelStats extends GroupStats {
  /** The promise published for the channel under the policy in force now. */
  promise: string;
}

export interface WeeklyFairness {
  /** ISO week in the time zone of the policy in force now, e.g. "2026-W47". */
  week: string;
  /** When that week starts (Monday 00:00 local), as an instant. */
  start: string;
  mentions: number;
  answered: number;
  breachRate: number | null;
  fairnessRatio: number | null;
  fairnessRatioCI90: [number, number] | null;
  slowestTier: ReachTier | null;
  fastestTier: ReachTier | null;
  answeredByTier: Record<ReachTier, number>;
  medianFirstResponseMinutes: Record<ReachTier, number | null>;
}

export interface PolicyUse {
  /** null for the policy in force before the first change. */
  from: string | null;
  name?: string;
  /** Mentions (after noise and the filter) whose clock started under this version. */
  mentions: number;
  policy: SlaPolicy;
}

export interface FairnessReport {
  now: string;
  tiers: Record<ReachTier, GroupStats>;
  fairnessRatio: number | null;
  fairnessRatioCI90: [number, number] | null;
  warning: boolean;
  byAgent: Record<string, GroupStats>;
  byChannel: Partial<Record<Channel, ChannelStats>>;
  // Additions to the INTERFACES.md shape:
  /** The limit `warning` compares against: the policy in force now. */
  fairnessRatioLimit: number;
  minAnsweredForRatio: number;
  slowestTier: ReachTier | null;
  fastestTier: ReachTier | null;
  /** Answered mentions per tier: the sample each median (and so the ratio) rests on. */
  sampleSizes: Record<ReachTier, number>;
  sentence: string;
  policies: PolicyUse[];
  weekly: WeeklyFairness[];
  input: { mentions: number; noise: number; filteredOut: number; orphanEvents: number; futureEvents: number };
  // With `by` (INTERFACES.md `--by GROUP`): fairnessRatio, its interval, warning and the sentence are
  // taken over these groups instead of the tiers; `tiers`, `slowestTier`, `fastestTier` and
  // `sampleSizes` stay the tiers' own figures.
  by?: GroupBy;
  groups?: Record<string, GroupStats>;
  slowestGroup?: string | null;
  fastestGroup?: string | null;
}

export interface FairnessOptions extends EvaluateOptions {
  /** Bootstrap resamples per interval (default 2,000) and the PRNG seed (same seed, same interval). */
  resamples?: number;
  seed?: number;
  /** Compare these groups instead of the reach tiers (groups.ts). */
  by?: GroupBy;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const roundOrNull = (x: number | null, digits: number): number | null => (x === null ? null : round(x, digits));

/** Fewer times than this are sorted: selection pays off on large tallies only. */
const SELECT_MIN = 64;

/** Counts and response times of one group of mentions (a tier, an agent, a channel, a week). */
class Tally {
  mentions = 0;
  answered = 0;
  pastDue = 0;
  breaches = 0;
  skips = 0;
  private times: number[] = [];
  private sortedTimes: Float64Array | null = null;
  /** A NaN time came in: sorted, never selected (a NaN orders nowhere). */
  private unordered = false;
  /** The median and p90 found by selection, until the next time added. */
  private picked: [number | null, number | null] | undefined;

  /** `keepsTimes` false: counts only (a week's tally of all tiers shows no time), no array of 200,000 times. */
  constructor(private readonly keepsTimes = true) {}

  /** One mention's outcome: its skips, whether it breached, was unanswered past due, and its minutes (null: unanswered). */
  add(skips: number, breached: boolean, pastDue: boolean, minutes: number | null): void {
    this.mentions++;
    this.skips += skips;
    if (breached) this.breaches++;
    if (pastDue) this.pastDue++;
    if (minutes !== null) {
      this.answered++;
      if (!this.keepsTimes) return;
      this.times.push(minutes);
      this.sortedTimes = null;
      this.picked = undefined;
      if (Number.isNaN(minutes)) this.unordered = true;
    }
  }

  sorted(): Float64Array {
    if (!this.keepsTimes) throw new Error('a tally of counts only has no times');
    this.sortedTimes ??= Float64Array.from(this.times).sort();
    return this.sortedTimes;
  }

  /**
   * The median and the p90 (nearest rank). From the sorted times when a comparison sorted them
   * already; otherwise by selection, without sorting (select.ts): most tallies only show these two,
   * and sorting every tally cost most of the figures' time at 200,000 mentions. The same values:
   * selection finds the very element a sort puts at that rank.
   */
  private medianAndP90(): [number | null, number | null] {
    if (this.sortedTimes || this.unordered || this.times.length < SELECT_MIN) {
      const s = this.sorted();
      return [medianOfSorted(s), nearestRankOfSorted(s, 90)];
    }
    this.picked ??= medianAndNearestRank(Float64Array.from(this.times), 90);
    return this.picked;
  }

  median(): number | null {
    return this.medianAndP90()[0];
  }

  breachRate(): number | null {
    return rate(this.breaches, this.answered + this.pastDue);
  }

  stats(): GroupStats {
    const [median, p90] = this.medianAndP90();
    return {
      mentions: this.mentions,
      answered: this.answered,
      unansweredPastDue: this.pastDue,
      medianFirstResponseMinutes: roundOrNull(median, 2),
      p90FirstResponseMinutes: roundOrNull(p90, 2),
      breachRate: roundOrNull(this.breachRate(), 4),
      skips: this.skips,
      breaches: this.breaches,
    };
  }
}

const tierRecord = <V>(f: (t: ReachTier) => V): Record<ReachTier, V> =>
  Object.fromEntries(REACH_TIERS.map((t) => [t, f(t)])) as Record<ReachTier, V>;

interface Comparison<K extends string = ReachTier> {
  ratio: number | null;
  ci: [number, number] | null;
  slowest: K | null;
  fastest: K | null;
}

/**
 * Slowest over fastest group median, among groups with enough answers, with its bootstrap interval.
 * `order` is the order ties are broken in: the slowest is the first group at the maximum, the
 * fastest the last at the minimum (for tiers: fewest followers first).
 */
function compareGroups<K extends string>(order: readonly K[], tally: (k: K) => Tally, resamples: number, seed: number): Comparison<K> {
  let slowest: K | null = null;
  let fastest: K | null = null;
  let qualifying = 0;
  for (const t of order) {
    if (tally(t).answered < MIN_ANSWERED_FOR_RATIO) continue;
    qualifying++;
    // Medians by selection: only the two groups compared are sorted (for their interval).
    const m = tally(t).median()!;
    if (slowest === null || m > tally(slowest).median()!) slowest = t;
    if (fastest === null || m <= tally(fastest).median()!) fastest = t;
  }
  if (qualifying < 2 || slowest === null || fastest === null) return { ratio: null, ci: null, slowest: null, fastest: null };
  const { ratio, ci } = bootstrapMedianRatio(tally(slowest).sorted(), tally(fastest).sorted(), { resamples, seed });
  return { ratio: round(ratio, 3), ci: [round(ci[0], 3), round(ci[1], 3)], slowest, fastest };
}

const compareTiers = (tiers: Record<ReachTier, Tally>, resamples: number, seed: number): Comparison => compareGroups(REACH_TIERS, (t) => tiers[t], resamples, seed);

/** Rows tallied, or weeks compared, between two steps of fairnessOfRowsSteps (a few milliseconds' work). */
const ROWS_PER_STEP = 20_000;
const WEEKS_PER_STEP = 4;

/** One week of the weekly series, as it is tallied. */
interface Week {
  start: DateTime;
  all: Tally;
  tiers: Record<ReachTier, Tally>;
}

/** A week's bounds (epoch ms, end excluded) and what is kept for it. */
interface KnownWeek<W> {
  fromMs: number;
  endMs: number;
  week: W;
}

/** The week in `known` (sorted by start, not overlapping) holding `at`, if any. */
function knownWeek<W>(known: ReadonlyArray<KnownWeek<W>>, at: number): KnownWeek<W> | undefined {
  let lo = 0;
  let hi = known.length;
  // The first week starting after `at`; the one before it is the only candidate.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (known[mid]!.fromMs <= at) lo = mid + 1;
    else hi = mid;
  }
  const w = lo > 0 ? known[lo - 1]! : undefined;
  return w && at >= w.fromMs && at < w.endMs ? w : undefined;
}

function knownAdd<W>(known: Array<KnownWeek<W>>, w: KnownWeek<W>): void {
  let at = known.length;
  while (at > 0 && known[at - 1]!.fromMs > w.fromMs) at--;
  known.splice(at, 0, w);
}

function* weeklySeries(rows: OutcomeRows, order: ArrayLike<number>, zone: string, resamples: number, seed: number): Generator<void, WeeklyFairness[]> {
  // Rows in any order: each week's bounds are asked of luxon once, and kept by start (`known`), so
  // a row outside the last row's week finds its week by a binary search over the weeks seen so far
  // (rows no longer need sorting by clock start first: 0.05-0.1 s at 200,000 mentions).
  const byStart = new Map<number, Week>();
  let week: Week | undefined;
  let fromMs = Infinity;
  let endMs = -Infinity;
  const known: Array<KnownWeek<Week>> = [];
  for (let j = 0; j < order.length; j++) {
    if (j > 0 && j % ROWS_PER_STEP === 0) yield;
    const k = order[j]!;
    const at = rows.clockStartMs(k);
    if (!(at >= fromMs && at < endMs)) {
      const w = knownWeek(known, at);
      if (w) {
        ({ fromMs, endMs, week } = w);
      } else {
        const start = DateTime.fromMillis(at, { zone }).startOf('week');
        fromMs = start.toMillis();
        endMs = start.plus({ weeks: 1 }).toMillis();
        week = byStart.get(fromMs);
        if (!week) byStart.set(fromMs, (week = { start, all: new Tally(false), tiers: tierRecord(() => new Tally()) }));
        if (Number.isFinite(fromMs) && Number.isFinite(endMs) && at >= fromMs && at < endMs) knownAdd(known, { fromMs, endMs, week });
      }
    }
    const skips = rows.skips(k);
    const breached = rows.breached(k);
    const pastDue = rows.pastDue(k);
    const minutes = rows.minutes(k);
    week!.all.add(skips, breached, pastDue, minutes);
    week!.tiers[rows.tier(k)].add(skips, breached, pastDue, minutes);
  }
  const weeks = [...byStart.entries()].sort((a, b) => a[0] - b[0]);
  const out: WeeklyFairness[] = [];
  for (const [w, [, { start: weekStart, all, tiers }]] of weeks.entries()) {
    if (w > 0 && w % WEEKS_PER_STEP === 0) yield;
    const c = compareTiers(tiers, resamples, seed);
    out.push({
        week: `${weekStart.weekYear}-W${String(weekStart.weekNumber).padStart(2, '0')}`,
        start: weekStart.toUTC().toISO()!,
        mentions: all.mentions,
        answered: all.answered,
        breachRate: roundOrNull(all.breachRate(), 4),
        fairnessRatio: c.ratio,
        fairnessRatioCI90: c.ci,
        slowestTier: c.slowest,
        fastestTier: c.fastest,
        answeredByTier: tierRecord((t) => tiers[t].answered),
        medianFirstResponseMinutes: tierRecord((t) => roundOrNull(tiers[t].median(), 2)),
    });
  }
  return out;
}

export function computeFairness(events: readonly LogEvent[], opts: FairnessOptions): FairnessReport {
  return fairnessOfOutcomes(evaluateMentions(events, { ...opts, groupBy: opts.by }), opts);
}

/**
 * The report from the mentions' outcomes (evaluateMentions, or the report screen's columns through
 * the same outcomeOf). With `opts.by`, every outcome must carry its `groups`.
 */
export function fairnessOfOutcomes(evaluated: EvaluatedLog, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>): FairnessReport {
  const { outcomes } = evaluated;
  const rows = outcomeRowsOf(outcomes);
  // Stable: outcomes with the same clock start keep their order (any order gives the same figures).
  const order = Array.from(outcomes.keys()).sort((a, b) => outcomes[a]!.clockStartMs - outcomes[b]!.clockStartMs);
  return fairnessOfRows(rows, order, evaluated, opts);
}

/** The rows fairnessOfRows reads, over outcomes as evaluateMentions gives them. */
export function outcomeRowsOf(outcomes: EvaluatedLog['outcomes']): OutcomeRows {
  return {
    length: outcomes.length,
    tier: (k) => outcomes[k]!.tier,
    channel: (k) => outcomes[k]!.channel,
    agent: (k) => outcomes[k]!.agent,
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
  clockStartMs(k: number): number;
  /** First response in minutes; null when unanswered. */
  minutes(k: number): number | null;
  breached(k: number): boolean;
  pastDue(k: number): boolean;
  skips(k: number): number;
  policyIndex(k: number): number;
  /** With `by`: the groups the row counts in. */
  groups(k: number): readonly string[] | undefined;
}

/**
 * The report from outcome rows (see fairnessOfOutcomes). `order` lists every row, in any order (the
 * figures are the same; rows of a week together ask fewer binary searches for its bounds).
 */
export function fairnessOfRows(rows: OutcomeRows, order: ArrayLike<number>, evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>): FairnessReport {
  const steps = fairnessOfRowsSteps(rows, order, evaluated, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * fairnessOfRows in steps: it stops every few thousand rows and weeks, so a thread working a report
 * out ahead can answer a request between two steps (the report screen's worker). The same figures.
 */
export function* fairnessOfRowsSteps(rows: OutcomeRows, order: ArrayLike<number>, evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>): Generator<void, FairnessReport> {
  const { versions, nowMs, counts } = evaluated;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;

  const tiers = tierRecord(() => new Tally());
  const agents = new Map<string, Tally>();
  const channels = new Map<Channel, Tally>();
  const perVersion = versions.map(() => 0);
  for (let k = 0; k < rows.length; k++) {
    if (k > 0 && k % ROWS_PER_STEP === 0) yield;
    const skips = rows.skips(k);
    const breached = rows.breached(k);
    const pastDue = rows.pastDue(k);
    const minutes = rows.minutes(k);
    tiers[rows.tier(k)].add(skips, breached, pastDue, minutes);
    const agent = rows.agent(k) ?? NO_AGENT;
    let a = agents.get(agent);
    if (!a) agents.set(agent, (a = new Tally()));
    a.add(skips, breached, pastDue, minutes);
    const channel = rows.channel(k);
    let c = channels.get(channel);
    if (!c) channels.set(channel, (c = new Tally()));
    c.add(skips, breached, pastDue, minutes);
    perVersion[rows.policyIndex(k)]!++;
  }

  // The policy in force now sets the limit, the published promises and the week's time zone.
  const current = [...versions].reverse().find((v) => v.from === null || Date.parse(v.from) <= nowMs)!.policy;
  yield;
  const c = compareTiers(tiers, resamples, seed);
  yield;
  const sampleSizes = tierRecord((t) => tiers[t].answered);
  const grouped = opts.by ? byGroup(opts.by, rows, resamples, seed) : undefined;
  const weekly = yield* weeklySeries(rows, order, current.timezone, resamples, seed);
  const shown = grouped?.c ?? c;

  const byChannel: Partial<Record<Channel, ChannelStats>> = {};
  for (const ch of CHANNELS) {
    const t = channels.get(ch);
    if (t) byChannel[ch] = { ...t.stats(), promise: describePromise(current, ch) };
  }

  return {
    now: new Date(nowMs).toISOString(),
    tiers: tierRecord((t) => tiers[t].stats()),
    fairnessRatio: shown.ratio,
    fairnessRatioCI90: shown.ci,
    warning: shown.ratio !== null && shown.ratio > current.fairnessRatioLimit,
    byAgent: Object.fromEntries([...agents.keys()].sort().map((a) => [a, agents.get(a)!.stats()])),
    byChannel,
    fairnessRatioLimit: current.fairnessRatioLimit,
    minAnsweredForRatio: MIN_ANSWERED_FOR_RATIO,
    slowestTier: c.slowest,
    fastestTier: c.fastest,
    sampleSizes,
    sentence: grouped?.sentence ?? fairnessSentence({ ...c, answered: sampleSizes, minAnswered: MIN_ANSWERED_FOR_RATIO }),
    policies: versions.map((v, i) => ({ from: v.from, ...(v.policy.name ? { name: v.policy.name } : {}), mentions: perVersion[i]!, policy: v.policy })),
    weekly,
    input: counts,
    ...(grouped ? { by: opts.by, groups: grouped.groups, slowestGroup: grouped.c.slowest, fastestGroup: grouped.c.fastest } : {}),
  };
}

/** The groups' figures, their ratio with its interval, and the sentence, for `--by`. */
function byGroup(by: GroupBy, rows: OutcomeRows, resamples: number, seed: number): { groups: Record<string, GroupStats>; c: Comparison<string>; sentence: string } {
  const tallies = new Map<string, Tally>();
  for (let k = 0; k < rows.length; k++) {
    for (const g of rows.groups(k) ?? []) {
      let t = tallies.get(g);
      if (!t) tallies.set(g, (t = new Tally()));
      t.add(rows.skips(k), rows.breached(k), rows.pastDue(k), rows.minutes(k));
    }
  }
  const order = orderGroups(by, tallies.keys());
  const c = compareGroups(order, (k) => tallies.get(k)!, resamples, seed);
  const answered = new Map(order.map((k) => [k, tallies.get(k)!.answered] as const));
  return {
    groups: Object.fromEntries(order.map((k) => [k, tallies.get(k)!.stats()])),
    c,
    sentence: groupSentence(by, { ...c, answered, minAnswered: MIN_ANSWERED_FOR_RATIO }),
  };
}
