import { InboxScreen } from '../inbox/InboxScreen';
import { SourcesScreen } from '../sources/SourcesScreen';
import { PolicyScreen } from '../policy/PolicyScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TopicsScreen } from '../topics/TopicsScreen';
import { useSettingsSync } from '../settings/useSettingsSync';
import { Suspense, useEffect } from 'react';
import { useBreachNotifications } from '../inbox/breach-notifier';
import { startRemembering } from '../inbox/remember';
import { useUi, type Screen } from '../state/ui-store';
import { StatusBar } from './StatusBar';
import { OpeningInbox } from './OpeningInbox';
import { Nav } from './Nav';
import { startFocusKeeper } from '../a11y/focus-keeper';
import { LiveAnnouncer } from '../a11y/LiveAnnouncer';
import { SkipDialogHost } from '../sla/SkipDialog';
import { reportsScreen } from '../reports/screen-loader';
import { vocScreen } from '../voc/screen-loader';

// The report and VoC screens (echarts and their engines, most of the page's script) load when first
// opened: the page starts, and writes the mentions waiting for it, sooner (issue 11, delivery bench).
// Both are also loaded ahead once the inbox is complete (reports/ and voc/screen-loader.ts).
const ReportsScreen = reportsScreen.Component;
const VocScreen = vocScreen.Component;

export function App() {
  const screen = useUi((s) => s.screen);
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
        {screen === 'inbox' ? ready ? <InboxScreen /> : <OpeningInbox /> : null}
        {screen === 'sources' ? <SourcesScreen /> : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {screen === 'reports' ? <ReportsScreen /> : null}
        </Suspense>
        {screen === 'topics' ? <TopicsScreen /> : null}
        <Suspense fallback={<p className="muted">Loading…</p>}>{screen === 'voc' ? <VocScreen /> : null}</Suspense>
        {screen === 'policy' ? <PolicyScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
        <LiveAnnouncer />
        {/* The skip guard's question, in the app's own React tree (no second root). */}
        <SkipDialogHost />
      </main>
      <StatusBar />
    </div>
  );
}

export type { Screen };
