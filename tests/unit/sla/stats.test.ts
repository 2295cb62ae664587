/**
 * The report's statistics on cases small enough to check by hand, and the constant-time bootstrap
 * median checked against exact resampling probabilities.
 */
import { describe, it, expect } from 'vitest';
import {
  median,
  p90,
  rate,
  medianRatio,
  mulberry32,
  resampledMedian,
  bootstrapMedianRatio,
  nearestRankOfSorted,
  sortedCopy,
} from '../../../src-main/shared/sla/stats';

describe('median', () => {
  it('is the middle value of an odd count, whatever the input order', () => {
    expect(median([7, 1, 5])).toBe(5);
  });
  it('is the mean of the two middle values of an even count', () => {
    expect(median([10, 40, 20, 30])).toBe(25);
  });
  it('is null for nothing', () => {
    expect(median([])).toBeNull();
  });
  it('does not sort the caller’s array', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('p90 by nearest rank', () => {
  it('on 10 values is the 9th smallest (rank ceil(9.0) = 9)', () => {
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
  });
  it('on 11 values is the 10th smallest (rank ceil(9.9) = 10)', () => {
    expect(p90([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toBe(10);
  });
  it('on 30 values is the 27th, not the 28th that 0.9 * 30 = 27.000000000000004 would give', () => {
    expect(p90(Array.from({ length: 30 }, (_, i) => i + 1))).toBe(27);
  });
  it('on one value is that value', () => {
    expect(p90([42])).toBe(42);
  });
  it('rejects a percentile outside (0, 100]', () => {
    expect(() => nearestRankOfSorted([1], 0)).toThrow(RangeError);
  });
});

describe('breach rate and ratio', () => {
  it('breach rate is breaches over (answered + unanswered past due); null with nothing to judge', () => {
    // 8 answered of which 4 late, plus 1 unanswered past due: (4 + 1) / (8 + 1).
    expect(rate(5, 9)).toBeCloseTo(0.5556, 4);
    expect(rate(0, 0)).toBeNull();
  });
  it('ratio is slower median over faster median', () => {
    expect(medianRatio(75, 35)).toBeCloseTo(2.142857, 6);
  });
  it('floors medians at 1 minute so a zero median cannot make the ratio infinite', () => {
    expect(medianRatio(30, 0)).toBe(30);
    expect(medianRatio(0, 0)).toBe(1);
  });
});

describe('seeded randomness', () => {
  it('mulberry32 repeats itself for the same seed and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

/** Exact P(median of a resample <= sorted[j]) for an odd n: at least k of n draws land at or below j. */
function exactCdfOdd(n: number, j: number): number {
  const k = (n + 1) / 2;
  const p = (j + 1) / n;
  let choose = 1;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += choose * p ** i * (1 - p) ** (n - i);
    choose = (choose * (n - i)) / (i + 1);
  }
  return sum;
}

describe('the constant-time resampled median', () => {
  const DRAWS = 40_000;

  it('has the exact distribution of a resample’s median (odd n, against binomial probabilities)', () => {
    const sample = sortedCopy([3, 8, 1, 9, 4, 7, 2]); // n = 7
    const rand = mulberry32(1);
    const seen = new Map<number, number>();
    for (let i = 0; i < DRAWS; i++) {
      const m = resampledMedian(sample, rand);
      seen.set(m, (seen.get(m) ?? 0) + 1);
    }
    let cum = 0;
    for (let j = 0; j < sample.length; j++) {
      cum += seen.get(sample[j]!) ?? 0;
      // 40,000 draws: a standard error below 0.0025, so 0.01 is four of them.
      expect(Math.abs(cum / DRAWS - exactCdfOdd(sample.length, j))).toBeLessThan(0.01);
    }
  });

  it('matches plain resampling with replacement for an even n', () => {
    const sample = sortedCopy([5, 1, 12, 7, 3, 20]); // n = 6
    const fast = mulberry32(2);
    const slow = mulberry32(3);
    const plainMedian = (): number => {
      const r = Array.from({ length: sample.length }, () => sample[Math.floor(slow() * sample.length)]!).sort((a, b) => a - b);
      return (r[2]! + r[3]!) / 2;
    };
    const a = Array.from({ length: DRAWS }, () => resampledMedian(sample, fast)).sort((x, y) => x - y);
    const b = Array.from({ length: DRAWS }, plainMedian).sort((x, y) => x - y);
    // Compare the two distributions at every value either can take (a two-sample KS distance).
    const values = [...new Set([...a, ...b])];
    const cdf = (xs: number[], v: number): number => {
      let lo = 0;
      let hi = xs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      return lo / xs.length;
    };
    const ks = Math.max(...values.map((v) => Math.abs(cdf(a, v) - cdf(b, v))));
    expect(ks).toBeLessThan(0.015);
  });

  it('never leaves the sample for very large samples', () => {
    const big = sortedCopy(Array.from({ length: 100_001 }, (_, i) => i));
    const rand = mulberry32(4);
    for (let i = 0; i < 200; i++) {
      const m = resampledMedian(big, rand);
      expect(Number.isInteger(m) && m >= 0 && m <= 100_000).toBe(true);
      // The median of a resample of 100,001 stays within a few standard errors (~160) of 50,000.
      expect(Math.abs(m - 50_000)).toBeLessThan(2_000);
    }
  });
});

describe('bootstrap interval of the fairness ratio', () => {
  const slower = sortedCopy([20, 30, 45, 70, 80, 90, 110, 180]);
  const faster = sortedCopy([20, 25, 30, 40, 50, 70]);

  it('is the same for the same input and seed', () => {
    expect(bootstrapMedianRatio(slower, faster)).toEqual(bootstrapMedianRatio(slower, faster));
  });

  it('holds the point estimate and stays within what any resample could give', () => {
    const { ratio, ci } = bootstrapMedianRatio(slower, faster);
    expect(ratio).toBeCloseTo(75 / 35, 10);
    expect(ci[0]).toBeLessThanOrEqual(ratio);
    expect(ci[1]).toBeGreaterThanOrEqual(ratio);
    expect(ci[0]).toBeGreaterThanOrEqual(20 / 70);
    expect(ci[1]).toBeLessThanOrEqual(180 / 20);
  });

  it('narrows as samples grow', () => {
    const rand = mulberry32(9);
    const make = (n: number, scale: number): Float64Array => sortedCopy(Array.from({ length: n }, () => scale * (1 + rand())));
    const small = bootstrapMedianRatio(make(20, 60), make(20, 30));
    const large = bootstrapMedianRatio(make(20_000, 60), make(20_000, 30));
    expect(large.ci[1] - large.ci[0]).toBeLessThan((small.ci[1] - small.ci[0]) / 5);
    expect(large.ci[0]).toBeGreaterThan(1.9);
    expect(large.ci[1]).toBeLessThan(2.1);
  });

  it('is a single point when neither sample varies', () => {
    expect(bootstrapMedianRatio(sortedCopy([60, 60, 60, 60, 60]), sortedCopy([30, 30, 30, 30, 30]))).toEqual({ ratio: 2, ci: [2, 2] });
  });

  it('depends on the seed only through the resamples', () => {
    const a = bootstrapMedianRatio(slower, faster, { seed: 1 });
    const b = bootstrapMedianRatio(slower, faster, { seed: 2 });
    expect(a.ratio).toBe(b.ratio);
  });
});
