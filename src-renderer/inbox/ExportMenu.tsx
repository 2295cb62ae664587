/** Export this view as CSV, or the whole event log as JSON lines (INTERFACES.md). */
import { useRef, useState } from 'react';
import { getDb } from '../db/schema';
import { downloadBlob, exportEventLog, exportInboxCsv, stamp } from './export';

export function ExportMenu({ ids, viewName }: { ids: readonly string[]; viewName: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string>();
  const button = useRef<HTMLButtonElement>(null);
  const run = async (what: 'csv' | 'log'): Promise<void> => {
    setOpen(false);
    setBusy('Exporting…');
    try {
      if (what === 'csv') downloadBlob(await exportInboxCsv(getDb(), ids), `earshot-${viewName.toLowerCase().replace(/\W+/g, '-')}-${stamp()}.csv`);
      else downloadBlob(await exportEventLog(getDb(), (d, t) => setBusy(`Exporting ${Math.round((d / t) * 100)}%…`)), `earshot-events-${stamp()}.jsonl`);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="menu-wrap">
      <button ref={button} className="btn" aria-haspopup="menu" aria-expanded={open} disabled={Boolean(busy)} onClick={() => setOpen((v) => !v)}>
        {busy ?? 'Export'}
      </button>
      {open ? (
        <div className="menu" role="menu" onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            setOpen(false);
            button.current?.focus();
          }}>
          <button role="menuitem" autoFocus onClick={() => void run('csv')}>
            This view as CSV <span className="muted">({ids.length.toLocaleString()} mentions)</span>
          </button>
          <button role="menuitem" data-testid="export-events" onClick={() => void run('log')}>
            Event log as JSON lines <span className="muted">(for npm run fairness)</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
