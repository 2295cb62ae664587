/**
 * A schema upgrade runs inside the database open and can take a minute at 200,000 mentions
 * (upgrade.bench.ts): the opening screen and the status bar say what is happening and how far it
 * got, and go back to normal when it is over.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, cleanup, act } from '@testing-library/react';
import { OpeningInbox } from '../../src-renderer/app/OpeningInbox';
import { StatusBar } from '../../src-renderer/app/StatusBar';
import { reportUpgradeProgress } from '../../src-renderer/db/upgrade-progress';

afterEach(() => {
  reportUpgradeProgress(undefined);
  cleanup();
});

describe('upgrade progress on screen', () => {
  it('shows the step and the count with a progress bar, then only the opening line', () => {
    render(
      <>
        <OpeningInbox />
        <StatusBar />
      </>,
    );
    expect(screen.getByTestId('opening-inbox').textContent).toBe('Opening the inbox…');
    expect(screen.queryByRole('progressbar')).toBeNull();

    act(() => reportUpgradeProgress({ step: 'moving arrivals onto mentions', done: 40_000, total: 200_000 }));
    const line = "Updating this computer's copy of the inbox for the new version (once): moving arrivals onto mentions, 40,000 of 200,000";
    expect(screen.getByTestId('opening-inbox').textContent).toContain(line);
    expect(screen.getByTestId('delivery-state').textContent).toBe(line);
    const bar = screen.getByRole('progressbar', { name: 'Update progress' });
    expect(bar.getAttribute('value')).toBe('40000');
    expect(bar.getAttribute('max')).toBe('200000');

    act(() => reportUpgradeProgress(undefined));
    expect(screen.getByTestId('opening-inbox').textContent).toBe('Opening the inbox…');
    expect(screen.getByTestId('delivery-state').textContent).not.toContain('Updating');
  });
});
