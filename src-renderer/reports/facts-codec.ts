/**
 * The report's columns in the smaller stored form that saves of version 6 used (facts-save.ts): each
 * value given back exactly. From version 7 the columns are stored as they are, in a Blob
 * (columns-blob.ts): read back as views of one buffer, they cost a new session less than these
 * forms' fewer bytes and their decoding (every decoded column is fresh memory, about 4 ms a MB on a
 * slow machine). decodeColumn still reads a save of 6, so an upgrade builds nothing; encodeColumn
 * makes such saves for the tests of that path. Each column was kept in the first form that fits:
 * - whole numbers (agents, string-table indexes) in the narrowest integer array that holds them all;
 * - a float column that is mostly one value (no backfilled clock start: NaN; never marked as noise:
 *   -Infinity) as that value and the rows that differ;
 * - a time column as whole milliseconds after the row's post time, 32 bits each, and the rows that
 *   do not fit so (no reply yet: +Infinity; a reply more than 24 days on) apart;
 * - else as it is.
 * A column stored as it is (a save of 5) reads back as it is.
 */

const kindOf = (x: unknown): string => Object.prototype.toString.call(x).slice(8, -1);

type Ints = Int32Array;
type Floats = Float64Array | Float32Array;
type Column = Uint8Array | Ints | Floats;

/** A column in its stored form: as it is (with its room), or one of these. */
export type Encoded =
  | { as: 'ints'; data: Int8Array | Int16Array }
  | { as: 'mostly'; value: number; rows: Int32Array; values: Floats }
  | { as: 'after-post'; delta: Int32Array; rows: Int32Array; values: Float64Array };

/** The narrowest integer array that holds the first `n` values, if narrower than 32 bits. */
function narrowed(col: Ints, n: number): Encoded | undefined {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const x = col[i]!;
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  if (lo >= -128 && hi <= 127) return { as: 'ints', data: Int8Array.from(col.subarray(0, n)) };
  if (lo >= -32768 && hi <= 32767) return { as: 'ints', data: Int16Array.from(col.subarray(0, n)) };
  return undefined;
}

/** The value most of the first `n` rows hold, among those a column left unset holds; undefined: none is. */
function mostlyValue(col: Floats, n: number): number | undefined {
  const candidates = [NaN, -Infinity, Infinity, 0];
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = col[i]!;
    if (x !== x) counts[0]!++;
    else if (x === -Infinity) counts[1]!++;
    else if (x === Infinity) counts[2]!++;
    else if (x === 0) counts[3]!++;
  }
  const best = counts.indexOf(Math.max(...counts));
  return counts[best]! * 2 >= n && n > 0 ? candidates[best] : undefined;
}

function mostly(col: Floats, n: number, value: number): Encoded {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!Object.is(col[i]!, value)) rows.push(i);
  const values = kindOf(col) === 'Float32Array' ? new Float32Array(rows.length) : new Float64Array(rows.length);
  rows.forEach((r, k) => (values[k] = col[r]!));
  return { as: 'mostly', value, rows: Int32Array.from(rows), values };
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Milliseconds after the post time; undefined when more than a quarter of the rows would not fit. */
function afterPost(col: Float64Array, post: Float64Array, n: number): Encoded | undefined {
  const delta = new Int32Array(n);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = col[i]! - post[i]!;
    // Whole, in range, and giving the value back exactly as stored (32 bits) and added back.
    if (Number.isInteger(d) && d >= INT32_MIN && d <= INT32_MAX && Object.is(post[i]! + (d | 0), col[i]!)) delta[i] = d;
    else rows.push(i);
  }
  if (rows.length * 4 > n) return undefined;
  return { as: 'after-post', delta, rows: Int32Array.from(rows), values: Float64Array.from(rows, (r) => col[r]!) };
}

/**
 * The stored form of a column's first `n` rows. `stored`: the column as stored when no smaller form
 * fits (facts.ts trimmed: the rows and their room). `post`: the post times, for the time columns.
 */
export function encodeColumn(col: Column, n: number, stored: Column, post?: Float64Array): Column | Encoded {
  // By tag, not instanceof: columns read back may come from another realm (tests).
  const kind = kindOf(col);
  if (kind === 'Int32Array') return narrowed(col as Ints, n) ?? stored;
  if (kind !== 'Float64Array' && kind !== 'Float32Array') return stored;
  const value = mostlyValue(col as Floats, n);
  if (value !== undefined) return mostly(col as Floats, n, value);
  return (post && kind === 'Float64Array' && col !== post ? afterPost(col as Float64Array, post, n) : undefined) ?? stored;
}

const isKind = (x: unknown, ...kinds: string[]): boolean => ArrayBuffer.isView(x) && kinds.includes(kindOf(x));

/** Scatters the rows that differ; false when one falls outside the first `n`. */
function scatter(out: Floats, rows: Int32Array, values: ArrayLike<number>, n: number): boolean {
  if (rows.length !== values.length) return false;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!(r >= 0 && r < n)) return false;
    out[r] = values[k]!;
  }
  return true;
}

/**
 * A column back from its stored form, `len` long (rows past `n` zero, as a new column's); undefined
 * when the stored form does not fit the column (`kind`: its typed array's name) or the rows. `post`:
 * the post times, read back first.
 */
export function decodeColumn(x: unknown, kind: 'Uint8Array' | 'Int32Array' | 'Float64Array' | 'Float32Array', n: number, len: number, post?: Float64Array): Column | undefined {
  if (ArrayBuffer.isView(x)) return kindOf(x) === kind && (x as Column).length >= n ? (x as Column) : undefined;
  const e = x as Partial<Record<string, unknown>> | null;
  if (typeof e !== 'object' || e === null) return undefined;
  if (e.as === 'ints') {
    if (kind !== 'Int32Array' || !isKind(e.data, 'Int8Array', 'Int16Array') || (e.data as Int8Array).length !== n) return undefined;
    const out = new Int32Array(len);
    out.set(e.data as Int8Array);
    return out;
  }
  if (kind !== 'Float64Array' && kind !== 'Float32Array') return undefined;
  if (!isKind(e.rows, 'Int32Array')) return undefined;
  const rows = e.rows as Int32Array;
  if (e.as === 'mostly') {
    if (typeof e.value !== 'number' || !isKind(e.values, kind)) return undefined;
    const out = kind === 'Float64Array' ? new Float64Array(len) : new Float32Array(len);
    out.fill(e.value, 0, n);
    return scatter(out, rows, e.values as Floats, n) ? out : undefined;
  }
  if (e.as === 'after-post') {
    if (kind !== 'Float64Array' || !post || !isKind(e.delta, 'Int32Array') || (e.delta as Int32Array).length !== n || !isKind(e.values, 'Float64Array')) return undefined;
    const delta = e.delta as Int32Array;
    const out = new Float64Array(len);
    for (let i = 0; i < n; i++) out[i] = post[i]! + delta[i]!;
    return scatter(out, rows, e.values as Float64Array, n) ? out : undefined;
  }
  return undefined;
}
