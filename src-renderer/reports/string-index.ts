/**
 * The report facts' string table (languages, sources, authors' handles, topic sets: facts.ts
 * `strings`) looked up by value, without a map of every string. A save stores the table's order
 * (its indexes sorted by value, `<` on UTF-16 code units) beside it, so a new session finds a string
 * by a binary search through that order, and only the strings added since sit in a map. Making a map
 * of the 145,000 strings of the fairness bench's 200,000 mentions (a handle per author) took a new
 * session 60-120 ms, most of the facts' index, before the first report: every string hashed anew.
 * Without a stored order that fits (a save from before it), a map of them all, as before.
 */

/** Whether `order` lists every index of `strings` once, by value: each string strictly after the one before. */
function isOrderOf(strings: readonly string[], order: unknown): order is Int32Array {
  // By its tag: a value read back may come from another realm.
  if (Object.prototype.toString.call(order) !== '[object Int32Array]' || (order as Int32Array).length !== strings.length) return false;
  const n = strings.length;
  const o = order as Int32Array;
  for (let k = 0; k < n; k++) {
    const i = o[k]!;
    if (i < 0 || i >= n) return false;
    // Strictly increasing values: no index twice (the table holds each value once).
    if (k > 0 && !(strings[o[k - 1]!]! < strings[i]!)) return false;
  }
  return true;
}

export class StringIndex {
  /** Indexes of the strings there when the index was made, by value (empty: all in `extra`). */
  private readonly sorted: Int32Array;
  private readonly extra: Map<string, number>;

  /** `order`: the stored order of these very strings (StringIndex.order); checked, and ignored when it does not fit. */
  constructor(
    private readonly strings: readonly string[],
    order?: unknown,
  ) {
    if (isOrderOf(strings, order)) {
      this.sorted = order;
      this.extra = new Map();
    } else {
      this.sorted = new Int32Array(0);
      this.extra = new Map(strings.map((s, i) => [s, i]));
    }
  }

  /** How many strings the stored order covers (0: it did not fit, or there was none; all are in the map). */
  get ordered(): number {
    return this.sorted.length;
  }

  get(s: string): number | undefined {
    const { sorted, strings } = this;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = strings[sorted[mid]!]!;
      if (v === s) return sorted[mid];
      if (v < s) lo = mid + 1;
      else hi = mid;
    }
    return this.extra.get(s);
  }

  /** A string appended to the table after the index was made, at `k`. */
  set(s: string, k: number): void {
    this.extra.set(s, k);
  }

  /**
   * Every index of the table, by value: what a save stores. The strings added since are sorted and
   * merged in (a few thousand a session), not the whole table sorted again; without an order read
   * back, the whole table is sorted once.
   */
  order(): Int32Array {
    const { sorted, strings, extra } = this;
    if (extra.size === 0) return sorted;
    // The values sorted by the engine's own string order (the same as `<`: UTF-16 code units, and no
    // comparator called per pair: a third of the time for the whole table), then their indexes.
    const added = Int32Array.from([...extra.keys()].sort(), (s) => extra.get(s)!);
    const out = new Int32Array(sorted.length + added.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < out.length; k++) {
      const takeOld = j >= added.length || (i < sorted.length && strings[sorted[i]!]! < strings[added[j]!]!);
      out[k] = takeOld ? sorted[i++]! : added[j++]!;
    }
    return out;
  }
}
