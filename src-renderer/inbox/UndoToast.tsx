/** "Resolved 40 — Undo": the last action, undoable with the button or Ctrl/⌘-Z. */
import { useEffect } from 'react';
import { getDb } from '../db/schema';
import { undo } from '../db/actions';
import { useUi } from '../state/ui-store';

export function UndoToast() {
  const toast = useUi((s) => s.toast);
  const dismiss = useUi((s) => s.dismissToast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => dismiss(toast.id), toast.undo ? 9000 : 5000);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  if (!toast) return null;
  const rec = toast.undo;
  return (
    <div className={`toast${toast.tone === 'error' ? ' toast-error' : ''}`} role="status" aria-live="polite" data-testid="toast">
      <span>{toast.message}</span>
      {rec ? (
        <button
          className="toast-undo"
          onClick={async () => {
            const s = useUi.getState();
            s.dismissToast(toast.id);
            // Take it off the stack too, so Ctrl-Z does not undo it twice.
            useUi.setState({ undoStack: s.undoStack.filter((r) => r !== rec) });
            const n = await undo(getDb(), rec, { agent: s.agent });
            s.showToast(n ? `Undone: ${rec.label}` : 'Nothing to undo: it changed since');
          }}
        >
          Undo <kbd>Ctrl Z</kbd>
        </button>
      ) : null}
      <button className="toast-close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
