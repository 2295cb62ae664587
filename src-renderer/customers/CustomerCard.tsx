/** The CRM match on the author panel: "customer since 2019, Gold, open ticket", then the rest. */
import type { CustomerRecord } from '../db/schema';
import { customerLine } from './match';
import './customers.css';

export function CustomerCard({ customer: c }: { customer: CustomerRecord }) {
  const extras = Object.entries(c.extra).filter(([, v]) => v.trim());
  return (
    <div className="customer-card" data-testid="customer-card">
      <div className="customer-line">{customerLine(c)}</div>
      <div className="muted small">
        {c.name ? `${c.name}` : ''}
        {c.email ? ` · ${c.email}` : ''}
      </div>
      {extras.length ? (
        <dl className="customer-extra small">
          {extras.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
