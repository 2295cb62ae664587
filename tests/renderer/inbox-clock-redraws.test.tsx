import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { Profiler } from 'react';
import { render, screen, cleanup, act } from '@testing-library/react';
import { Countdown, dueText } from '../../src-renderer/inbox/Countdown';
import { MentionRow } from '../../src-renderer/inbox/MentionRow';
import { formatDuration } from '../../src-renderer/lib/time';
import type { MentionRecord } from '../../src-renderer/db/schema';
import { storedRecord } from './helpers/record';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const MIN = 60_000;

const rec = (extra: Partial<MentionRecord> = {}): MentionRecord => storedRecord(T0, extra);

/** Commits of the subtree after its first (each a redraw caused by the clock, nothing else changes). */
function counted(node: React.ReactNode): { redraws: () => number } {
  let n = 0;
  render(
    <Profiler id="t" onRender={(_id, phase) => void (phase !== 'mount' && n++)}>
      {node}
    </Profiler>,
  );
  return { redraws: () => n };
}

const tick = (ms: number): void => act(() => void vi.advanceTimersByTime(ms));

describe('the inbox clock draws a row again only when what it shows changes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it.each([
    [30 * MIN, '30m left'],
    [20_000, '20s left'],
    [0, '0s left'],
    [-1, '0s over'],
    [-10 * MIN, '10m over'],
  ])('dueText %i ms before the due time is "%s", as the countdown said before', (left, text) => {
    expect(dueText(T0 + left, T0)).toBe(text);
    expect(dueText(T0 + left, T0)).toBe(left < 0 ? `${formatDuration(left)} over` : `${formatDuration(left)} left`);
  });

  it('a countdown minutes away: the same text for a minute of ticks, then the next minute, drawn once', () => {
    // Due 30 min 30.5 s after T0; the ticker reads the clock on its first tick (T0 + 1 s).
    const { redraws } = counted(<Countdown dueAt={T0 + 30 * MIN + 30_500} clockStartMs={T0 - 30 * MIN} />);
    tick(1000);
    const after1 = redraws();
    expect(screen.getByText('30m left')).toBeTruthy();
    tick(28_000); // T0 + 29 s: still 30m left
    expect(screen.getByText('30m left')).toBeTruthy();
    expect(redraws()).toBe(after1);
    tick(2000); // T0 + 31 s: 29 min 59.5 s left
    expect(screen.getByText('29m left')).toBeTruthy();
    expect(redraws()).toBe(after1 + 1);
  });

  it('under a minute it counts seconds, and turns amber then red with its mark', () => {
    const { container } = render(<Countdown dueAt={T0 + 3500} clockStartMs={T0 - 30 * MIN} />);
    tick(1000);
    expect(container.textContent).toBe('▲ 2s left');
    expect(container.querySelector('.due-near')).toBeTruthy();
    tick(3000);
    expect(container.textContent).toBe('● 0s over');
    expect(container.querySelector('.due-overdue')).toBeTruthy();
  });

  it('a row: its spoken label follows the due time minute by minute without a redraw on every tick', () => {
    const noop = (): void => {};
    const props = { id: 'x:1', selected: false, checked: false, reachVisible: true, onOpen: noop, onCheck: noop, onDoubleOpen: noop, pos: 1, size: 1, top: 0, height: 64 };
    const { redraws } = counted(<MentionRow mention={rec({ dueAt: T0 + 30 * MIN + 30_500 })} {...props} />);
    tick(1000);
    const label = (): string => document.querySelector('.sr-only')!.textContent!;
    expect(label()).toContain('due in 30 minutes');
    const after1 = redraws();
    tick(20_000);
    expect(redraws()).toBe(after1);
    tick(10_000); // past T0 + 30.5 s
    expect(label()).toContain('due in 29 minutes');
    expect(screen.getByText('29m left')).toBeTruthy();
    expect(redraws()).toBe(after1 + 1);
  });
});
