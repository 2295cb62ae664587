/**
 * The statistics the fairness report is made of, defined exactly as INTERFACES.md states them so a
 * team lead can check a figure by hand: median (the middle value, or the mean of the two middle
 * values), p90 by nearest rank, and a bootstrap interval for the ratio of two tiers' medians.
 *
 * Everything random here is seeded: the same input always gives the same interval.
 */

/** Ascending copy; the report's inputs are never sorted in place behind a caller's back. */
export function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median of an ascending array; null when empty. */
export function medianOfSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Nearest rank: the smallest value with at least `percent`% of the values at or below it, i.e. the
 * value at 1-based rank ceil(percent/100 * n). Computed as an integer division so 90% of 30 is 27,
 * not the 27.000000000000004 that 0.9 * 30 gives.
 */
export function nearestRankOfSorted(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[nearestRankIndex(n, percent)]!;
}

/** Where nearestRankOfSorted reads in n ascending values (0-based; n > 0). */
export function nearestRankIndex(n: number, percent: number): number {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  return Math.max(1, Math.ceil((percent * n) / 100)) - 1;
}

export const median = (values: readonly number[]): number | null => medianOfSorted(sortedCopy(values));
export const p90 = (values: readonly number[]): number | null => nearestRankOfSorted(sortedCopy(values), 90);

/** breached / eligible, or null when nothing was eligible (no answer yet and nothing past due). */
export function rate(count: number, of: number): number | null {
  return of === 0 ? null : count / of;
}

/**
 * Medians below this many minutes count as this many in a ratio: a tier answered in zero business
 * minutes (e.g. on a weekend, before the clock starts) would otherwise make any ratio infinite.
 */
export const RATIO_FLOOR_MINUTES = 1;

export function medianRatio(slower: number, faster: number): number {
  return Math.max(slower, RATIO_FLOOR_MINUTES) / Math.max(faster, RATIO_FLOOR_MINUTES);
}

// ---- seeded randomness ------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; plenty for resampling. Returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  // Box-Muller; 1 - rand() is in (0, 1], so the log is finite.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang, 2000). */
function gamma(shape: number, rand: () => number): number {
  if (shape === 1) return -Math.log(1 - rand());
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rand();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The median of one bootstrap resample (n draws with replacement) of an ascending sample, drawn in
 * constant time instead of O(n).
 *
 * Why this is the same thing: drawing index floor(n * U) for n uniform U's is drawing n indices with
 * replacement, and floor is monotone, so the k-th smallest index is floor(n * U(k)), where U(k) is
 * the k-th smallest of n uniforms. U(k) = S(k) / S(n+1) for S(j) a sum of j standard exponentials,
 * i.e. Gamma(k) / (Gamma(k) + Gamma(n+1-k)). For an even n the two middle order statistics share
 * the first k exponentials. The unit tests check the distribution against plain resampling.
 * This keeps 2,000 resamples of a 100,000-mention tier to milliseconds.
 */
export function resampledMedian(sorted: ArrayLike<number>, rand: () => number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('cannot resample an empty sample');
  const at = (u: number): number => sorted[Math.min(n - 1, Math.floor(n * u))]!;
  if (n % 2 === 1) {
    const k = (n + 1) / 2;
    const x = gamma(k, rand);
    return at(x / (x + gamma(n + 1 - k, rand)));
  }
  const k = n / 2;
  const x = gamma(k, rand);
  const e = gamma(1, rand);
  const total = x + e + gamma(n - k, rand);
  return (at(x / total) + at((x + e) / total)) / 2;
}

export interface RatioInterval {
  ratio: number;
  /** Percentile bootstrap interval, widened if need be so it always holds `ratio`. */
  ci: [number, number];
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 0x5eed;

/**
 * The ratio of the slower group's median to the faster group's, with a bootstrap interval: each
 * resample draws every group again from itself (within the group, same size) and takes the same
 * ratio; the interval is the central `level` of those ratios by nearest rank. The two groups are the
 * ones the point estimate names, so the interval answers "how sure are we that THESE customers wait
 * longer", and it may dip below 1.
 *
 * In small or lumpy samples a percentile interval can miss its own estimate; the interval is then
 * widened to include it rather than shown beside a number it does not contain.
 */
export function bootstrapMedianRatio(
  slowerSorted: ArrayLike<number>,
  fasterSorted: ArrayLike<number>,
  opts: { resamples?: number; seed?: number; level?: number } = {},
): RatioInterval {
  return medianRatioInterval(sortedSample(slowerSorted), sortedSample(fasterSorted), opts);
}

/**
 * A sample in any order (`values`), and the same values sorted ascending, asked for only when an
 * interval has to be worked out: a remembered one is found by the values in the order they are in.
 */
export interface Sample {
  values: ArrayLike<number>;
  sorted(): ArrayLike<number>;
}

const sortedSample = (sorted: ArrayLike<number>): Sample => ({ values: sorted, sorted: () => sorted });

/**
 * bootstrapMedianRatio for samples in any order: the same interval, and the samples sorted only
 * when it is not remembered (the report's tiers and weeks: sorting the two tiers a year-long report
 * compares, 93,000 and 19,000 times, cost about 15 ms, and each of 52 weeks another two).
 */
export function medianRatioInterval(slower: Sample, faster: Sample, opts: { resamples?: number; seed?: number; level?: number } = {}): RatioInterval {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? 0.9;
  const seed = opts.seed ?? DEFAULT_SEED;
  const key = `${sampleKey(slower.values)}/${sampleKey(faster.values)}/${resamples}/${seed}/${level}`;
  const known = intervals.get(key);
  if (known) return { ratio: known.ratio, ci: [known.ci[0], known.ci[1]] };
  const worked = workOutInterval(slower.sorted(), faster.sorted(), resamples, seed, level);
  remember(key, worked);
  return { ratio: worked.ratio, ci: [worked.ci[0], worked.ci[1]] };
}

function workOutInterval(slowerSorted: ArrayLike<number>, fasterSorted: ArrayLike<number>, resamples: number, seed: number, level: number): RatioInterval {
  const ratio = medianRatio(medianOfSorted(slowerSorted)!, medianOfSorted(fasterSorted)!);
  const rand = mulberry32(seed);
  const ratios = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) ratios[b] = medianRatio(resampledMedian(slowerSorted, rand), resampledMedian(fasterSorted, rand));
  ratios.sort();
  // In percent, rounded so 0.9 gives exactly 5 and 95 (1 - 0.9 is 0.09999999999999998 in floating point).
  const tail = Math.round((1 - level) * 50 * 1e6) / 1e6;
  const lo = nearestRankOfSorted(ratios, tail)!;
  const hi = nearestRankOfSorted(ratios, 100 - tail)!;
  return { ratio, ci: [Math.min(lo, ratio), Math.max(hi, ratio)] };
}

// ---- intervals already worked out -------------------------------------------------------------
//
// The interval is a pure function of the two samples, the resamples, the seed and the level, and a
// report asks for the same ones again and again: every week of a year that did not change, every
// report after a few new replies. So each is kept under a key made of those inputs, each sample
// reduced to its length and two independent 32-bit hashes of the multiset of its values' exact bits.
// The interval depends on a sample's values, not their order (it draws from them sorted), and so
// does the key: each value's bits are hashed alone and the hashes added up, so a sample in the order
// a report's tallies left it finds the interval worked out from the same values sorted, without a
// sort. A wrong hit needs two samples of the same length colliding on 64 bits at once. The figures
// are the same whether an interval was worked out now or remembered; only the time differs (2,000
// resamples per week).

const intervals = new Map<string, RatioInterval>();
/** Enough for a few reports of a year of weeks by tier and by a grouping; oldest dropped first. */
const MAX_INTERVALS = 2048;

/** Intervals remembered since the start, never going down (their count stops at MAX_INTERVALS). */
let added = 0;

function remember(key: string, value: RatioInterval): void {
  if (intervals.size >= MAX_INTERVALS) intervals.delete(intervals.keys().next().value!);
  intervals.set(key, value);
  added++;
}

/**
 * `n:h1:h2`: h1 and h2 are sums (mod 2^32) of two different mixes of each value's float64 bits
 * (murmur3's finalizer over the two 32-bit words, combined two ways), so the order of the values does
 * not change them. The mixing is written out in the loop, with the sums in locals: as a closure, it
 * was not inlined in Chromium's report worker (64 ms of a new session's first all-time report there,
 * against 2 ms in Node).
 */
function sampleKey(values: ArrayLike<number>): string {
  const n = values.length;
  let h1 = 0;
  let h2 = 0;
  // The bits of each value as two 32-bit words (a sample in another kind of array copied first).
  const floats = values instanceof Float64Array ? values : Float64Array.from(values);
  const words = new Uint32Array(floats.buffer, floats.byteOffset, n * 2);
  for (let i = 0; i < words.length; i += 2) {
    const lo = words[i]!;
    const hi = words[i + 1]!;
    let a = (lo + Math.imul(hi ^ 0x85ebca6b, 0xcc9e2d51)) | 0;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    let b = (hi + Math.imul(lo ^ 0xc2b2ae35, 0x1b873593)) ^ 0x27d4eb2f;
    b ^= b >>> 15;
    b = Math.imul(b, 0x2c1b3c6d);
    b ^= b >>> 12;
    b = Math.imul(b, 0x297a2d39);
    b ^= b >>> 15;
    h1 = (h1 + a) | 0;
    h2 = (h2 + b) | 0;
  }
  return `${n}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}

/** The intervals remembered so far, to be stored (the report screen keeps them across sessions). */
export function knownIntervals(): Array<[string, RatioInterval]> {
  return [...intervals.entries()].map(([k, v]) => [k, { ratio: v.ratio, ci: [v.ci[0], v.ci[1]] }]);
}

/** Takes back intervals stored earlier (knownIntervals); malformed entries are ignored. */
export function rememberIntervals(entries: ReadonlyArray<readonly [string, RatioInterval]>): void {
  for (const [k, v] of entries) {
    const ok = typeof k === 'string' && typeof v?.ratio === 'number' && Array.isArray(v.ci) && typeof v.ci[0] === 'number' && typeof v.ci[1] === 'number';
    if (ok && !intervals.has(k)) remember(k, { ratio: v.ratio, ci: [v.ci[0], v.ci[1]] });
  }
}

/** Forgets every remembered interval (tests compare remembered with freshly worked out ones). */
export function forgetIntervals(): void {
  intervals.clear();
}

/** How many are remembered. */
export const intervalsKnown = (): number => intervals.size;

/**
 * How many were remembered since the start, old ones dropped included: the report screen stores
 * them again when this moved (their count alone stops moving once MAX_INTERVALS are kept).
 */
export const intervalsAdded = (): number => added;
