/**
 * Order statistics without sorting: the k-th smallest of n numbers in O(n) on average (Hoare's
 * selection), for a median and a nearest-rank percentile of a large sample. The values are the ones
 * stats.ts medianOfSorted and nearestRankOfSorted read from a sorted copy: the element a sort puts
 * at that rank, a zero's sign included. Numbers only, no NaN (a NaN orders nowhere; callers with one
 * sort instead).
 */

/** Whether xs holds a NaN (a loop: `some(Number.isNaN)` calls a function per value, 10 ms over 800,000). */
export function hasNaN(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i] !== xs[i]) return true;
  return false;
}

/** Rearranges xs[lo..hi] so that xs[k] is the value a sort puts there, smaller-or-equal ones before it, larger-or-equal after. */
export function selectInPlace(xs: Float64Array, k: number, lo = 0, hi = xs.length - 1): number {
  while (hi > lo) {
    // Median of three as the pivot: samples in time order (nearly sorted) stay linear.
    const mid = (lo + hi) >>> 1;
    const a = xs[lo]!;
    const b = xs[mid]!;
    const c = xs[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    // Now xs[lo..j] <= pivot <= xs[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

/**
 * A zero found at rank k with the sign a sort gives it: a typed array's sort puts -0 before +0, and
 * the comparisons of a selection do not tell them apart. Counted over the whole sample (only when the
 * value is a zero).
 */
function signed(xs: Float64Array, k: number, v: number): number {
  if (v !== 0) return v;
  let below = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]! < 0 || Object.is(xs[i], -0)) below++;
  return k < below ? -0 : 0;
}

/** The largest of xs[lo..hi] (hi >= lo). */
function maxOf(xs: Float64Array, lo: number, hi: number): number {
  let m = xs[lo]!;
  for (let i = lo + 1; i <= hi; i++) if (xs[i]! > m) m = xs[i]!;
  return m;
}

/**
 * The median (the middle value, or the mean of the two middle values) and the nearest-rank
 * `percent` percentile of xs, which it rearranges; nulls when empty. Equal to medianOfSorted and
 * nearestRankOfSorted over a sorted copy.
 */
export function medianAndNearestRank(xs: Float64Array, percent: number): [number | null, number | null] {
  const n = xs.length;
  if (n === 0) return [null, null];
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  const mid = n >> 1;
  const upper = signed(xs, mid, selectInPlace(xs, mid));
  // Everything before `mid` is at most xs[mid]: the one below the middle is their largest.
  const median = n % 2 === 1 ? upper : (signed(xs, mid - 1, maxOf(xs, 0, mid - 1)) + upper) / 2;
  const rank = Math.max(1, Math.ceil((percent * n) / 100)) - 1;
  // Selected within the side of the middle it is on (each side already holds its own values).
  const p = rank === mid ? upper : signed(xs, rank, rank > mid ? selectInPlace(xs, rank, mid + 1, n - 1) : selectInPlace(xs, rank, 0, mid - 1));
  return [median, p];
}

/**
 * The values a sort puts at each of `ranks` (0-based, ascending, a rank may repeat), found by
 * selection in xs, which it rearranges; zeros with the sign a sort gives them. Each rank is selected
 * among the values above the one before it: five ranks of a large sample cost a few passes over it,
 * far less than sorting it.
 */
export function valuesAtRanks(xs: Float64Array, ranks: readonly number[]): number[] {
  let lo = 0;
  return ranks.map((k) => {
    if (!(Number.isInteger(k) && k >= 0 && k >= lo - 1 && k < xs.length)) throw new RangeError(`ranks must ascend within 0..${xs.length - 1}, got ${ranks.join(', ')}`);
    // A repeated rank is in place already.
    const v = k < lo ? xs[k]! : selectInPlace(xs, k, lo);
    lo = k + 1;
    return signed(xs, k, v);
  });
}
