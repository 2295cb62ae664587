/**
 * A screen loaded ahead renders at once (lib/preloadable.ts): no fallback, so React's 300 ms hold on
 * content revealed after a fallback never applies. Not loaded ahead, it loads as a lazy component
 * does (fallback first, the lazy-open hook once); a failed load is tried again.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { preloadable } from '../../src-renderer/lib/preloadable';

const Screen = ({ name }: { name: string }) => <p>screen {name}</p>;

function show(Comp: ComponentType<{ name: string }>) {
  return render(
    <Suspense fallback={<p>Loading…</p>}>
      <Comp name="a" />
    </Suspense>,
  );
}

describe('a component loaded ahead', () => {
  afterEach(cleanup);

  it('renders without suspending once preloaded, and loads once', async () => {
    const load = vi.fn(() => Promise.resolve(Screen));
    const opened = vi.fn();
    const p = preloadable<{ name: string }>(load, opened);
    await p.preload();
    await p.preload();
    show(p.Component);
    // The first commit already has the content: no fallback in between.
    expect(screen.getByText('screen a')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
    expect(opened).not.toHaveBeenCalled();
  });

  it('not preloaded: the fallback, then the content; the lazy-open hook runs once', async () => {
    let resolve!: (c: typeof Screen) => void;
    const load = vi.fn(() => new Promise<typeof Screen>((r) => (resolve = r)));
    const opened = vi.fn();
    const p = preloadable<{ name: string }>(load, opened);
    show(p.Component);
    expect(screen.getByText('Loading…')).toBeTruthy();
    await act(async () => resolve(Screen));
    expect(await screen.findByText('screen a')).toBeTruthy();
    expect(opened).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries a failed load again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(Screen);
    const p = preloadable<{ name: string }>(load);
    await expect(p.preload()).rejects.toThrow('offline');
    await p.preload();
    show(p.Component);
    expect(screen.getByText('screen a')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
