import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getBridge } from './bridge';
import { getDb } from './db/schema';
import { setTopicNames } from './db/facet-labels';
import { startDelivery } from './delivery/delivery-client';
import { startQueuedRetag } from './db/retag-runner';
import { startSourcesSync } from './state/sources-store';
import { startPresenceSync } from './team/presence-sync';
import './styles/app.css';

startDelivery(getBridge(), getDb());
startQueuedRetag(getDb());
startSourcesSync(getBridge());
startPresenceSync(getBridge());
// Topic names (not ids) on the inbox rows, filters and the VoC screen from the start; the Topics
// screen sets them again when the rules are edited. Without the rules, ids are shown.
getBridge()
  .getTopicRules({})
  .then((r) => setTopicNames(r.topics))
  .catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
