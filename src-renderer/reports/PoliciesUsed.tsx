/** Which SLA policy version each number used: a changed policy only applies to later mentions. */
import type { FairnessReport } from '../../src-main/shared/sla/fairness';
import { describePromise, hasBusinessHours } from '../../src-main/shared/sla/policy';
import { policyLabel, usePolicies } from '../db/policies';
import { formatCount, formatMinutes } from './format';

export function PoliciesUsed({ report }: { report: FairnessReport }) {
  const versions = usePolicies((s) => s.versions);
  const used = report.policies.filter((p) => p.mentions > 0);
  return (
    <section className="card" data-testid="policies-used">
      <h2>Targets these numbers are held to</h2>
      <p className="muted caption">
        Each mention is held to the policy version in force when its clock started{used.length > 1 ? '; this period spans more than one version' : ''}.
      </p>
      <ul className="policies-used">
        {(used.length ? used : report.policies.slice(-1)).map((p) => {
          const v = versions.find((x) => (p.from === null ? x.version === 0 : x.fromMs === Date.parse(p.from)));
          const label = v ? policyLabel(v) : p.from === null ? 'Default policy' : `Policy from ${new Date(p.from).toLocaleString()}`;
          return (
            <li key={p.from ?? 'default'}>
              <strong>{label}</strong>: {formatCount(p.mentions, 'mention')}. First response within {formatMinutes(p.policy.firstResponseMinutes)}
              {hasBusinessHours(p.policy) ? ` business time (${p.policy.timezone})` : ', around the clock'}
              {Object.keys(p.policy.channels).length ? '; some channels have their own targets' : ''}.
              <span className="muted"> e.g. “{describePromise(p.policy, 'x')}”.</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
