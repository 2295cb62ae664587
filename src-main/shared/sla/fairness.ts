/**
 * The SLA and fairness report (INTERFACES.md "Fairness report"): per reach tier, per agent and per
 * channel, how fast the first response came and how often the promise was broken; the fairness ratio
 * (slowest tier's median over the fastest's) with a bootstrap interval; a plain sentence; a weekly
 * series for charts. The app's report screen and `npm run fairness` both call computeFairness, so the
 * two can never disagree.
 *
 * Numbers are computed unrounded and rounded only when written: minutes to 0.01, rates to 0.0001,
 * ratios and their intervals to 0.001. `warning` compares the ratio as written with the limit.
 * Cost: one pass over the events, then one over the mentions that reads each field once and counts
 * every group at once; each group's times are then put in place by those counts (no array grows a
 * mention at a time); medians and p90s by selection, a sort only for the two groups a ratio
 * compares when their interval is not remembered. No step looks at pairs of mentions.
 */
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../mention';
import type { LogEvent } from '../events';
import { describePromise, type SlaPolicy } from './policy';
import { evaluateMentions, type EvaluatedLog, type EvaluateOptions } from './outcomes';
import { medianRatioInterval, medianOfSorted, nearestRankOfSorted, rate, DEFAULT_RESAMPLES, DEFAULT_SEED, type Sample } from './stats';
import { hasNaN, medianAndNearestRank } from './select';
import { Weeks } from './weeks';
import { fairnessSentence, groupSentence } from './sentence';
import { orderGroups, type GroupBy } from './groups';
import { ANSWERED, BREACHED, fillFields, flagsOf, outcomeRowsOf, PAST_DUE, rowFields, type OutcomeRows } from './outcome-rows';

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

const NO_TIMES = new Float64Array(0);

/** Counts and response times of one group of mentions (a tier, an agent, a channel, a week). */
class Tally {
  mentions = 0;
  answered = 0;
  pastDue = 0;
  breaches = 0;
  skips = 0;
  /**
   * The answered mentions' times, given once all are counted (setTimes), in no particular order:
   * sorted in place when a comparison needs them sorted, or rearranged in place by selection (no
   * figure depends on their order).
   */
  private times: Float64Array = NO_TIMES;
  /** A NaN time came in: sorted, never selected (a NaN orders nowhere). */
  private unordered = false;
  private isSorted = false;
  /** The median and p90 found by selection. */
  private picked: [number | null, number | null] | undefined;

  /** The answered mentions' times (as many as `answered`), which the tally then owns and rearranges. */
  setTimes(times: Float64Array): void {
    this.times = times;
    this.unordered = hasNaN(times);
    this.isSorted = false;
    this.picked = undefined;
  }

  /** One mention counted: its skips, and whether it was answered, breached, unanswered past due. */
  count(skips: number, flags: number): void {
    this.mentions++;
    this.skips += skips;
    if (flags & BREACHED) this.breaches++;
    if (flags & PAST_DUE) this.pastDue++;
    if (flags & ANSWERED) this.answered++;
  }

  /** One mention counted before taken back (its flags changed: fairnessAgain). */
  uncount(skips: number, flags: number): void {
    this.mentions--;
    this.skips -= skips;
    if (flags & BREACHED) this.breaches--;
    if (flags & PAST_DUE) this.pastDue--;
    if (flags & ANSWERED) this.answered--;
  }

  /**
   * The answered mentions' times, handed to a caller that may rearrange them (the figures worked
   * out so far stand: the median and p90 are kept; the times are sorted again if asked for sorted).
   */
  handOver(): Float64Array {
    this.isSorted = false;
    return this.times;
  }

  sorted(): Float64Array {
    if (!this.isSorted) this.times.sort();
    this.isSorted = true;
    return this.times;
  }

  /** The answered times for an interval: as they lie, sorted in place only if the interval is worked out. */
  sample(): Sample {
    return { values: this.times, sorted: () => this.sorted() };
  }

  /**
   * The median and the p90 (nearest rank). From the sorted times when a comparison sorted them
   * already; otherwise by selection, without sorting (select.ts): most tallies only show these two,
   * and sorting every tally cost most of the figures' time at 200,000 mentions. The same values:
   * selection finds the very element a sort puts at that rank.
   */
  private medianAndP90(): [number | null, number | null] {
    if (this.isSorted || this.unordered || this.times.length < SELECT_MIN) {
      const s = this.sorted();
      return [medianOfSorted(s), nearestRankOfSorted(s, 90)];
    }
    this.picked ??= medianAndNearestRank(this.times, 90);
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

const tierRecord = <V>(f: (t: ReachTier, i: number) => V): Record<ReachTier, V> =>
  Object.fromEntries(REACH_TIERS.map((t, i) => [t, f(t, i)])) as Record<ReachTier, V>;

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
    // Medians by selection: the two groups compared are sorted only for an interval not remembered.
    const m = tally(t).median()!;
    if (slowest === null || m > tally(slowest).median()!) slowest = t;
    if (fastest === null || m <= tally(fastest).median()!) fastest = t;
  }
  if (qualifying < 2 || slowest === null || fastest === null) return { ratio: null, ci: null, slowest: null, fastest: null };
  const { ratio, ci } = medianRatioInterval(tally(slowest).sample(), tally(fastest).sample(), { resamples, seed });
  return { ratio: round(ratio, 3), ci: [round(ci[0], 3), round(ci[1], 3)], slowest, fastest };
}

const compareTiers = (tiers: Record<ReachTier, Tally>, resamples: number, seed: number): Comparison => compareGroups(REACH_TIERS, (t) => tiers[t], resamples, seed);

/** A channel's tally by its CHANNELS index; a channel not in CHANNELS is counted after them, in a tally never shown. */
const channelSlot = (listed: number): number => (listed >= 0 && listed < CHANNELS.length ? listed : CHANNELS.length);

/** Rows read, or weeks compared, between two steps of fairnessOfRowsSteps (a few milliseconds' work). */
const ROWS_PER_STEP = 20_000;
const WEEKS_PER_STEP = 4;

/**
 * Puts the answered rows' times into their groups' tallies, counted already: each group gets its
 * own stretch of one array, as long as its count (a counting sort), so no array grows a row at a
 * time (that, and the garbage it left, cost most of the tallies' time at 200,000 mentions).
 * Answered row a has time times[a] and is in group groupOf[a].
 */
function fillTimes(tallies: readonly Tally[], groupOf: Int32Array, times: Float64Array, answered: number): void {
  const all = new Float64Array(answered);
  const start = new Int32Array(tallies.length);
  let from = 0;
  for (const [g, t] of tallies.entries()) {
    start[g] = from;
    from += t.answered;
  }
  const next = start.slice();
  for (let a = 0; a < answered; a++) all[next[groupOf[a]!]!++] = times[a]!;
  for (const [g, t] of tallies.entries()) t.setTimes(all.subarray(start[g]!, start[g]! + t.answered));
}

/** The counts of several tallies as one (a week's tiers: the week as a whole), without times. */
function together(tallies: readonly Tally[]): Tally {
  const all = new Tally();
  for (const t of tallies) {
    all.mentions += t.mentions;
    all.answered += t.answered;
    all.pastDue += t.pastDue;
    all.breaches += t.breaches;
    all.skips += t.skips;
  }
  return all;
}

/** The weekly series from the weeks found and their tiers' tallies (week index w, tier i: weekTiers[w * tiers + i]). */
function* weeklySeries(weeks: Weeks, weekTiers: readonly Tally[], resamples: number, seed: number): Generator<void, WeeklyFairness[]> {
  const sorted = [...weeks.byStart.entries()].sort((a, b) => a[0] - b[0]);
  const out: WeeklyFairness[] = [];
  for (const [w, [, { start: weekStart, index }]] of sorted.entries()) {
    if (w > 0 && w % WEEKS_PER_STEP === 0) yield;
    const tiers = tierRecord((_, i) => weekTiers[index * REACH_TIERS.length + i]!);
    const all = together(Object.values(tiers));
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

/**
 * The report from outcome rows (see fairnessOfOutcomes). `order` lists every row once, in any order
 * (the figures are the same; rows of a week together ask fewer binary searches for its bounds).
 */
export function fairnessOfRows(rows: OutcomeRows, order: ArrayLike<number>, evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>): FairnessReport {
  return finishSteps(fairnessOfRowsSteps(rows, order, evaluated, opts));
}

/** What fairnessOfRowsSteps hands back besides the report, when asked. */
export interface RowsExtras {
  /**
   * Each reach tier's answered times (REACH_TIERS order), in no particular order: the samples of the
   * report's tier figures, for a caller that wants more of them (the report screen's box plot) without
   * going over the rows again. The caller may rearrange them.
   */
  tierTimes?: Float64Array[];
  /**
   * What the pass over the rows left (every group's counts and times), for fairnessAgain: the same
   * report after some rows' flags changed and nothing else (the clock passed their due times).
   */
  tallies?: RowsTallies;
}

/** Every group's tally after a pass over the rows, and how a row finds its groups (fairnessAgain). */
export interface RowsTallies {
  tierTallies: Tally[];
  agentIds: Map<string, number>;
  agents: Tally[];
  channels: Tally[];
  /** Week index w, tier i: weekTiers[w * REACH_TIERS.length + i]. */
  weekTiers: Tally[];
  weeks: Weeks;
  perVersion: number[];
}

/**
 * fairnessOfRows in steps: it stops every few thousand rows and weeks, so a thread working a report
 * out ahead can answer a request between two steps (the report screen's worker). The same figures.
 * `extras`, when given, is filled once the report is made.
 */
export function* fairnessOfRowsSteps(rows: OutcomeRows, order: ArrayLike<number>, evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>, extras?: RowsExtras): Generator<void, FairnessReport> {
  const { versions, nowMs } = evaluated;
  const current = policyNow(versions, nowMs);

  // One pass over the rows, each field read once (the accessors cost more than anything done with
  // what they give): a row is counted in its tier's, agent's, channel's and week's tier's tally at
  // once, its groups being small integers; an answered row's time is kept with its groups, and put
  // into their tallies once the counts are known.
  const T = REACH_TIERS.length;
  const tierTallies = REACH_TIERS.map(() => new Tally());
  const agentIds = new Map<string, number>();
  const agents: Tally[] = [];
  // One tally more than CHANNELS: channelSlot.
  const channels = [...CHANNELS, null].map(() => new Tally());
  /** Week index w, tier i: weekTiers[w * T + i]. */
  const weekTiers: Tally[] = [];
  const weeks = new Weeks(current.timezone);
  const perVersion = versions.map(() => 0);
  const n = order.length;
  const times = new Float64Array(n);
  const tierOf = new Int32Array(n);
  const agentOf = new Int32Array(n);
  const channelOf = new Int32Array(n);
  const weekTierOf = new Int32Array(n);
  let answered = 0;
  /** By the rows' agent key (agentKey), the agent's tally: the agent's name is looked up once per key, not per row. */
  const agentOfKey: number[] = [];
  const agentFirstSeen = (k: number, key: number): number => {
    const name = rows.agent(k) ?? NO_AGENT;
    let agent = agentIds.get(name);
    if (agent === undefined) {
      agentIds.set(name, (agent = agents.length));
      agents.push(new Tally());
    }
    return (agentOfKey[key] = agent);
  };
  // The rows in chunks, each by a plain function: V8 ran loops like this one two to three times
  // slower inside the generator itself (src-renderer/reports/facts-report.ts markRows). A chunk's
  // fields are read first, as numbers (OutcomeRows.fill: no call per row, which a new session's
  // worker, its code not yet optimized, paid for dearly), then counted.
  const fields = rowFields(Math.min(n, ROWS_PER_STEP));
  let lastWeek = weeks.last;
  const countRows = (from: number, to: number): void => {
    if (rows.fill) rows.fill(order, from, to, fields);
    else fillFields(rows, order, from, to, fields);
    const { tier: tiers, channel: channelsOf, agent: agentKeys, clockStartMs, minutes, flags: flagsOfRow, skips: skipsOf, policyIndex } = fields;
    for (let x = 0; x < to - from; x++) {
      const tier = tiers[x]!;
      if (!(tier >= 0 && tier < T)) throw new RangeError(`unknown reach tier ${rows.tier(order[from + x]!)}`);
      const key = agentKeys[x]!;
      const agent = agentOfKey[key] ?? agentFirstSeen(order[from + x]!, key);
      // channelSlot, written out (a call per row costs a cold worker).
      const listed = channelsOf[x]!;
      const channel = listed >= 0 && listed < CHANNELS.length ? listed : CHANNELS.length;
      // The week of the row before, else asked of `weeks` (a call per row costs a cold worker).
      const at = clockStartMs[x]!;
      let week = lastWeek.index;
      if (!(at >= lastWeek.fromMs && at < lastWeek.endMs)) {
        week = weeks.of(at);
        lastWeek = weeks.last;
      }
      if (week * T === weekTiers.length) for (let i = 0; i < T; i++) weekTiers.push(new Tally());
      const weekTier = week * T + tier;
      const skips = skipsOf[x]!;
      const flags = flagsOfRow[x]!;
      tierTallies[tier]!.count(skips, flags);
      agents[agent]!.count(skips, flags);
      channels[channel]!.count(skips, flags);
      weekTiers[weekTier]!.count(skips, flags);
      perVersion[policyIndex[x]!]!++;
      if (flags & ANSWERED) {
        times[answered] = minutes[x]!;
        tierOf[answered] = tier;
        agentOf[answered] = agent;
        channelOf[answered] = channel;
        weekTierOf[answered] = weekTier;
        answered++;
      }
    }
  };
  for (let j = 0; j < n; j += ROWS_PER_STEP) {
    if (j > 0) yield;
    countRows(j, Math.min(n, j + ROWS_PER_STEP));
  }
  yield;
  for (const [tallies, groupOf] of [[tierTallies, tierOf], [agents, agentOf], [channels, channelOf], [weekTiers, weekTierOf]] as const) {
    fillTimes(tallies, groupOf, times, answered);
    yield;
  }
  const tallies: RowsTallies = { tierTallies, agentIds, agents, channels, weekTiers, weeks, perVersion };
  const report = yield* reportOfTallies(tallies, evaluated, opts, opts.by ? rows : undefined);
  // Handed over only now: every figure above is read, so the caller may rearrange them.
  if (extras) {
    extras.tierTimes = tierTallies.map((t) => t.handOver());
    extras.tallies = tallies;
  }
  return report;
}

/** The report from its groups' tallies, counted and with their times (`rows`: for opts.by). */
function* reportOfTallies(t: RowsTallies, evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed' | 'by'>, rows?: OutcomeRows): Generator<void, FairnessReport> {
  const { versions, nowMs, counts } = evaluated;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const current = policyNow(versions, nowMs);
  const { tierTallies, agentIds, agents, channels, weekTiers, weeks, perVersion } = t;
  const tiers = tierRecord((_, i) => tierTallies[i]!);
  const c = compareTiers(tiers, resamples, seed);
  yield;
  const sampleSizes = tierRecord((t) => tiers[t].answered);
  const grouped = opts.by && rows ? byGroup(opts.by, rows, resamples, seed) : undefined;
  const weekly = yield* weeklySeries(weeks, weekTiers, resamples, seed);
  const shown = grouped?.c ?? c;

  const byChannel: Partial<Record<Channel, ChannelStats>> = {};
  for (const [i, ch] of CHANNELS.entries()) {
    const t = channels[i]!;
    if (t.mentions > 0) byChannel[ch] = { ...t.stats(), promise: describePromise(current, ch) };
  }

  return {
    now: new Date(nowMs).toISOString(),
    tiers: tierRecord((t) => tiers[t].stats()),
    fairnessRatio: shown.ratio,
    fairnessRatioCI90: shown.ci,
    warning: shown.ratio !== null && shown.ratio > current.fairnessRatioLimit,
    byAgent: Object.fromEntries([...agentIds.keys()].sort().map((a) => [a, agents[agentIds.get(a)!]!.stats()])),
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

/** One row whose flags changed since the pass that left the tallies: its groups, and its flags then and now. */
export interface FlagsChange {
  tierIndex: number;
  channelIndex: number;
  /** null: nobody (NO_AGENT). */
  agent: string | null;
  clockStartMs: number;
  skips: number;
  was: number;
  now: number;
}

/**
 * The report again after some rows' flags changed and nothing else did (the same rows, times,
 * agents, skips, counts and policy in force): the clock passed an unanswered row's due time. Each
 * change moves its groups' counts; no time moves, so every median, p90 and interval stands (and is
 * remembered) and no row is gone over again. The same figures as a pass over the rows as they are
 * now (a unit test compares the two). Undefined when a change is not of that kind (answered turned
 * or a group the pass did not see): the caller makes the pass. The tallies are changed in place.
 */
export function fairnessAgain(t: RowsTallies, changes: readonly FlagsChange[], evaluated: Omit<EvaluatedLog, 'outcomes'>, opts: Pick<FairnessOptions, 'resamples' | 'seed'>): FairnessReport | undefined {
  const T = REACH_TIERS.length;
  const moves: Array<[Tally[], number, FlagsChange]> = [];
  for (const ch of changes) {
    if ((ch.was & ANSWERED) !== (ch.now & ANSWERED) || !(ch.tierIndex >= 0 && ch.tierIndex < T)) return undefined;
    const agent = t.agentIds.get(ch.agent ?? NO_AGENT);
    const week = t.weeks.find(ch.clockStartMs);
    if (agent === undefined || week === undefined) return undefined;
    moves.push([t.tierTallies, ch.tierIndex, ch], [t.agents, agent, ch], [t.channels, channelSlot(ch.channelIndex), ch], [t.weekTiers, week * T + ch.tierIndex, ch]);
  }
  for (const [tallies, g, ch] of moves) {
    tallies[g]!.uncount(ch.skips, ch.was);
    tallies[g]!.count(ch.skips, ch.now);
  }
  return finishSteps(reportOfTallies(t, evaluated, opts));
}

/** Runs work written in steps (a generator) to its end at once, and gives what it returns. */
export function finishSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The policy in force at `nowMs`: it sets the limit, the published promises and the weeks' time zone. */
const policyNow = (versions: EvaluatedLog['versions'], nowMs: number): SlaPolicy => [...versions].reverse().find((v) => v.from === null || Date.parse(v.from) <= nowMs)!.policy;

/** The groups' figures, their ratio with its interval, and the sentence, for `--by`. */
function byGroup(by: GroupBy, rows: OutcomeRows, resamples: number, seed: number): { groups: Record<string, GroupStats>; c: Comparison<string>; sentence: string } {
  const tallies = new Map<string, { tally: Tally; times: number[] }>();
  for (let k = 0; k < rows.length; k++) {
    for (const g of rows.groups(k) ?? []) {
      let t = tallies.get(g);
      if (!t) tallies.set(g, (t = { tally: new Tally(), times: [] }));
      const minutes = rows.minutes(k);
      t.tally.count(rows.skips(k), flagsOf(minutes !== null, rows.breached(k), rows.pastDue(k)));
      if (minutes !== null) t.times.push(minutes);
    }
  }
  for (const { tally, times } of tallies.values()) tally.setTimes(Float64Array.from(times));
  const order = orderGroups(by, tallies.keys());
  const c = compareGroups(order, (k) => tallies.get(k)!.tally, resamples, seed);
  const answered = new Map(order.map((k) => [k, tallies.get(k)!.tally.answered] as const));
  return {
    groups: Object.fromEntries(order.map((k) => [k, tallies.get(k)!.tally.stats()])),
    c,
    sentence: groupSentence(by, { ...c, answered, minAnswered: MIN_ANSWERED_FOR_RATIO }),
  };
}
