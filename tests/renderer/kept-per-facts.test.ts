/** Values kept per facts object (reports/kept-per-facts.ts): by key, the oldest dropped beyond the limit, each facts object apart. */
import { describe, it, expect } from 'vitest';
import { KeptPerFacts } from '../../src-renderer/reports/kept-per-facts';
import { emptyFacts } from '../../src-renderer/reports/facts';

describe('values kept per facts', () => {
  it('keeps up to the limit, dropping the one kept longest ago; keeping a key again makes it the newest', () => {
    const kept = new KeptPerFacts<number>(2);
    const f = emptyFacts();
    kept.keep(f, 'a', 1);
    kept.keep(f, 'b', 2);
    kept.keep(f, 'a', 3); // a is now the newest
    kept.keep(f, 'c', 4); // b goes
    expect([kept.get(f, 'a'), kept.get(f, 'b'), kept.get(f, 'c')]).toEqual([3, undefined, 4]);
  });

  it('keeps each facts object apart', () => {
    const kept = new KeptPerFacts<string>(1);
    const one = emptyFacts();
    const other = emptyFacts();
    kept.keep(one, 'k', 'one');
    kept.keep(other, 'k', 'other');
    expect([kept.get(one, 'k'), kept.get(other, 'k'), kept.get(one, 'missing')]).toEqual(['one', 'other', undefined]);
  });
});
