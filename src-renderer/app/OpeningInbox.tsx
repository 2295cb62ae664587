/** What the inbox shows before it can open: usually a moment; during a schema upgrade, its progress. */
import { upgradeLine } from '../db/upgrade-progress';
import { useUpgradeProgress } from './use-upgrade-progress';

export function OpeningInbox() {
  const upgrade = useUpgradeProgress();
  return (
    <div className="empty" data-testid="opening-inbox">
      <p>Opening the inbox…</p>
      {upgrade ? (
        <>
          <p>{upgradeLine(upgrade)}.</p>
          <progress value={upgrade.done} max={Math.max(1, upgrade.total)} aria-label="Update progress" />
        </>
      ) : null}
    </div>
  );
}
