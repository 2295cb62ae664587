/** What the inbox shows before it can open: usually a moment; during a schema upgrade, its progress. */
import { useStore } from 'zustand';
import { upgradeLine, upgradeProgress } from '../db/upgrade-progress';

export function OpeningInbox() {
  const upgrade = useStore(upgradeProgress, (s) => s.progress);
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
