/** Who took mentions out of due order, whom they passed over (by reach) and why. */
import { REACH_TIERS, type ReachTier } from '../../src-main/shared/mention';
import type { SkipSummary } from './compute';
import { TIER_SHORT } from './samples';
import { skipReasonLabel } from '../sla/skip-reasons';

function mix(counts: Partial<Record<ReachTier | 'unknown', number>>): string {
  const parts = [...REACH_TIERS, 'unknown' as const].filter((t) => counts[t]).map((t) => `${counts[t]} ${t === 'unknown' ? 'outside this report' : `with ${TIER_SHORT[t].replace(' followers', '')}`}`);
  return parts.join(', ') || '—';
}

export function SkipsTable({ skips }: { skips: SkipSummary }) {
  return (
    <section className="card report-table" data-testid="table-skips">
      <h2>Skips: who was passed over, for whom, and why</h2>
      <p className="muted caption">Followers: “with &lt;1k” means customers with under 1,000 followers.</p>
      <p className="muted caption">
        Taking a mention while an older-due one waits is allowed, but asks for a reason and is logged on each mention passed over. Small accounts passed over for big ones is
        the pattern the fairness ratio measures.
      </p>
      {skips.total === 0 ? (
        <p className="muted">No skips in this period.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col" className="num">Skips</th>
              <th scope="col">Passed over</th>
              <th scope="col">Taken instead</th>
              <th scope="col">Reasons given</th>
            </tr>
          </thead>
          <tbody>
            {skips.byAgent.map((row) => (
              <tr key={row.agent} data-testid={`row-skips-${row.agent}`}>
                <th scope="row">{row.agent}</th>
                <td className="num" data-value={row.skips}>
                  {row.skips}
                </td>
                <td>{mix(row.passedOver)}</td>
                <td>{mix(row.taken)}</td>
                <td>
                  {Object.entries(row.reasons)
                    .sort((a, b) => b[1] - a[1])
                    .map(([reason, n]) => `${skipReasonLabel(reason)} (${n})`)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
