/**
 * Remembered bootstrap intervals (stats.ts): a report asks for the same interval again (every week
 * that did not change), and gets it without drawing the resamples again. The figures must be the
 * ones worked out afresh, case by case: equal samples hit, anything else that bears on the interval
 * misses, and stored entries taken back give the same intervals.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { bootstrapMedianRatio, forgetIntervals, intervalsKnown, knownIntervals, medianRatioInterval, mulberry32, rememberIntervals, sortedCopy, type RatioInterval, type Sample } from '../../../src-main/shared/sla/stats';
import { computeFairness } from '../../../src-main/shared/sla/fairness';
import { generateDemoHistory } from '../../../src-renderer/demo-history/generate';

const rand = mulberry32(42);
const sample = (n: number, scale: number): Float64Array => sortedCopy(Array.from({ length: n }, () => Math.round(scale * (1 + 3 * rand()) * 100) / 100));

const cases: Array<{ name: string; slower: Float64Array; faster: Float64Array; opts?: { resamples?: number; seed?: number; level?: number } }> = [
  { name: 'small odd samples', slower: sortedCopy([20, 30, 45, 70, 80, 90, 110]), faster: sortedCopy([20, 25, 30, 40, 50]) },
  { name: 'small even samples', slower: sortedCopy([20, 30, 45, 70, 80, 90, 110, 180]), faster: sortedCopy([20, 25, 30, 40, 50, 70]) },
  { name: 'no variation', slower: sortedCopy([60, 60, 60, 60, 60]), faster: sortedCopy([30, 30, 30, 30, 30]) },
  { name: 'a week of a tier', slower: sample(3_000, 50), faster: sample(200, 24) },
  { name: 'a year of a tier', slower: sample(93_000, 50), faster: sample(18_000, 24) },
  { name: 'another seed', slower: sample(500, 40), faster: sample(400, 30), opts: { seed: 7 } },
  { name: 'fewer resamples', slower: sample(500, 40), faster: sample(400, 30), opts: { resamples: 300 } },
  { name: 'another level', slower: sample(500, 40), faster: sample(400, 30), opts: { level: 0.8 } },
];

/** Worked out with nothing remembered. */
function afresh(c: (typeof cases)[number]): RatioInterval {
  forgetIntervals();
  const r = bootstrapMedianRatio(c.slower, c.faster, c.opts);
  forgetIntervals();
  return r;
}

describe('remembered bootstrap intervals', () => {
  beforeEach(() => forgetIntervals());

  it.each(cases)('$name: remembered equals worked out afresh', (c) => {
    const fresh = afresh(c);
    const first = bootstrapMedianRatio(c.slower, c.faster, c.opts);
    expect(intervalsKnown()).toBe(1);
    const again = bootstrapMedianRatio(Float64Array.from(c.slower), [...c.faster], c.opts); // equal copies, even a plain array
    expect(intervalsKnown()).toBe(1);
    expect(first).toEqual(fresh);
    expect(again).toEqual(fresh);
    // What a caller does with its answer does not reach the remembered one.
    again.ci[0] = -1;
    expect(bootstrapMedianRatio(c.slower, c.faster, c.opts)).toEqual(fresh);
  });

  it('misses when anything bearing on the interval differs: one value, the seed, the resamples, the level, the order of the groups', () => {
    const c = cases[3]!;
    bootstrapMedianRatio(c.slower, c.faster);
    const nudged = Float64Array.from(c.slower);
    nudged[1000] = nudged[1000]! + 0.01;
    const variants: Array<[ArrayLike<number>, ArrayLike<number>, { resamples?: number; seed?: number; level?: number }]> = [
      [nudged, c.faster, {}],
      [c.slower, c.faster, { seed: 1 }],
      [c.slower, c.faster, { resamples: 1999 }],
      [c.slower, c.faster, { level: 0.95 }],
      [c.faster, c.slower, {}],
    ];
    for (const [a, b, o] of variants) {
      const got = bootstrapMedianRatio(a, b, o);
      forgetIntervals();
      expect(got).toEqual(bootstrapMedianRatio(a, b, o));
    }
  });

  it('stored and taken back in a new session, give the same intervals; malformed entries are ignored', () => {
    const fresh = cases.map(afresh);
    cases.forEach((c) => bootstrapMedianRatio(c.slower, c.faster, c.opts));
    const stored = JSON.parse(JSON.stringify(knownIntervals())) as Array<[string, RatioInterval]>;
    forgetIntervals();
    rememberIntervals([...stored, ['bad', { ratio: 'x' } as unknown as RatioInterval]]);
    expect(intervalsKnown()).toBe(cases.length);
    cases.forEach((c, k) => expect(bootstrapMedianRatio(c.slower, c.faster, c.opts)).toEqual(fresh[k]));
    expect(intervalsKnown()).toBe(cases.length);
  });

  it('leave a whole report as it was: the demo history by tier and by language, twice, equals each worked out afresh', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const events = generateDemoHistory({ endMs: now, days: 60 });
    for (const by of [undefined, 'lang' as const]) {
      forgetIntervals();
      const fresh = computeFairness(events, { now: new Date(now), by });
      expect(computeFairness(events, { now: new Date(now), by })).toEqual(fresh);
      expect(computeFairness(events, { now: new Date(now), by })).toEqual(fresh);
    }
  });

  it('are found by the samples\' values in any order, and equal the interval worked out from them sorted', () => {
    for (const c of cases) {
      const fresh = afresh(c);
      const shuffle = (xs: Float64Array): Float64Array => {
        const out = Float64Array.from(xs);
        for (let i = out.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      };
      const slower = shuffle(c.slower);
      const faster = shuffle(c.faster);
      let sorts = 0;
      const sample = (xs: Float64Array): Sample => ({ values: xs, sorted: () => (sorts++, Float64Array.from(xs).sort()) });
      // Not remembered: worked out from the values sorted, the same interval as from sorted input.
      expect(medianRatioInterval(sample(slower), sample(faster), c.opts)).toEqual(fresh);
      expect(sorts).toBe(2);
      // Remembered: found without sorting, whichever order the values come in.
      expect(medianRatioInterval(sample(shuffle(slower)), sample(faster), c.opts)).toEqual(fresh);
      expect(bootstrapMedianRatio(c.slower, c.faster, c.opts)).toEqual(fresh);
      expect(sorts, 'no sort once remembered').toBe(2);
      forgetIntervals();
    }
  });

  it('are kept under keys that stay the same from one version to the next, so a saved interval is found after an update', () => {
    // Keys of the order-free hashing (stop 46; intervals-store.ts VERSION 2 left the earlier ones behind).
    forgetIntervals();
    bootstrapMedianRatio(Float64Array.from([30, 45.5, 61]), [10, 12.25, 20, 80], { resamples: 50, seed: 7 });
    bootstrapMedianRatio(Float64Array.from({ length: 1001 }, (_, i) => i / 7), Float64Array.from({ length: 999 }, (_, i) => i / 9));
    expect(knownIntervals().map(([k]) => k)).toEqual(['3:1ujcn4i:16bvr0b/4:1sizdfj:1dzunt9/50/7/0.9', '1001:viff8r:1unyxga/999:1k4vkrb:1y8rgwm/2000/24301/0.9']);
  });
});
