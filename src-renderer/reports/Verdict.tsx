/**
 * The top of the report, readable in a minute: the plain sentence, the ratio with its interval and
 * the limit, whether the gap is chance, and what it means in minutes for a customer.
 */
import type { FairnessReport } from '../../src-main/shared/sla/fairness';
import { TIER_AUDIENCE } from '../../src-main/shared/sla/sentence';
import { groupPhrase } from '../../src-main/shared/sla/groups';
import type { ReachTier } from '../../src-main/shared/mention';
import { formatMinutes } from './format';

type Tone = 'warn' | 'ok' | 'unknown';

function certainty(r: FairnessReport): string {
  const [lo, hi] = r.fairnessRatioCI90!;
  const limit = r.fairnessRatioLimit;
  const iv = `${lo.toFixed(2)} to ${hi.toFixed(2)}`;
  if (lo > limit) return `Even the low end of the 90% interval (${lo.toFixed(2)}×) is above the limit: this gap is not chance.`;
  if (lo <= 1) return `The 90% interval (${iv}) includes 1.0, equal treatment: the data cannot tell these tiers apart yet.`;
  if (r.warning) return `The gap is real (the 90% interval, ${iv}, stays above 1.0), but it may be below the limit: more weeks will tell.`;
  if (hi > limit) return `Within the limit, but the 90% interval (${iv}) reaches above it: keep an eye on it.`;
  return `Even the high end of the 90% interval (${hi.toFixed(2)}×) is within the limit.`;
}

export function Verdict({ report }: { report: FairnessReport }) {
  const r = report;
  const tone: Tone = r.fairnessRatio === null ? 'unknown' : r.warning ? 'warn' : 'ok';
  // With "compare by" the ratio is over those groups (INTERFACES.md `--by`), not the tiers.
  const grouped = r.by !== undefined && r.groups !== undefined;
  const slow = grouped ? (r.slowestGroup ?? null) : r.slowestTier;
  const fast = grouped ? (r.fastestGroup ?? null) : r.fastestTier;
  const statsOf = (k: string) => (grouped ? r.groups![k] : r.tiers[k as ReachTier]);
  const phrase = (k: string) => (grouped ? groupPhrase(r.by!, k) : `with ${TIER_AUDIENCE[k as ReachTier]} followers`);
  return (
    <section className={`verdict verdict-${tone}`} aria-label="Fairness verdict" data-testid="report-verdict" data-warning={String(r.warning)}>
      <p className="sentence" data-testid="report-sentence">
        {r.sentence}
      </p>
      {r.fairnessRatio !== null && r.fairnessRatioCI90 && slow && fast ? (
        <div className="verdict-body">
          <div className="figure">
            <span className="figure-value" data-testid="report-ratio" data-value={r.fairnessRatio}>
              {r.fairnessRatio.toFixed(2)}×
            </span>
            <span className="figure-label">fairness ratio: slowest {grouped ? 'group' : 'tier'}’s median wait ÷ fastest’s</span>
          </div>
          <div className="figure">
            <span className="figure-value figure-small" data-testid="report-ci" data-value={r.fairnessRatioCI90.join(',')}>
              {r.fairnessRatioCI90[0].toFixed(2)} – {r.fairnessRatioCI90[1].toFixed(2)}
            </span>
            <span className="figure-label">90% interval (bootstrap)</span>
          </div>
          <div className="figure">
            <span className="figure-value figure-small">{r.fairnessRatioLimit}×</span>
            <span className="figure-label">your limit (SLA policy)</span>
          </div>
          <div className="verdict-words">
            <strong>{tone === 'warn' ? `⚠ Above your limit of ${r.fairnessRatioLimit}×.` : `Within your limit of ${r.fairnessRatioLimit}×.`}</strong> {certainty(r)}
            <br />
            Typical first reply: <strong>{formatMinutes(statsOf(slow)?.medianFirstResponseMinutes ?? null)}</strong> for customers {phrase(slow)},{' '}
            <strong>{formatMinutes(statsOf(fast)?.medianFirstResponseMinutes ?? null)}</strong> for those {phrase(fast)}.
          </div>
        </div>
      ) : (
        <p className="muted">The ratio needs at least {r.minAnsweredForRatio} answered mentions in each of two {grouped ? 'groups' : 'reach tiers'}; the tables below show what there is so far.</p>
      )}
    </section>
  );
}
