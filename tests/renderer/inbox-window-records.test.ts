import { describe, it, expect } from 'vitest';
import { sameValue } from '../../src-renderer/lib/same-value';
import { mergeWindow, OutOfViewWrites, withoutWritten } from '../../src-renderer/inbox/window-records';

describe('sameValue: records read again compare by content', () => {
  it.each([
    ['same string', 'a', 'a', true],
    ['other string', 'a', 'b', false],
    ['NaN and NaN', NaN, NaN, true],
    ['0 and "0"', 0, '0', false],
    ['null and {}', null, {}, false],
    ['undefined and null', undefined, null, false],
    ['equal arrays', [1, 'x', [2]], [1, 'x', [2]], true],
    ['arrays in another order', ['a', 'b'], ['b', 'a'], false],
    ['array and a look-alike object', ['a'], { 0: 'a', length: 1 }, false],
    ['nested objects, keys in another order', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, true],
    ['a nested value changed', { author: { name: 'Dana' } }, { author: { name: 'Dan' } }, false],
    ['a key missing against a key set to undefined', { a: 1 }, { a: 1, b: undefined }, false],
    ['a key set to undefined on each side', { a: undefined }, { a: undefined }, true],
    ['other keys, same count', { a: undefined }, { b: undefined }, false],
    ['two Dates of the same time (not plain: counted as changed)', new Date(5), new Date(5), false],
  ])('%s', (_name, a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
    expect(sameValue(b, a)).toBe(same);
  });
});

type Rec = { id: string; status: string; tags: string[] };
const rec = (id: string, status = 'new', tags: string[] = []): Rec => ({ id, status, tags });
const none = (): undefined => undefined;

describe('the inbox list cache after a read of the rows in view', () => {
  it('keeps the object it already drew for a record read again unchanged, and takes a changed one', () => {
    const a = rec('a');
    const b = rec('b', 'new', ['refund']);
    const next = mergeWindow(new Map([['a', a], ['b', b]]), [rec('a'), rec('b', 'new', ['refund', 'outage'])], ['a', 'b'], none, 10);
    expect(next.get('a')).toBe(a);
    expect(next.get('b')).not.toBe(b);
    expect(next.get('b')!.tags).toEqual(['refund', 'outage']);
  });

  it('adds records not seen before, most recently read last', () => {
    const next = mergeWindow(new Map([['a', rec('a')], ['b', rec('b')]]), [rec('c'), rec('a')], ['c', 'a'], none, 10);
    expect([...next.keys()]).toEqual(['b', 'c', 'a']);
  });

  it('uses a record primed by the head read only for an id it has nothing for', () => {
    const cached = rec('a', 'assigned');
    const primed = (id: string): Rec | undefined => rec(id, 'primed');
    const next = mergeWindow(new Map([['a', cached]]), undefined, ['a', 'b'], primed, 10);
    expect(next.get('a')).toBe(cached);
    expect(next.get('b')!.status).toBe('primed');
  });

  it('a read replaces a primed record that differs from the stored one', () => {
    const next = mergeWindow(new Map([['a', rec('a', 'primed')]]), [rec('a', 'resolved')], ['a'], none, 10);
    expect(next.get('a')!.status).toBe('resolved');
  });

  it('drops the records read longest ago past the limit', () => {
    const cache = new Map(['a', 'b', 'c'].map((id) => [id, rec(id)] as const));
    const next = mergeWindow(cache, [rec('d'), rec('b')], ['d', 'b'], none, 3);
    expect([...next.keys()]).toEqual(['c', 'd', 'b']);
  });

  it('does not change the cache it was given', () => {
    const cache = new Map([['a', rec('a')]]);
    mergeWindow(cache, [rec('b')], ['b'], none, 10);
    expect([...cache.keys()]).toEqual(['a']);
  });
});

describe('the inbox list cache after a write', () => {
  const cache = new Map(['a', 'b', 'c'].map((id) => [id, rec(id)] as const));

  it('forgets the records written that are out of view, and keeps those in view (their read is told)', () => {
    const next = withoutWritten(cache, ['a', 'b', 'z'], ['b']);
    expect([...next.keys()]).toEqual(['b', 'c']);
    expect(next.get('b')).toBe(cache.get('b'));
  });

  it('a write that does not say which: every record out of view', () => {
    expect([...withoutWritten(cache, 'all', ['c']).keys()]).toEqual(['c']);
  });

  it('does not change the cache it was given, and gives it back when nothing in it was written', () => {
    withoutWritten(cache, 'all', []);
    expect(cache.size).toBe(3);
    expect(withoutWritten(cache, ['x', 'y'], [])).toBe(cache);
    expect(withoutWritten(cache, ['a'], ['a'])).toBe(cache);
  });
});

describe('a read that ended before a write to a record out of view', () => {
  it('is not taken for that record; a read that ended after it is', () => {
    const w = new OutOfViewWrites();
    // The conversation left the view resolved; the customer reopens it at t=100 while it is out of view.
    w.note(['early'], ['r1', 'r2'], 100);
    const older = [rec('early', 'resolved'), rec('r1')];
    expect(w.fresh(older, 90)!.map((r) => r.id)).toEqual(['r1']);
    expect(w.fresh([rec('early', 'new'), rec('r1')], 110)!.map((r) => r.id)).toEqual(['early', 'r1']);
  });

  it('forgets nothing about records written in view: their read is told and reads them again', () => {
    const w = new OutOfViewWrites();
    w.note(['r1'], ['r1', 'r2'], 100);
    expect(w.fresh([rec('r1', 'assigned')], 90)!.map((r) => r.id)).toEqual(['r1']);
  });

  it('after a write that did not say which records, takes nothing from a read that ended before it', () => {
    const w = new OutOfViewWrites();
    w.note('all', ['r1'], 100);
    expect(w.fresh([rec('r1')], 90)).toEqual([]);
    expect(w.fresh([rec('r1')], 101)!.map((r) => r.id)).toEqual(['r1']);
    expect(w.fresh(undefined, 90)).toBeUndefined();
  });

  it('keeps the newest writes only, so a long backlog does not grow it without end', () => {
    const w = new OutOfViewWrites();
    w.note(Array.from({ length: 2500 }, (_, i) => `m${i}`), [], 100);
    // The oldest 500 are forgotten (read as never written); the newest still count.
    expect(w.fresh([rec('m0'), rec('m2499')], 90)!.map((r) => r.id)).toEqual(['m0']);
  });
});
