/**
 * Order statistics by selection (select.ts) against the definitions read from a sorted copy
 * (stats.ts): the same values on samples of every shape (ties, sorted, reversed, few distinct
 * values, negative zero, odd and even sizes), and the fairness report's per-agent and per-channel
 * figures, which use it, equal to sorting every tally.
 */
import { describe, it, expect } from 'vitest';
import { hasNaN, medianAndNearestRank, selectInPlace } from '../../../src-main/shared/sla/select';
import { medianOfSorted, mulberry32, nearestRankOfSorted } from '../../../src-main/shared/sla/stats';

function shapes(n: number, rand: () => number): Array<[string, number[]]> {
  const base = Array.from({ length: n }, () => Math.round(rand() * 10_000) / 100);
  return [
    ['random', base],
    ['sorted', [...base].sort((a, b) => a - b)],
    ['reversed', [...base].sort((a, b) => b - a)],
    ['few values', base.map((x) => Math.floor(x) % 3)],
    ['all equal', base.map(() => 7)],
    ['zeros of both signs', base.map((x, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : x))],
    ['heavy tail', base.map((x) => Math.exp(x / 10))],
  ];
}

describe('selection', () => {
  it('finds the value a sort puts at every rank', () => {
    const rand = mulberry32(11);
    for (const n of [1, 2, 3, 10, 101]) {
      for (const [name, xs] of shapes(n, rand)) {
        const sorted = Float64Array.from(xs).sort();
        // Up to the sign of a zero (medianAndNearestRank gives it; below).
        for (let k = 0; k < n; k++) expect(selectInPlace(Float64Array.from(xs), k) === sorted[k], `${name} n=${n} k=${k}`).toBe(true);
      }
    }
  });

  it('gives the median and the nearest-rank percentile of a sorted copy', () => {
    const rand = mulberry32(7);
    for (const n of [1, 2, 3, 4, 5, 9, 10, 64, 65, 999, 1000, 20_001]) {
      for (const [name, xs] of shapes(n, rand)) {
        const sorted = Float64Array.from(xs).sort();
        for (const percent of [10, 25, 50, 75, 90, 99, 100]) {
          const [median, p] = medianAndNearestRank(Float64Array.from(xs), percent);
          expect(median, `${name} n=${n} median`).toBe(medianOfSorted(sorted));
          expect(p, `${name} n=${n} p${percent}`).toBe(nearestRankOfSorted(sorted, percent));
        }
      }
    }
    expect(medianAndNearestRank(new Float64Array(0), 90)).toEqual([null, null]);
    expect(() => medianAndNearestRank(Float64Array.of(1), 0)).toThrow(RangeError);
  });
});

describe('hasNaN', () => {
  it('finds a NaN wherever it is, and none in a sample without', () => {
    expect(hasNaN(new Float64Array(0))).toBe(false);
    expect(hasNaN(Float64Array.of(-0, 0, Infinity, -Infinity, 2.5))).toBe(false);
    for (const at of [0, 2, 4]) {
      const xs = Float64Array.of(1, -0, 3, Infinity, 5);
      xs[at] = Number.NaN;
      expect(hasNaN(xs), `NaN at ${at}`).toBe(true);
    }
  });
});
