/** Says plainly when the report includes made-up demo history, and lets the team take it out. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { hasDemoHistory, removeDemoHistory } from './seed';
import { useDemoHistoryWriting } from './use-demo-history';

export function DemoHistoryNote({ onChange }: { onChange(): void }) {
  const present = useLiveQuery(() => hasDemoHistory(getDb()), []);
  const [busy, setBusy] = useState(false);
  const writing = useDemoHistoryWriting();
  if (writing && !present) {
    return (
      <p className="demo-note" role="status" data-testid="demo-history-writing">
        <strong>Demo data.</strong> Writing four weeks of made-up history for this screen; the figures below include it in a few seconds.
      </p>
    );
  }
  if (!present) return null;
  return (
    <p className="demo-note" data-testid="demo-history-note">
      <strong>Demo data.</strong> This includes four weeks of made-up history (agents mk, lb and pr) with a deliberate bias: customers with few followers were answered
      slower. It is here so you can see what a warning looks like.{' '}
      <button
        type="button"
        className="btn-link"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void removeDemoHistory(getDb()).finally(() => {
            setBusy(false);
            onChange();
          });
        }}
      >
        Remove demo history
      </button>
    </p>
  );
}
