import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getBridge } from './bridge';
import { getDb } from './db/schema';
import { startDelivery } from './delivery/delivery-client';
import './styles/app.css';

startDelivery(getBridge(), getDb());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
