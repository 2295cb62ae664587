import { InboxScreen } from '../inbox/InboxScreen';
import { SourcesView } from '../sources/SourcesView';
import { ReportsView } from '../reports/ReportsView';
import { VocView } from '../voc/VocView';
import { PolicyView } from '../policy/PolicyView';
import { SettingsView } from '../settings/SettingsView';
import { TopicsView } from '../topics/TopicsView';
import { useSettingsSync } from '../settings/useSettingsSync';
import { useEffect } from 'react';
import { useBreachNotifications } from '../inbox/breach-notifier';
import { startRemembering } from '../inbox/remember';
import { useUi, type View } from '../state/ui-store';
import { StatusBar } from './StatusBar';
import { Nav } from './Nav';
import { startFocusKeeper } from '../a11y/focus-keeper';
import { LiveAnnouncer } from '../a11y/LiveAnnouncer';
import { SkipDialogHost } from '../sla/SkipDialog';

export function App() {
  const view = useUi((s) => s.view);
  // Who is at the keyboard decides the first view and what "mine" means: read it before the inbox opens.
  const ready = useUi((s) => s.identityReady);
  useSettingsSync();
  useBreachNotifications();
  useEffect(() => startRemembering(), []);
  useEffect(() => startFocusKeeper(document), []);
  return (
    <div className="app">
      <Nav />
      <main className="content" id="main" tabIndex={-1}>
        {view === 'inbox' ? ready ? <InboxScreen /> : <div className="empty">Opening the inbox…</div> : null}
        {view === 'sources' ? <SourcesView /> : null}
        {view === 'reports' ? <ReportsView /> : null}
        {view === 'topics' ? <TopicsView /> : null}
        {view === 'voc' ? <VocView /> : null}
        {view === 'policy' ? <PolicyView /> : null}
        {view === 'settings' ? <SettingsView /> : null}
        <LiveAnnouncer />
        {/* The skip guard's question, in the app's own React tree (no second root). */}
        <SkipDialogHost />
      </main>
      <StatusBar />
    </div>
  );
}

export type { View };
