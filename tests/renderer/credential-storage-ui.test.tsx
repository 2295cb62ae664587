/**
 * Issue 10 item 3, the screen: on a desktop without a keyring the Sources screen says the tokens are
 * not protected by a keyring and offers "Keep for this session only", which calls main.
 */
import { describe, it, expect, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { createMemoryBridge } from '../../src-renderer/bridge/memory-bridge';
import { setBridge } from '../../src-renderer/bridge';
import { useSources } from '../../src-renderer/state/sources-store';
import { SourcesScreen } from '../../src-renderer/sources/SourcesScreen';

describe('Sources screen without a keyring', () => {
  it('warns and offers to keep tokens for this session only', async () => {
    let sessionOnly = false;
    const keep = vi.fn(async () => {
      sessionOnly = true;
      return {};
    });
    const mem = createMemoryBridge({
      listSources: async () => ({ sources: [], health: [], credentialStorage: { protected: false, sessionOnly, message: 'Saved tokens are not protected by a keyring.' } }),
      keepCredentialsForSessionOnly: keep,
    });
    setBridge(mem.bridge);
    await useSources.getState().refresh(mem.bridge);
    render(<SourcesScreen />);
    expect(screen.getByTestId('credential-storage').textContent).toMatch(/not protected by a keyring/);
    fireEvent.click(screen.getByRole('button', { name: 'Keep for this session only' }));
    await waitFor(() => expect(screen.getByTestId('credential-storage').textContent).toMatch(/this session only: enter them again/));
    expect(keep).toHaveBeenCalledTimes(1);
    setBridge(undefined);
  });
});
