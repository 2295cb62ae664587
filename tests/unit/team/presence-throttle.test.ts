/** The presence throttle (src-renderer/team/latest-throttle.ts): at most one send per 300 ms, and the last state always arrives. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestThrottle } from '../../../src-renderer/team/latest-throttle';

type P = { mentionId: string | null; activity: 'viewing' | 'drafting' };
const same = (a: P, b: P): boolean => a.mentionId === b.mentionId && a.activity === b.activity;

describe('presence throttle', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  it('sends the first value at once', () => {
    const sent: P[] = [];
    const t = latestThrottle<P>((p) => sent.push(p), 300, same);
    t.push({ mentionId: 'a', activity: 'viewing' });
    expect(sent).toEqual([{ mentionId: 'a', activity: 'viewing' }]);
  });

  it('j/k through 20 rows in 200 ms: one send at once, then only the last row when the window ends', () => {
    const sent: Array<{ at: number; p: P }> = [];
    const t = latestThrottle<P>((p) => sent.push({ at: Date.now(), p }), 300, same);
    for (let i = 0; i < 20; i++) {
      t.push({ mentionId: `m${i}`, activity: 'viewing' });
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => s.p.mentionId)).toEqual(['m0', 'm19']);
    expect(sent[1]!.at - sent[0]!.at).toBe(300);
  });

  it('typing for 2 s (a keystroke every 50 ms) never sends more than once per 300 ms', () => {
    const at: number[] = [];
    const t = latestThrottle<P>(() => at.push(Date.now()), 300);
    // Object.is: every push is a new object, the worst case for the limit.
    for (let i = 0; i < 40; i++) {
      t.push({ mentionId: 'a', activity: i % 2 ? 'drafting' : 'viewing' });
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(1000);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(300);
    expect(at.length).toBeLessThanOrEqual(Math.ceil(2000 / 300) + 1);
  });

  it('an unchanged state is not sent again; a changed one after a quiet spell goes at once', () => {
    const sent: P[] = [];
    const t = latestThrottle<P>((p) => sent.push(p), 300, same);
    t.push({ mentionId: 'a', activity: 'viewing' });
    vi.advanceTimersByTime(500);
    t.push({ mentionId: 'a', activity: 'viewing' });
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
    t.push({ mentionId: 'a', activity: 'drafting' });
    expect(sent.at(-1)).toEqual({ mentionId: 'a', activity: 'drafting' });
  });

  it('a burst that ends where it started sends nothing more', () => {
    const sent: P[] = [];
    const t = latestThrottle<P>((p) => sent.push(p), 300, same);
    t.push({ mentionId: 'a', activity: 'viewing' });
    t.push({ mentionId: 'b', activity: 'viewing' });
    t.push({ mentionId: 'a', activity: 'viewing' });
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ mentionId: 'a', activity: 'viewing' }]);
  });

  it('forget: after a reconnect the same state is sent again', () => {
    const sent: P[] = [];
    const t = latestThrottle<P>((p) => sent.push(p), 300, same);
    t.push({ mentionId: 'a', activity: 'viewing' });
    vi.advanceTimersByTime(400);
    t.forget();
    t.push({ mentionId: 'a', activity: 'viewing' });
    expect(sent).toHaveLength(2);
  });

  it('cancel drops what waits; flush sends it now', () => {
    const sent: P[] = [];
    const t = latestThrottle<P>((p) => sent.push(p), 300, same);
    t.push({ mentionId: 'a', activity: 'viewing' });
    t.push({ mentionId: 'b', activity: 'viewing' });
    t.flush();
    expect(sent.map((p) => p.mentionId)).toEqual(['a', 'b']);
    t.push({ mentionId: 'c', activity: 'viewing' });
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(sent.map((p) => p.mentionId)).toEqual(['a', 'b']);
  });
});
