/** Dates (in the policy's time zone) on which the clock does not run. */
import { useState } from 'react';
import type { SlaPolicy } from '../../src-main/shared/sla/policy';

export function HolidaysEditor({ policy, onChange }: { policy: SlaPolicy; onChange(p: SlaPolicy): void }) {
  const [date, setDate] = useState('');
  const add = (): void => {
    if (!date || policy.holidays.includes(date)) return;
    onChange({ ...policy, holidays: [...policy.holidays, date].sort() });
    setDate('');
  };
  return (
    <fieldset className="policy-section">
      <legend>Holidays</legend>
      {policy.businessHours ? null : <p className="muted">Around the clock the clock runs on holidays too; holidays count once business hours are on.</p>}
      <ul className="chips">
        {policy.holidays.length === 0 ? <li className="muted">None</li> : null}
        {policy.holidays.map((d) => (
          <li key={d} className="chip">
            {d}
            <button type="button" className="btn-link" aria-label={`Remove holiday ${d}`} onClick={() => onChange({ ...policy, holidays: policy.holidays.filter((h) => h !== d) })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-add">
        <input type="date" aria-label="Holiday date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="button" className="btn" disabled={!date} onClick={add}>
          Add holiday
        </button>
      </div>
    </fieldset>
  );
}
