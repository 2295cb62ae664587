/**
 * The fairness report's figures and the report screen's tier boxes against a plain reference that
 * groups the rows one by one and sorts every group: the same numbers, on samples of awkward shapes
 * (NaN and negative zero among the times, tiers with no answers, a single row, none, sizes either
 * side of where selection takes over from sorting), whatever the tallies do to get there.
 */
import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../../../src-main/shared/mention';
import { fairnessOfRows, fairnessOfRowsSteps, NO_AGENT, MIN_ANSWERED_FOR_RATIO, type GroupStats, type RowsExtras } from '../../../src-main/shared/sla/fairness';
import type { OutcomeRows } from '../../../src-main/shared/sla/outcome-rows';
import { DEFAULT_POLICY, type SlaPolicy } from '../../../src-main/shared/sla/policy';
import { bootstrapMedianRatio, medianOfSorted, mulberry32, nearestRankOfSorted, rate } from '../../../src-main/shared/sla/stats';
import { valuesAtRanks } from '../../../src-main/shared/sla/select';
import { tierBoxesOfRows, tierBoxesOfTimes } from '../../../src-renderer/reports/compute';

interface Row {
  tier: ReachTier;
  channel: Channel;
  agent: string | null;
  clockStartMs: number;
  minutes: number | null;
  breached: boolean;
  pastDue: boolean;
  skips: number;
  policyIndex: number;
}

const START = Date.parse('2026-03-02T00:00:00Z');
const DAY = 86_400_000;
const RESAMPLES = 200;
const SEED = 17;

function randomRows(n: number, rand: () => number, shape: { tiers: readonly ReachTier[]; odd: number; nan: boolean; days: number }): Row[] {
  const odd = shape.nan ? [Number.NaN, -0, 0, -2.5, Infinity] : [-0, 0, -2.5, Infinity];
  return Array.from({ length: n }, () => {
    const answered = rand() < 0.8;
    const minutes = rand() < shape.odd ? odd[Math.floor(rand() * odd.length)]! : Math.round(rand() * 400) / 4;
    return {
      tier: shape.tiers[Math.floor(rand() * shape.tiers.length)]!,
      channel: CHANNELS[Math.floor(rand() * 3)]!,
      agent: rand() < 0.2 ? null : ['zoe', 'amir', NO_AGENT, 'Bea', 'bea'][Math.floor(rand() * 5)]!,
      clockStartMs: START + Math.floor(rand() * shape.days * DAY),
      minutes: answered ? minutes : null,
      breached: rand() < 0.3,
      pastDue: !answered && rand() < 0.5,
      skips: Math.floor(rand() * 3),
      policyIndex: rand() < 0.5 ? 0 : 1,
    };
  });
}

/** Agents' keys spread out (each 3 apart, in order of first sight): agentKey need not count from 0. */
function agentKeys(): (agent: string | null) => number {
  const keys = new Map<string | null, number>();
  return (a) => {
    let key = keys.get(a);
    if (key === undefined) keys.set(a, (key = 3 * keys.size + 2));
    return key;
  };
}

const rowsOf = (data: readonly Row[], keyOf = agentKeys()): OutcomeRows => ({
  length: data.length,
  tier: (k) => data[k]!.tier,
  channel: (k) => data[k]!.channel,
  agent: (k) => data[k]!.agent,
  // Unknown: 255, as the facts' Uint8Array columns hold -1 (any number outside the list will do).
  tierIndex: (k) => REACH_TIERS.indexOf(data[k]!.tier) & 255,
  channelIndex: (k) => CHANNELS.indexOf(data[k]!.channel) & 255,
  agentKey: (k) => keyOf(data[k]!.agent),
  clockStartMs: (k) => data[k]!.clockStartMs,
  minutes: (k) => data[k]!.minutes,
  breached: (k) => data[k]!.breached,
  pastDue: (k) => data[k]!.pastDue,
  skips: (k) => data[k]!.skips,
  policyIndex: (k) => data[k]!.policyIndex,
  groups: () => undefined,
});

const round = (x: number | null, digits: number): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const sortedTimes = (rows: readonly Row[]): Float64Array => Float64Array.from(rows.flatMap((r) => (r.minutes === null ? [] : [r.minutes]))).sort();

function groupBy<K>(rows: readonly Row[], key: (r: Row) => K): Map<K, Row[]> {
  const out = new Map<K, Row[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

function referenceStats(rows: readonly Row[]): GroupStats {
  const s = sortedTimes(rows);
  const pastDue = rows.filter((r) => r.pastDue).length;
  const breaches = rows.filter((r) => r.breached).length;
  return {
    mentions: rows.length,
    answered: s.length,
    unansweredPastDue: pastDue,
    medianFirstResponseMinutes: round(medianOfSorted(s), 2),
    p90FirstResponseMinutes: round(nearestRankOfSorted(s, 90), 2),
    breachRate: round(rate(breaches, s.length + pastDue), 4),
    skips: rows.reduce((sum, r) => sum + r.skips, 0),
    breaches,
  };
}

/** Slowest over fastest tier median, as the report defines it (first at the maximum, last at the minimum). */
function referenceRatio(rows: readonly Row[]): { ratio: number | null; ci: [number, number] | null; slowest: ReachTier | null; fastest: ReachTier | null } {
  let slowest: [ReachTier, Float64Array] | null = null;
  let fastest: [ReachTier, Float64Array] | null = null;
  let qualifying = 0;
  for (const t of REACH_TIERS) {
    const s = sortedTimes(rows.filter((r) => r.tier === t));
    if (s.length < MIN_ANSWERED_FOR_RATIO) continue;
    qualifying++;
    const m = medianOfSorted(s)!;
    if (slowest === null || m > medianOfSorted(slowest[1])!) slowest = [t, s];
    if (fastest === null || m <= medianOfSorted(fastest[1])!) fastest = [t, s];
  }
  if (qualifying < 2 || !slowest || !fastest) return { ratio: null, ci: null, slowest: null, fastest: null };
  const { ratio, ci } = bootstrapMedianRatio(slowest[1], fastest[1], { resamples: RESAMPLES, seed: SEED });
  return { ratio: round(ratio, 3), ci: [round(ci[0], 3)!, round(ci[1], 3)!], slowest: slowest[0], fastest: fastest[0] };
}

function referenceWeeks(rows: readonly Row[], zone: string): unknown[] {
  const weeks = groupBy(rows, (r) => DateTime.fromMillis(r.clockStartMs, { zone }).startOf('week').toMillis());
  return [...weeks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([startMs, inWeek]) => {
      const start = DateTime.fromMillis(startMs, { zone });
      const all = referenceStats(inWeek);
      const c = referenceRatio(inWeek);
      const tier = (t: ReachTier): Row[] => inWeek.filter((r) => r.tier === t);
      return {
        week: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`,
        start: start.toUTC().toISO(),
        mentions: all.mentions,
        answered: all.answered,
        breachRate: all.breachRate,
        fairnessRatio: c.ratio,
        fairnessRatioCI90: c.ci,
        slowestTier: c.slowest,
        fastestTier: c.fastest,
        answeredByTier: Object.fromEntries(REACH_TIERS.map((t) => [t, sortedTimes(tier(t)).length])),
        medianFirstResponseMinutes: Object.fromEntries(REACH_TIERS.map((t) => [t, referenceStats(tier(t)).medianFirstResponseMinutes])),
      };
    });
}

/** JSON that tells -0 from 0 and keeps NaN and the infinities apart. */
const exact = (x: unknown): string =>
  JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v)) ? `number ${Object.is(v, -0) ? '-0' : String(v)}` : v));

const SHAPES = [
  { tiers: REACH_TIERS, odd: 0, nan: false, days: 60 },
  { tiers: REACH_TIERS, odd: 0.3, nan: true, days: 60 },
  { tiers: REACH_TIERS, odd: 0.3, nan: false, days: 3 },
  { tiers: ['everyday', 'mega'] as const, odd: 0.05, nan: true, days: 30 },
  { tiers: ['micro'] as const, odd: 0.5, nan: false, days: 10 },
];

describe('the fairness report against a plain reference', () => {
  it('gives the same tiers, agents, channels, ratio, weeks and policy counts', () => {
    const rand = mulberry32(23);
    const later: SlaPolicy = { ...DEFAULT_POLICY, name: 'later', timezone: 'America/New_York' };
    for (const n of [0, 1, 2, 7, 63, 64, 65, 300, 3000]) {
      for (const shape of SHAPES) {
        const data = randomRows(n, rand, shape);
        const evaluated = {
          versions: [{ from: null, policy: DEFAULT_POLICY }, { from: '2026-03-20T00:00:00Z', policy: later }],
          nowMs: START + 100 * DAY,
          counts: { mentions: n, noise: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 },
        };
        const order = Array.from(data.keys()).reverse();
        const report = fairnessOfRows(rowsOf(data), order, evaluated, { resamples: RESAMPLES, seed: SEED });
        const c = referenceRatio(data);
        const agents = groupBy(data, (r) => r.agent ?? NO_AGENT);
        const channels = groupBy(data, (r) => r.channel);
        const what = `n=${n} ${JSON.stringify(shape)}`;
        expect(exact(report.tiers), what).toBe(exact(Object.fromEntries(REACH_TIERS.map((t) => [t, referenceStats(data.filter((r) => r.tier === t))]))));
        expect(exact(report.byAgent), what).toBe(exact(Object.fromEntries([...agents.keys()].sort().map((a) => [a, referenceStats(agents.get(a)!)]))));
        const byChannel = Object.fromEntries(Object.entries(report.byChannel).map(([ch, { promise: _, ...stats }]) => [ch, stats]));
        expect(exact(byChannel), what).toBe(exact(Object.fromEntries(CHANNELS.filter((ch) => channels.has(ch)).map((ch) => [ch, referenceStats(channels.get(ch)!)]))));
        expect(exact([report.fairnessRatio, report.fairnessRatioCI90, report.slowestTier, report.fastestTier]), what).toBe(exact([c.ratio, c.ci, c.slowest, c.fastest]));
        expect(report.sampleSizes, what).toEqual(Object.fromEntries(REACH_TIERS.map((t) => [t, sortedTimes(data.filter((r) => r.tier === t)).length])));
        expect(exact(report.weekly), what).toBe(exact(referenceWeeks(data, later.timezone)));
        expect(report.policies.map((p) => p.mentions), what).toEqual([0, 1].map((i) => data.filter((r) => r.policyIndex === i).length));
      }
    }
  });

  it('counts a channel not listed in its tier and agent but in no channel, and refuses a tier not known', () => {
    const data = randomRows(200, mulberry32(5), SHAPES[0]!);
    const odd = data.map((r, k) => (k % 3 === 0 ? { ...r, channel: 'carrier-pigeon' as Channel } : r));
    const evaluated = { versions: [{ from: null, policy: DEFAULT_POLICY }], nowMs: START + 100 * DAY, counts: { mentions: odd.length, noise: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 } };
    const report = fairnessOfRows(rowsOf(odd), Array.from(odd.keys()), evaluated, { resamples: RESAMPLES, seed: SEED });
    expect(exact(report.tiers)).toBe(exact(Object.fromEntries(REACH_TIERS.map((t) => [t, referenceStats(odd.filter((r) => r.tier === t))]))));
    const agents = groupBy(odd, (r) => r.agent ?? NO_AGENT);
    expect(exact(report.byAgent)).toBe(exact(Object.fromEntries([...agents.keys()].sort().map((a) => [a, referenceStats(agents.get(a)!)]))));
    expect(Object.keys(report.byChannel).sort()).toEqual([...new Set(odd.map((r) => r.channel))].filter((ch) => (ch as string) !== 'carrier-pigeon').sort());
    expect(Object.values(report.byChannel).reduce((sum, c) => sum + c.mentions, 0)).toBe(odd.length - Math.ceil(odd.length / 3));
    const unknown = data.map((r, k) => (k === 150 ? { ...r, tier: 'giga' as ReachTier } : r));
    expect(() => fairnessOfRows(rowsOf(unknown), Array.from(unknown.keys()), evaluated, { resamples: RESAMPLES, seed: SEED })).toThrow('unknown reach tier giga');
  });
});

describe('the tier boxes against a sorted copy', () => {
  it('give the nearest-rank percentiles and the median a sort gives, signed zeros and NaN included, from the rows or from the report\'s own samples', () => {
    const rand = mulberry32(29);
    for (const n of [0, 1, 2, 3, 4, 5, 9, 10, 64, 101, 1000, 20_001]) {
      for (const shape of SHAPES) {
        const data = randomRows(n, rand, shape);
        const boxes = tierBoxesOfRows(rowsOf(data));
        const expected = REACH_TIERS.map((tier) => {
          const s = sortedTimes(data.filter((r) => r.tier === tier));
          return { tier, n: s.length, p10: nearestRankOfSorted(s, 10), q1: nearestRankOfSorted(s, 25), median: medianOfSorted(s), q3: nearestRankOfSorted(s, 75), p90: nearestRankOfSorted(s, 90) };
        });
        expect(exact(boxes), `n=${n} ${JSON.stringify(shape)}`).toBe(exact(expected));
        // The same from the samples the report's tier figures were taken from (after the report: sorted or rearranged by then).
        const extras: RowsExtras = {};
        const steps = fairnessOfRowsSteps(rowsOf(data), Array.from(data.keys()), { versions: [{ from: null, policy: DEFAULT_POLICY }], nowMs: START + 100 * DAY, counts: { mentions: n, noise: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 } }, { resamples: RESAMPLES, seed: SEED }, extras);
        while (!steps.next().done);
        expect(exact(tierBoxesOfTimes(extras.tierTimes!)), `from the report's samples, n=${n} ${JSON.stringify(shape)}`).toBe(exact(expected));
      }
    }
  });

  it('select each rank given, repeats included, and refuse ranks out of order', () => {
    const xs = Float64Array.of(3, -0, 0, 1, -0, 2, 0);
    const sorted = xs.slice().sort();
    const ranks = [0, 1, 1, 2, 3, 5, 6];
    expect(exact(valuesAtRanks(xs.slice(), ranks))).toBe(exact(ranks.map((k) => sorted[k])));
    expect(() => valuesAtRanks(xs.slice(), [2, 1])).toThrow(RangeError);
    expect(() => valuesAtRanks(xs.slice(), [7])).toThrow(RangeError);
  });
});
