import { useDelivery } from '../state/delivery-store';
import { useStore } from 'zustand';
import { upgradeLine, upgradeProgress } from '../db/upgrade-progress';
import { teamLine } from '../team/team-line';
import { retagProgress } from '../db/retag-queue';

/** One line at the bottom: is Earshot connected, and is history still coming in? */
export function StatusBar() {
  const { connection, head, position, startedFrom, received, error, team, agentId } = useDelivery();
  const upgrade = useStore(upgradeProgress, (s) => s.progress);
  const retag = useStore(retagProgress, (s) => s.progress);
  const behind = Math.max(0, head - position);
  // A schema upgrade holds the database: nothing else can move until it is done, so it is what we say.
  const state = upgrade
    ? upgradeLine(upgrade)
    : connection !== 'open'
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
        <span className={`dot dot-${upgrade ? 'busy' : connection === 'open' ? (behind ? 'busy' : 'ok') : 'down'}`} aria-hidden />
        <span data-testid="delivery-state">{state}</span>
        <span className="muted">· {received} received this session</span>
        {retag ? (
          <span data-testid="retag-progress">
            · Re-tagging past mentions with the new topic rules: {retag.done.toLocaleString('en-US')} of {retag.total.toLocaleString('en-US')}
          </span>
        ) : null}
        {error ? <span className="error">· {error}</span> : null}
      </div>
      <span data-testid="team-status" data-state={team.state} className={team.state === 'offline' ? 'error' : 'muted'} title={team.message}>
        {teamLine(team, agentId)}
      </span>
    </footer>
  );
}
