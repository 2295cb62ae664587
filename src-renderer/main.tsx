import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getBridge } from './bridge';
import { getDb } from './db/schema';
import { startDelivery } from './delivery/delivery-client';
import { startSourcesSync } from './state/sources-store';
import './styles/app.css';

startDelivery(getBridge(), getDb());
startSourcesSync(getBridge());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
