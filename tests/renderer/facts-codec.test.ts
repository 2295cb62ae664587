/**
 * The report columns' smaller stored form (facts-codec.ts): every value comes back exactly, in a
 * column of the same kind and length, and a stored form that does not fit is refused, not guessed at.
 */
import { describe, it, expect } from 'vitest';
import { decodeColumn, encodeColumn, type Encoded } from '../../src-renderer/reports/facts-codec';

const N = 1000;
const LEN = N + 64;
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** The column as facts hold it: `n` rows, then room (zeros). */
function column<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(Kind: new (n: number) => T, values: (i: number) => number): T {
  const c = new Kind(LEN);
  for (let i = 0; i < N; i++) c[i] = values(i);
  return c;
}

const post = column(Float64Array, (i) => T0 + i * 97_003);
const kindName = (c: ArrayBufferView): 'Uint8Array' | 'Int32Array' | 'Float64Array' | 'Float32Array' => Object.prototype.toString.call(c).slice(8, -1) as never;

/** Encoded then decoded, as facts-save.ts does; the stored form's `as` (or 'as-is'). */
function roundTrip(c: Float64Array | Float32Array | Int32Array | Uint8Array): { form: string; back: ArrayLike<number> } {
  const enc = encodeColumn(c, N, c.slice(), post);
  const back = decodeColumn(structuredClone(enc), kindName(c), N, LEN, post);
  expect(back, 'decoded').toBeDefined();
  expect(kindName(back!)).toBe(kindName(c));
  expect(back!.length).toBe(LEN);
  return { form: ArrayBuffer.isView(enc) ? 'as-is' : enc.as, back: back! };
}

function expectSame(back: ArrayLike<number>, c: ArrayLike<number>): void {
  for (let i = 0; i < LEN; i++) if (!Object.is(back[i], c[i])) expect({ row: i, value: back[i] }).toEqual({ row: i, value: c[i] });
}

describe('the stored form of a report column', () => {
  it('keeps whole numbers in the narrowest array that holds them, and 32 bits when nothing narrower does', () => {
    const cases: [string, (i: number) => number, string][] = [
      ['agents', (i) => (i % 7) - 1, 'ints'],
      ['a table of 30,000 strings', (i) => (i * 41) % 30_000, 'ints'],
      ['a table of 40,000 strings', (i) => (i * 41) % 40_000, 'as-is'],
      ['the 32-bit extremes', (i) => (i % 2 ? 2 ** 31 - 1 : -(2 ** 31)), 'as-is'],
      ['-128 and 127', (i) => (i % 2 ? 127 : -128), 'ints'],
      ['-129', (i) => (i === 5 ? -129 : 3), 'ints'],
    ];
    for (const [label, values, form] of cases) {
      const c = column(Int32Array, values);
      const r = roundTrip(c);
      expect(r.form, label).toBe(form);
      expectSame(r.back, c);
    }
    const wide = encodeColumn(column(Int32Array, (i) => (i === 3 ? 30_000 : 0)), N, new Int32Array(LEN), post) as Encoded & { data: Int16Array };
    expect(Object.prototype.toString.call(wide.data)).toBe('[object Int16Array]');
  });

  it('keeps a column mostly one value as that value and the rows that differ, -0 and NaN included', () => {
    const specials = [NaN, -Infinity, Infinity, 0];
    for (const value of specials) {
      const c = column(Float64Array, (i) => (i % 10 === 3 ? T0 + i * 1.5 : i === 9 ? -0 : i === 19 ? NaN : value));
      const r = roundTrip(c);
      expect(r.form, String(value)).toBe('mostly');
      expectSame(r.back, c);
    }
    const scores = column(Float32Array, (i) => (i % 5 === 0 ? Math.fround(-0.61) : 0));
    const r = roundTrip(scores);
    expect(r.form).toBe('mostly');
    expectSame(r.back, scores);
  });

  it('keeps times as milliseconds after the post time, and apart those that are not whole, too far or not times', () => {
    const odd = new Map<number, number>([
      [1, Infinity],
      [2, NaN],
      [3, T0 + 3 * 97_003 + 0.5],
      [4, T0 + 4 * 97_003 + 30 * DAY],
      [5, T0 + 5 * 97_003 - 30 * DAY],
      [6, T0 + 6 * 97_003 + 2 ** 31 - 1],
      [7, T0 + 7 * 97_003 - 2 ** 31],
    ]);
    const c = column(Float64Array, (i) => odd.get(i) ?? T0 + i * 97_003 + (i % 3) * 3_600_000 - 5);
    const enc = encodeColumn(c, N, c.slice(), post) as Encoded & { rows: Int32Array };
    expect(enc.as).toBe('after-post');
    expect([...enc.rows]).toEqual([1, 2, 3, 4, 5]);
    expectSame(roundTrip(c).back, c);
  });

  it('stores a column as it is when no smaller form fits', () => {
    const scattered = column(Float64Array, (i) => [Infinity, NaN, T0 + i * 0.25][i % 3]!);
    expect(roundTrip(scattered).form).toBe('as-is');
    expect(roundTrip(post).form, 'the post times themselves').toBe('as-is');
    expect(roundTrip(column(Uint8Array, (i) => i % 5)).form).toBe('as-is');
  });

  it('refuses a stored form that does not fit the column or the rows', () => {
    const good = encodeColumn(column(Float64Array, (i) => (i === 4 ? T0 : NaN)), N, new Float64Array(LEN), post) as Encoded & { rows: Int32Array; values: Float64Array };
    const ints = encodeColumn(column(Int32Array, (i) => i % 3), N, new Int32Array(LEN), post) as Encoded & { data: Int8Array };
    const times = encodeColumn(column(Float64Array, (i) => T0 + i * 97_003 + 60_000), N, new Float64Array(LEN), post);
    const bad: [string, unknown, 'Int32Array' | 'Float64Array' | 'Float32Array' | 'Uint8Array', Float64Array | undefined][] = [
      ['narrowed ints for a float column', ints, 'Float64Array', post],
      ['narrowed ints of another length', { ...ints, data: ints.data.subarray(1) }, 'Int32Array', post],
      ['a row past the rows', { ...good, rows: Int32Array.of(N) }, 'Float64Array', post],
      ['a negative row', { ...good, rows: Int32Array.of(-1) }, 'Float64Array', post],
      ['rows and values of other lengths', { ...good, values: new Float64Array(2) }, 'Float64Array', post],
      ['values of another kind', { ...good, values: Float32Array.of(1) }, 'Float64Array', post],
      ['times without the post times', times, 'Float64Array', undefined],
      ['an unknown form', { as: 'zipped', rows: new Int32Array(0) }, 'Float64Array', post],
      ['a column of another kind', new Float32Array(LEN), 'Float64Array', post],
      ['a column too short', new Float64Array(N - 1), 'Float64Array', post],
      ['nothing', undefined, 'Float64Array', post],
    ];
    for (const [label, stored, kind, p] of bad) expect(decodeColumn(stored, kind, N, LEN, p), label).toBeUndefined();
    expect(decodeColumn(good, 'Float64Array', N, LEN, post)).toBeDefined();
  });
});
