/**
 * Team mode in the inbox: rows and the open thread show a dot with the initials of each other agent
 * who has the mention open, filled with a pen while they write a reply, and a screen reader hears
 * "jo is writing a reply"; this renderer tells main what it has open (throttled); the assign picker
 * offers the team's roster. Solo: no dots, no setPresence calls, free text in the picker.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, fireEvent, waitFor, cleanup, within, configure, act } from '@testing-library/react';
import { App } from '../../src-renderer/app/App';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { saveSettings } from '../../src-renderer/settings/settings';
import { useUi } from '../../src-renderer/state/ui-store';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { useTeam } from '../../src-renderer/team/team-store';
import { startPresenceSync } from '../../src-renderer/team/presence-sync';
import { SOLO_STATUS, type Presence } from '../../src-main/shared/team';
import type { MemoryBridge } from '../../src-renderer/bridge/memory-bridge';
import { freshDb, ingest, mention, at } from './helpers/db';
import { installLayout, memoryBridge, resetUi } from './helpers/dom';

installLayout();
configure({ asyncUtilTimeout: 4000 });

const row = (id: string): HTMLElement => screen.getAllByTestId('mention-row').find((r) => r.getAttribute('data-mention-id') === id)!;
const key = (k: string): void => void fireEvent.keyDown(window, { key: k });
const presence = (agent: string, mentionId: string | null, activity: Presence['activity']): Presence => ({ seat: `${agent}@1`, agent, mentionId, activity, heartbeatAt: new Date().toISOString() });
const ROSTER = [
  { id: 'mk', name: 'Maya Kern', role: 'agent' as const },
  { id: 'jo', name: 'jo', role: 'lead' as const },
  { id: 'ab', name: 'Ana Brandt', role: 'community-manager' as const },
];

let db: EarshotDb;
let mb: MemoryBridge;
let stop: (() => void) | undefined;

async function setup(team: boolean): Promise<void> {
  resetUi();
  useTeam.setState({ others: [], roster: [], drafting: undefined });
  useDelivery.setState({ agentId: team ? 'mk' : undefined, team: team ? { state: 'connected', waiting: 0 } : SOLO_STATUS });
  mb = memoryBridge({ setPresence: () => ({}), listAgents: () => ({ agents: team ? ROSTER : [] }) });
  db = await freshDb();
  await saveSettings(db, { initials: 'MK', name: 'Maya' });
  await ingest(db, [
    mention('x:early', at(0), { author: { key: 'x:e', handle: 'dana', name: 'Dana Whitfield', followers: 12 }, text: 'Refund still missing' }),
    mention('x:late', at(45), { author: { key: 'x:l', handle: 'sam', name: 'Sam', followers: 50 }, text: 'Gate B12 chaos' }),
  ]);
  stop = startPresenceSync(mb.bridge, 300);
  render(<App />);
  await waitFor(() => expect(screen.getAllByTestId('mention-row')).toHaveLength(2));
}

afterEach(() => {
  stop?.();
  cleanup();
  useDelivery.setState({ agentId: undefined, team: SOLO_STATUS });
});

describe('presence dots, team mode', () => {
  beforeEach(() => setup(true));

  it('a teammate viewing shows an outlined dot with initials on the row; drafting fills it and says so to a screen reader', async () => {
    act(() => mb.emit('presence', { others: [presence('jo', 'x:late', 'viewing')] }));
    const dot = await waitFor(() => within(row('x:late')).getByTestId('presence-dot'));
    expect(dot.textContent).toBe('JO');
    expect(dot.getAttribute('data-activity')).toBe('viewing');
    expect(dot.className).not.toContain('presence-drafting');
    expect(row('x:late').querySelector('.sr-only')!.textContent).toContain('jo has this open');
    expect(within(row('x:early')).queryByTestId('presence-dot')).toBeNull();

    act(() => mb.emit('presence', { others: [presence('jo', 'x:late', 'drafting'), presence('ab', 'x:late', 'viewing')] }));
    await waitFor(() => expect(within(row('x:late')).getAllByTestId('presence-dot').map((d) => [d.textContent, d.getAttribute('data-activity')])).toEqual([
      ['AB', 'viewing'],
      ['JO✎', 'drafting'],
    ]));
    expect(row('x:late').querySelector('.presence-drafting')).toBeTruthy();
    expect(row('x:late').querySelector('.sr-only')!.textContent).toContain('Ana Brandt has this open; jo is writing a reply');

    // Gone when they close it.
    act(() => mb.emit('presence', { others: [presence('jo', null, 'viewing')] }));
    await waitFor(() => expect(within(row('x:late')).queryByTestId('presence-dot')).toBeNull());
  });

  it('the open thread\'s header shows who else is there, in words, in a status region; my own other seat is not shown', async () => {
    key('j');
    await screen.findByTestId('thread');
    act(() => mb.emit('presence', { others: [presence('jo', 'x:early', 'drafting'), presence('mk', 'x:early', 'viewing')] }));
    const line = await screen.findByTestId('thread-presence');
    await waitFor(() => expect(line.textContent).toContain('jo is writing a reply'));
    expect(line.getAttribute('role')).toBe('status');
    expect(within(line).getAllByTestId('presence-dot').map((d) => d.getAttribute('data-agent'))).toEqual(['jo']);
  });

  it('tells main what is open and when the composer has text, at most one setPresence per 300 ms', async () => {
    // Generous waits: under CI's load (two cores, a dozen test files at once) one step took over 1 s.
    const UNDER_LOAD = { timeout: 5_000 };
    const sets = () => mb.calls.filter((c) => c.name === 'setPresence').map((c) => c.req);
    await waitFor(() => expect(sets().at(-1)).toEqual({ mentionId: null, activity: 'viewing' }), UNDER_LOAD);
    key('j');
    await waitFor(() => expect(sets().at(-1)).toEqual({ mentionId: 'x:early', activity: 'viewing' }), UNDER_LOAD);
    const input = await screen.findByTestId('reply-input', {}, UNDER_LOAD);
    fireEvent.change(input, { target: { value: 'Hi Dana' } });
    await waitFor(() => expect(sets().at(-1)).toEqual({ mentionId: 'x:early', activity: 'drafting' }), UNDER_LOAD);
    fireEvent.change(input, { target: { value: '' } });
    await waitFor(() => expect(sets().at(-1)).toEqual({ mentionId: 'x:early', activity: 'viewing' }), UNDER_LOAD);
    // Leaving the inbox: nothing open.
    act(() => useUi.getState().setScreen('settings'));
    await waitFor(() => expect(sets().at(-1)).toEqual({ mentionId: null, activity: 'viewing' }), UNDER_LOAD);
    const times = mb.calls.filter((c) => c.name === 'setPresence').length;
    expect(times).toBeLessThanOrEqual(6);
  });

  it('the assign picker offers the roster (me first, names and roles), picks with the keyboard, takes no free text', async () => {
    key('j');
    await screen.findByTestId('thread');
    key('a');
    const dialog = await screen.findByRole('dialog', { name: /Assign this mention/ });
    await waitFor(() => expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Me — Maya Kern (mk) take it',
      'Ana Brandt (ab) community manager',
      'jo team lead',
      'Nobody unassign',
    ]));
    const box = within(dialog).getByRole('combobox');
    fireEvent.change(box, { target: { value: 'zz' } });
    expect(within(dialog).queryAllByRole('option')).toHaveLength(0);
    fireEvent.change(box, { target: { value: 'ana' } });
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Ana Brandt (ab) community manager']);
    expect(box.getAttribute('aria-activedescendant')).toBe(within(dialog).getAllByRole('option')[0]!.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(async () => expect((await db.mentions.get('x:early'))!.assignee).toBe('ab'));
  });
});

describe('solo', () => {
  beforeEach(() => setup(false));

  it('no dots, no setPresence, and the assign picker still takes free text', async () => {
    act(() => mb.emit('presence', { others: [] }));
    key('j');
    await screen.findByTestId('thread');
    expect(screen.queryAllByTestId('presence-dot')).toHaveLength(0);
    expect(mb.calls.some((c) => c.name === 'setPresence' || c.name === 'listAgents')).toBe(false);
    key('a');
    const dialog = await screen.findByRole('dialog', { name: /Assign this mention/ });
    const box = within(dialog).getByRole('combobox');
    fireEvent.change(box, { target: { value: 'zz' } });
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['zz new agent']);
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(async () => expect((await db.mentions.get('x:early'))!.assignee).toBe('zz'));
  });
});
