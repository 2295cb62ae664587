/**
 * Team mode's two directions between this renderer and main:
 * - in: the `presence` event fills the team store; the roster is read when the seat turns out to be
 *   a team seat (hello's agentId) and when the assign picker opens;
 * - out: which mention is open (the inbox's selection while the inbox is on screen) and whether its
 *   composer has text, sent with `setPresence` at most once per 300 ms, and again after a reconnect.
 * Solo (no agentId): nothing is sent and nothing is shown.
 */
import type { Bridge } from '../../src-main/shared/contract';
import type { PresenceInput } from '../../src-main/shared/team';
import { useDelivery } from '../state/delivery-store';
import { useUi } from '../state/ui-store';
import { useTeam } from './team-store';
import { latestThrottle } from './latest-throttle';

export const PRESENCE_INTERVAL_MS = 300;

/** What this renderer has open now, or undefined when the seat is solo. */
export function currentPresence(): PresenceInput | undefined {
  if (!useDelivery.getState().agentId) return undefined;
  const ui = useUi.getState();
  const open = ui.screen === 'inbox' ? (ui.selectedId ?? null) : null;
  // Only the open conversation has a composer on screen; it is keyed by the thread's root, which may
  // not be the row that was opened, so any draft in progress counts for the open mention.
  return { mentionId: open, activity: open && useTeam.getState().drafting !== undefined ? 'drafting' : 'viewing' };
}

export function loadRoster(bridge: Bridge): Promise<void> {
  if (!useDelivery.getState().agentId) return Promise.resolve();
  return bridge
    .listAgents({})
    .then((r) => useTeam.getState().setRoster(r.agents))
    .catch(() => undefined); // offline: keep the roster last read
}

export function startPresenceSync(bridge: Bridge, intervalMs = PRESENCE_INTERVAL_MS): () => void {
  const throttle = latestThrottle<PresenceInput>(
    (p) => void bridge.setPresence(p).catch(() => undefined), // best effort: the next change or reconnect sends it again
    intervalMs,
    (a, b) => a.mentionId === b.mentionId && a.activity === b.activity,
  );
  const update = (): void => {
    const p = currentPresence();
    if (p) throttle.push(p);
  };
  let agent = useDelivery.getState().agentId;
  const offs = [
    bridge.onPresence((e) => useTeam.getState().setOthers(e.others)),
    bridge.onConnection((s) => {
      if (s !== 'open') return;
      throttle.forget(); // a new connection (or a restarted main) knows nothing of this renderer
      update();
    }),
    useUi.subscribe(update),
    useTeam.subscribe(update),
    useDelivery.subscribe((d) => {
      if (d.agentId !== agent) {
        agent = d.agentId;
        if (agent) void loadRoster(bridge);
        else useTeam.setState({ others: [], roster: [] });
      }
      update();
    }),
  ];
  if (agent) void loadRoster(bridge);
  update();
  return () => {
    for (const off of offs) off();
    throttle.cancel();
  };
}
