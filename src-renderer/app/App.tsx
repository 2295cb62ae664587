import { useEffect } from 'react';
import { InboxList, useOpenIds } from '../inbox/InboxList';
import { DetailPane } from '../inbox/DetailPane';
import { SourcesView } from '../sources/SourcesView';
import { ReportsView } from '../reports/ReportsView';
import { PolicyView } from '../policy/PolicyView';
import { SettingsView } from '../settings/SettingsView';
import { useUi, type View } from '../state/ui-store';
import { StatusBar } from './StatusBar';
import { Nav } from './Nav';

export function App() {
  const view = useUi((s) => s.view);
  return (
    <div className="app">
      <Nav />
      <div className="content">
        {view === 'inbox' ? <InboxScreen /> : null}
        {view === 'sources' ? <SourcesView /> : null}
        {view === 'reports' ? <ReportsView /> : null}
        {view === 'policy' ? <PolicyView /> : null}
        {view === 'settings' ? <SettingsView /> : null}
      </div>
      <StatusBar />
    </div>
  );
}

function InboxScreen() {
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
    <>
      <header className="topbar">
        <div className="topbar-title">
          Inbox <span className="count">{ids?.length ?? 0} open · ordered by due time</span>
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
    </>
  );
}

export type { View };
