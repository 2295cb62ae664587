/** At start, counts outside the inbox wait for its first rows, or 5 s at most (state/list-shown.ts). */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';

type ListShown = typeof import('../../src-renderer/state/list-shown');

describe('waiting for the inbox list', () => {
  let mod: ListShown;
  beforeEach(async () => {
    vi.useFakeTimers();
    vi.resetModules();
    mod = await import('../../src-renderer/state/list-shown');
  });
  afterEach(() => vi.useRealTimers());

  const settled = (p: Promise<void>): { done: boolean } => {
    const s = { done: false };
    void p.then(() => (s.done = true));
    return s;
  };

  it('waits until the list is shown, then answers at once', async () => {
    const first = settled(mod.listShown());
    await vi.advanceTimersByTimeAsync(4_000);
    expect(first.done).toBe(false);
    mod.markListShown();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.done).toBe(true);
    const later = settled(mod.listShown());
    await vi.advanceTimersByTimeAsync(0);
    expect(later.done).toBe(true);
  });

  it('waits 5 s at most when no list is ever shown (the app opened on another screen)', async () => {
    const w = settled(mod.listShown());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(w.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.done).toBe(true);
  });
});
