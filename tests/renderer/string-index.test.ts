/**
 * The report facts' string table looked up by value (string-index.ts): through a stored order, with
 * strings added since in a map, every string found at its own index; the order handed to a save is
 * the table sorted, new strings merged in; and an order that does not fit the table (another length,
 * an index out of range or twice, values out of order, another kind of array) is not trusted.
 */
import { describe, it, expect } from 'vitest';
import { StringIndex } from '../../src-renderer/reports/string-index';
import { mulberry32 } from '../../src-main/shared/sla/stats';

/** Odd values on purpose: NUL and the topic separator inside, an astral character, case, prefixes. */
const ODD = ['en', 'de', 'x:Mia', 'x:mia', 'x:mi', 'na\u0000me', 'a\u001fb', 'a', 'ab', '\u{1F600}smile', 'é', 'e', 'reddit:r/x'];

function table(n: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const out = new Set(ODD);
  while (out.size < n) out.add(`x:author${Math.floor(rand() * n * 10)}`);
  return [...out].sort(() => rand() - 0.5);
}

/** The table's indexes sorted by value, as `<` orders strings. */
const sortedOrder = (strings: readonly string[]): Int32Array => Int32Array.from(strings.keys()).sort((a, b) => (strings[a]! < strings[b]! ? -1 : 1));

function expectFindsAll(ix: StringIndex, strings: readonly string[]): void {
  strings.forEach((s, k) => expect(ix.get(s), JSON.stringify(s)).toBe(k));
  for (const missing of ['', 'zz', 'x:author', 'na', 'name', '\u0000']) expect(ix.get(missing), JSON.stringify(missing)).toBeUndefined();
}

describe('the string table index', () => {
  it('finds every string through a stored order and strings added since, and hands a save the table sorted', () => {
    for (const n of [13, 14, 500]) {
      const strings = table(n, n);
      const ix = new StringIndex(strings, sortedOrder(strings));
      expectFindsAll(ix, strings);
      expect([...ix.order()]).toEqual([...sortedOrder(strings)]);
      // Strings appended to the table later, as facts.ts stringId does.
      for (const s of ['x:new', 'A', 'zzz', 'na\u0000mf']) {
        strings.push(s);
        ix.set(s, strings.length - 1);
      }
      expectFindsAll(ix, strings);
      expect([...ix.order()]).toEqual([...sortedOrder(strings)]);
      // The next session, from the order that save stored.
      expectFindsAll(new StringIndex(strings, ix.order()), strings);
    }
  });

  it('without an order, maps every string, and sorts the whole table for the save', () => {
    const strings = table(300, 3);
    const ix = new StringIndex(strings);
    expectFindsAll(ix, strings);
    expect([...ix.order()]).toEqual([...sortedOrder(strings)]);
  });

  it('does not trust an order that does not fit the table', () => {
    const strings = table(200, 5);
    const good = sortedOrder(strings);
    const swapped = good.slice();
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    const twice = good.slice();
    twice[20] = twice[21]!;
    const outOfRange = good.slice();
    outOfRange[0] = strings.length;
    const bad: unknown[] = [good.slice(1), swapped, twice, outOfRange, Float64Array.from(good), [...good], 'order', undefined];
    for (const order of bad) {
      const ix = new StringIndex(strings, order);
      expectFindsAll(ix, strings);
      expect([...ix.order()]).toEqual([...good]);
    }
    // A table of one, its order naming a string that is not there.
    expectFindsAll(new StringIndex(['en'], Int32Array.of(1)), ['en']);
  });
});
