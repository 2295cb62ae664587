/** Around the clock, or business hours per weekday in a named time zone. */
import { useMemo } from 'react';
import { WEEKDAYS, type SlaPolicy, type Weekday, type WeeklyHours } from '../../src-main/shared/sla/policy';
import { DAY_LABEL, officeHours, timeZones } from './draft';

type Interval = [string, string];

export function HoursEditor({ policy, onChange }: { policy: SlaPolicy; onChange(p: SlaPolicy): void }) {
  const zones = useMemo(() => timeZones(policy.timezone), [policy.timezone]);
  const hours = policy.businessHours;
  const setDay = (day: Weekday, ivs: Interval[]): void => {
    const next: WeeklyHours = { ...(hours ?? {}), [day]: ivs.length ? ivs : null } as WeeklyHours;
    onChange({ ...policy, businessHours: next });
  };
  return (
    <fieldset className="policy-section">
      <legend>When the clock runs</legend>
      <div className="choice-row">
        <label>
          <input type="radio" name="hours-mode" checked={!hours} onChange={() => onChange({ ...policy, businessHours: null })} /> Around the clock
        </label>
        <label>
          <input type="radio" name="hours-mode" checked={Boolean(hours)} onChange={() => onChange({ ...policy, businessHours: hours ?? officeHours() })} /> Business hours only
        </label>
      </div>
      <label className="field">
        Time zone {hours ? null : <span className="muted">(used for holidays)</span>}
        <select value={policy.timezone} onChange={(e) => onChange({ ...policy, timezone: e.target.value })} data-testid="policy-timezone">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      {hours ? (
        <table className="hours">
          <tbody>
            {WEEKDAYS.map((day) => {
              const ivs = (hours[day] ?? []) as Interval[];
              return (
                <tr key={day}>
                  <th scope="row">
                    <label>
                      <input type="checkbox" checked={ivs.length > 0} onChange={(e) => setDay(day, e.target.checked ? [['09:00', '18:00']] : [])} /> {DAY_LABEL[day]}
                    </label>
                  </th>
                  <td>
                    {ivs.length === 0 ? <span className="muted">closed</span> : null}
                    {ivs.map(([a, b], i) => (
                      <span key={i} className="interval">
                        <input type="time" aria-label={`${DAY_LABEL[day]} opens`} value={a} onChange={(e) => setDay(day, ivs.map((iv, j) => (j === i ? [e.target.value, iv[1]] : iv)))} />
                        –
                        <input type="time" aria-label={`${DAY_LABEL[day]} closes`} value={b === '24:00' ? '23:59' : b} onChange={(e) => setDay(day, ivs.map((iv, j) => (j === i ? [iv[0], e.target.value === '23:59' ? '24:00' : e.target.value] : iv)))} />
                        {ivs.length > 1 ? (
                          <button type="button" className="btn-link" aria-label={`Remove ${DAY_LABEL[day]} interval ${i + 1}`} onClick={() => setDay(day, ivs.filter((_, j) => j !== i))}>
                            remove
                          </button>
                        ) : null}
                      </span>
                    ))}
                    {ivs.length > 0 ? (
                      <button type="button" className="btn-link" onClick={() => setDay(day, [...ivs, ['19:00', '21:00']])}>
                        + split shift
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">Targets count every minute, nights and weekends included.</p>
      )}
    </fieldset>
  );
}
