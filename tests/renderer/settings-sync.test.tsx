/**
 * useSettingsSync (settings/useSettingsSync.ts), the one live reader of the saved settings: it
 * mirrors who is at the keyboard into the UI store, follows a save made anywhere (another window
 * writing the database too), takes a team seat's agent when hello brings it, and applies a role's
 * defaults once at start and again only when the role changes (issue 12 item 10).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, cleanup, waitFor, act } from '@testing-library/react';
import { useSettingsSync } from '../../src-renderer/settings/useSettingsSync';
import { writeSettings } from '../../src-renderer/db/settings';
import { useUi } from '../../src-renderer/state/ui-store';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { freshDb } from './helpers/db';
import { resetUi } from './helpers/dom';

function Sync() {
  useSettingsSync();
  return null;
}

describe('useSettingsSync', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    resetUi();
    useDelivery.setState({ agentId: undefined });
    db = await freshDb();
  });
  afterEach(() => {
    cleanup();
    useDelivery.setState({ agentId: undefined });
  });

  it('with nothing saved: "me", the default role, identity ready', async () => {
    render(<Sync />);
    await waitFor(() => expect(useUi.getState().identityReady).toBe(true));
    expect(useUi.getState()).toMatchObject({ agent: 'me', role: 'community-manager', screen: 'inbox', viewId: 'open' });
    expect(useUi.getState().settings?.initials).toBe('');
  });

  it('follows a save written straight to the database (as by another window)', async () => {
    render(<Sync />);
    await waitFor(() => expect(useUi.getState().identityReady).toBe(true));
    await act(async () => {
      await writeSettings(db, { initials: 'M K', name: 'Mara' });
    });
    await waitFor(() => expect(useUi.getState().agent).toBe('mk'));
    expect(useUi.getState().settings?.name).toBe('Mara');
  });

  it("a team seat's agent from hello wins over the initials, when it arrives after the settings", async () => {
    await writeSettings(db, { initials: 'MK' });
    render(<Sync />);
    await waitFor(() => expect(useUi.getState().agent).toBe('mk'));
    act(() => useDelivery.setState({ agentId: 'ann' }));
    await waitFor(() => expect(useUi.getState().agent).toBe('ann'));
  });

  it('a team lead starts on the report; a later role change sets the view but not the screen', async () => {
    await writeSettings(db, { role: 'team-lead' });
    render(<Sync />);
    await waitFor(() => expect(useUi.getState().screen).toBe('reports'));
    expect(useUi.getState().role).toBe('team-lead');
    act(() => useUi.getState().setScreen('inbox'));
    await act(async () => {
      await writeSettings(db, { role: 'support-agent' });
    });
    await waitFor(() => expect(useUi.getState().viewId).toBe('queue'));
    expect(useUi.getState().screen).toBe('inbox');
    // Saving something else keeps the view the agent is on.
    act(() => useUi.getState().applyView('open', useUi.getState().filter));
    await act(async () => {
      await writeSettings(db, { name: 'Sam' });
    });
    await waitFor(() => expect(useUi.getState().settings?.name).toBe('Sam'));
    expect(useUi.getState().viewId).toBe('open');
  });

  it('at start, the inbox opens where it was left instead of the role default', async () => {
    localStorage.setItem('earshot.inbox.v1', JSON.stringify({ viewId: 'mine', filter: {}, selectedId: 'x:7' }));
    await writeSettings(db, { role: 'support-agent' });
    render(<Sync />);
    await waitFor(() => expect(useUi.getState().identityReady).toBe(true));
    expect(useUi.getState()).toMatchObject({ viewId: 'mine', selectedId: 'x:7' });
  });
});
