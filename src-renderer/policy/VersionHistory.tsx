/** Every policy version, newest first: what applied to mentions arriving in which period. */
import { hasBusinessHours } from '../../src-main/shared/sla/policy';
import { formatMinutes } from '../reports/format';
import { policyLabel, type DatedPolicy } from '../db/policies';

export function VersionHistory({ versions, activeId }: { versions: DatedPolicy[]; activeId: string }) {
  const rows = [...versions].reverse();
  return (
    <section className="card">
      <h2>Versions</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Applies to mentions</th>
            <th scope="col">First / next / resolution</th>
            <th scope="col">Clock</th>
            <th scope="col">Fairness limit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v, i) => {
            const next = rows[i - 1];
            const p = v.policy;
            return (
              <tr key={v.id} className={v.id === activeId ? 'row-active' : undefined}>
                <td>
                  {policyLabel(v)} {v.id === activeId ? <span className="tag-override">in force</span> : null}
                </td>
                <td>
                  {v.version === 0 ? 'before the first saved version' : `from ${new Date(v.fromMs).toLocaleString()}`}
                  {next ? ` to ${new Date(next.fromMs).toLocaleString()}` : v.version === 0 ? '' : ' on'}
                </td>
                <td>
                  {formatMinutes(p.firstResponseMinutes)} / {formatMinutes(p.nextResponseMinutes)} / {formatMinutes(p.resolutionMinutes)}
                  {Object.keys(p.channels).length ? <span className="muted"> · {Object.keys(p.channels).length} channel override(s)</span> : null}
                </td>
                <td>{hasBusinessHours(p) ? `business hours, ${p.timezone}` : 'around the clock'}</td>
                <td>{p.fairnessRatioLimit}×</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
