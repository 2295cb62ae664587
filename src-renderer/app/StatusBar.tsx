import { useDelivery } from '../state/delivery-store';
import type { TeamStatus } from '../../src-main/shared/team';

/** One line at the bottom: is Earshot connected, and is history still coming in? */
export function StatusBar() {
  const { connection, head, position, startedFrom, received, error, team, agentId } = useDelivery();
  const behind = Math.max(0, head - position);
  const state =
    connection !== 'open'
      ? connection === 'connecting'
        ? 'Connecting to Earshot…'
        : 'Disconnected — reconnecting…'
      : behind === 0
        ? 'Live'
        : startedFrom === 0
          ? `Rebuilding history: ${position.toLocaleString('en-US')} of ${head.toLocaleString('en-US')}`
          : `Receiving: ${behind.toLocaleString('en-US')} entr${behind === 1 ? 'y' : 'ies'} still coming in`;
  return (
    // The footer is the page's contentinfo landmark; the live status is a region inside it.
    <footer className="statusbar">
      <div className="statusbar-live" role="status">
        <span className={`dot dot-${connection === 'open' ? (behind ? 'busy' : 'ok') : 'down'}`} aria-hidden />
        <span data-testid="delivery-state">{state}</span>
        <span className="muted">· {received} received this session</span>
        {error ? <span className="error">· {error}</span> : null}
      </div>
      <span data-testid="team-status" data-state={team.state} className={team.state === 'offline' ? 'error' : 'muted'} title={team.message}>
        {teamLine(team, agentId)}
      </span>
    </footer>
  );
}

/** "Team: connected as mk", "Offline, 23 changes waiting", "Solo" (the reason a join failed is in the title). */
export function teamLine(team: TeamStatus, agentId: string | undefined): string {
  if (team.state === 'connected') return agentId ? `Team: connected as ${agentId}` : 'Team: connected';
  if (team.state === 'offline') return `Offline, ${team.waiting.toLocaleString('en-US')} change${team.waiting === 1 ? '' : 's'} waiting`;
  // A seat that could not join says why where the user looks, not only in the log.
  return team.message ? `Solo · ${team.message}` : 'Solo';
}
