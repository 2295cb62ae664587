/** The newest change per mention (db/due-changes.ts), as both readers of the told changes keep it. */
import { describe, it, expect } from 'vitest';
import { NewestChange } from '../../src-renderer/db/due-changes';

describe('NewestChange', () => {
  it('takes a change only when newer than the one taken, and forgets those older than a late one can be', () => {
    const o = new NewestChange();
    expect(o.take('a', 1_000_000)).toBe(true);
    expect(o.take('a', 500_000), 'older').toBe(false);
    expect(o.take('a', 1_000_000), 'the same change again').toBe(false);
    expect(o.noneAfter('a', 999_999)).toBe(false);
    expect(o.idsAfter(0)).toEqual(['a']);
    // 61 s of numbers (µs) later: a's change is older than any that can still arrive late.
    expect(o.take('b', 62_000_000)).toBe(true);
    o.forgetOld();
    expect(o.noneAfter('a', 0)).toBe(true);
    expect(o.take('b', 61_000_000), 'b is kept').toBe(false);
    o.forgetUpTo(62_000_000);
    expect(o.idsAfter(-Infinity)).toEqual([]);
  });
});
