/**
 * After new topic rules, past mentions are re-tagged in chunks in the background (db/retag-queue.ts),
 * for minutes at 200,000 mentions: the status bar says so and how far it got, then stops saying it;
 * the Topics screen shows it with its progress bar, and "Apply to past mentions" waits for it.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, cleanup, act, waitFor } from '@testing-library/react';
import { StatusBar } from '../../src-renderer/app/StatusBar';
import { retagProgress } from '../../src-renderer/db/retag-queue';
import { TopicsScreen } from '../../src-renderer/topics/TopicsScreen';
import { freshDb } from './helpers/db';
import { memoryBridge } from './helpers/dom';

afterEach(() => {
  retagProgress.setState({ progress: undefined, last: undefined });
  cleanup();
});

describe('the status bar during a re-tag', () => {
  it('shows how far the re-tag has got, and nothing once it is over', () => {
    render(<StatusBar />);
    expect(screen.queryByTestId('retag-progress')).toBeNull();
    act(() => retagProgress.setState({ progress: { done: 4_000, total: 200_000 } }));
    expect(screen.getByTestId('retag-progress').textContent).toBe('· Re-tagging past mentions with the new topic rules: 4,000 of 200,000');
    act(() => retagProgress.setState({ progress: undefined }));
    expect(screen.queryByTestId('retag-progress')).toBeNull();
  });
});

describe('the Topics screen during a re-tag', () => {
  it('shows the queued re-tag with its progress bar, and Apply waits until it is over', async () => {
    await freshDb();
    memoryBridge({ getTopicRules: () => ({ topics: [{ id: 'wifi', name: 'Wifi', any: ['wifi'] }] }) });
    render(<TopicsScreen />);
    const apply = (await screen.findByTestId('topics-apply')) as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false)); // once the saved rules are read
    expect(screen.queryByTestId('topics-apply-progress')).toBeNull();
    act(() => retagProgress.setState({ progress: { done: 1_500, total: 6_000 } }));
    expect(apply.disabled).toBe(true);
    const bar = screen.getByTestId('topics-apply-progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([1_500, 6_000]);
    // It ends: its result stays on screen, as a re-tag by hand's does.
    act(() => retagProgress.setState({ progress: undefined, last: { total: 6_000, changed: 420 } }));
    expect(apply.disabled).toBe(false);
    expect(screen.getByText('6000 checked, 420 changed')).toBeTruthy();
  });

  it('does not show the result of a re-tag that ended before it was opened', async () => {
    await freshDb();
    retagProgress.setState({ last: { total: 10, changed: 2 } });
    memoryBridge({ getTopicRules: () => ({ topics: [{ id: 'wifi', name: 'Wifi', any: ['wifi'] }] }) });
    render(<TopicsScreen />);
    const apply = (await screen.findByTestId('topics-apply')) as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    expect(screen.queryByTestId('topics-apply-progress')).toBeNull();
  });
});
