/** Shown while mentions are picked with x: what the keys will do to all of them. */
import { useUi } from '../state/ui-store';
import type { InboxCommands } from './commands';

export function BulkBar({ commands, total }: { commands: InboxCommands; total: number }) {
  const n = useUi((s) => s.checked.size);
  const s = useUi.getState;
  if (!n) return null;
  return (
    <div className="bulkbar" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong>{n.toLocaleString()} selected</strong>
      {n < total ? (
        <button className="btn-link" onClick={() => commands.checkAll()}>
          all {total.toLocaleString()}
        </button>
      ) : null}
      <span className="spacer" />
      <button className="btn btn-small" onClick={() => s().openOverlay('assign')}>
        Assign <kbd>a</kbd>
      </button>
      <button className="btn btn-small" onClick={() => s().openOverlay('tag')}>
        Tag <kbd>t</kbd>
      </button>
      <button className="btn btn-small" onClick={() => void commands.resolve()}>
        Resolve <kbd>e</kbd>
      </button>
      <button className="btn btn-small" onClick={() => void commands.noise()}>
        Noise <kbd>!</kbd>
      </button>
      <button className="btn-link" onClick={() => s().clearChecked()}>
        Clear <kbd>Esc</kbd>
      </button>
    </div>
  );
}
