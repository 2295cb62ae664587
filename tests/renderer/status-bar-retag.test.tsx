/**
 * After new topic rules, past mentions are re-tagged in chunks in the background (db/retag-queue.ts),
 * for minutes at 200,000 mentions: the status bar says so and how far it got, then stops saying it.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, cleanup, act } from '@testing-library/react';
import { StatusBar } from '../../src-renderer/app/StatusBar';
import { retagProgress } from '../../src-renderer/db/retag-queue';

afterEach(() => {
  retagProgress.setState({ progress: undefined });
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
