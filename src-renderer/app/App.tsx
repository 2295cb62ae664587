import { useEffect } from 'react';
import { InboxList, useOpenIds } from '../inbox/InboxList';
import { DetailPane } from '../inbox/DetailPane';
import { useUi } from '../state/ui-store';
import { StatusBar } from './StatusBar';

export function App() {
  const ids = useOpenIds();
  const selectedId = useUi((s) => s.selectedId);
  const select = useUi((s) => s.select);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.metaKey || e.ctrlKey || e.altKey || !ids?.length) return;
      const i = selectedId ? ids.indexOf(selectedId) : -1;
      if (e.key === 'j') select(ids[Math.min(ids.length - 1, i + 1)]);
      else if (e.key === 'k') select(ids[Math.max(0, i - 1)]);
      else if (e.key === 'n') select(ids[0]);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, selectedId, select]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden>◎</span> Earshot
        </div>
        <div className="topbar-title">
          Inbox <span className="count">{ids?.length ?? 0} open</span>
        </div>
        <span className="spacer" />
        <button data-testid="next-due" className="btn btn-primary" disabled={!ids?.length} onClick={() => select(ids?.[0])} title="Open the mention due soonest (n)">
          Next due <kbd>n</kbd>
        </button>
      </header>
      <main className="panes">
        <section className="inbox" aria-label="Inbox">
          {ids === undefined ? <div className="empty">Opening the inbox…</div> : <InboxList ids={ids} />}
        </section>
        <DetailPane id={selectedId} />
      </main>
      <StatusBar />
    </div>
  );
}
