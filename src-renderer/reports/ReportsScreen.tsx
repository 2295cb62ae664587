/**
 * The fairness report (Priya's Friday review): can a team lead say within a minute whether customers
 * with few followers wait longer than big accounts, by how much, and how sure we are?
 */
import { useEffect, useMemo, useState } from 'react';
import { REACH_TIERS, CHANNELS } from '../../src-main/shared/mention';
import { targetsFor } from '../../src-main/shared/sla/policy';
import { getDb } from '../db/schema';
import { CHANNEL_INFO } from '../lib/channels';
import { useDemoHistory } from '../demo-history/use-demo-history';
import { DemoHistoryNote } from '../demo-history/DemoHistoryNote';
import { policyVersionAt, usePolicies, ensurePoliciesLoaded } from '../db/policies';
import { Controls, GROUP_BY_LABEL } from './Controls';
import { languageName } from '../../src-main/shared/sla/groups';
import { DataTools } from './DataTools';
import { PoliciesUsed } from './PoliciesUsed';
import { SkipsTable } from './SkipsTable';
import { StatsTable, type StatsRow } from './StatsTable';
import { Verdict } from './Verdict';
import { TierBoxChart } from './charts/TierBoxChart';
import { WeeklyRatioChart } from './charts/WeeklyRatioChart';
import { BreachChart, type BreachBar } from './charts/BreachChart';
import type { Palette } from './charts/palette';
import { DEFAULT_PARAMS, describeParams, type ReportParams } from './params';
import { TIER_SHORT, tierTitle } from './samples';
import { useReport } from './useReport';
import { ReportProgressLine } from './ReportProgressLine';
import { formatCount, formatInt, formatPercent } from './format';
import './reports.css';

const tierColors = (p: Palette): string[] => [...p.tiers];

export function ReportsScreen() {
  const [params, setParams] = useState<ReportParams>(DEFAULT_PARAMS);
  const [agents, setAgents] = useState<string[]>([]);
  const { state, refresh, newActivity, progress } = useReport(params);
  const versions = usePolicies((s) => s.versions);
  useEffect(() => void ensurePoliciesLoaded(getDb()), []);
  useDemoHistory(refresh);

  const res = state.response;
  useEffect(() => {
    if (res && !params.agent) setAgents(res.agents);
  }, [res, params.agent]);

  const r = res?.report;
  // Made once per report: a new array on every render of this screen (the agents list, the new
  // activity count, the next report loading) had both breach charts lay themselves out again.
  const tierBars = useMemo(() => (r ? REACH_TIERS.map((t): BreachBar => ({ label: TIER_SHORT[t], rate: r.tiers[t].breachRate, n: r.tiers[t].answered + r.tiers[t].unansweredPastDue })) : []), [r]);
  const channelBars = useMemo(
    () => (r ? CHANNELS.filter((c) => r.byChannel[c]).map((c): BreachBar => ({ label: CHANNEL_INFO[c].label, rate: r.byChannel[c]!.breachRate, n: r.byChannel[c]!.answered + r.byChannel[c]!.unansweredPastDue })) : []),
    [r],
  );
  const target = targetsFor(policyVersionAt(state.nowMs, versions).policy, params.channel ?? 'x').firstResponseMinutes;
  return (
    <div className="page report" data-testid="fairness-report" aria-busy={state.status === 'loading'}>
      <header className="page-head report-head">
        <h1>Fairness report</h1>
        <span className="muted print-only">{describeParams(params)}</span>
        {/* The report shown stays (dimmed) while the next one is worked out: say what that is doing. */}
        {state.status === 'loading' && r ? <ReportProgressLine progress={progress} compact /> : null}
        <span className="spacer" />
        <Controls params={params} agents={agents} onChange={setParams} />
      </header>
      <DemoHistoryNote onChange={refresh} />
      {state.status === 'error' ? <p className="error" role="alert">The report could not be computed: {state.error}</p> : null}
      {!r ? (
        state.status === 'loading' ? <ReportProgressLine progress={progress} /> : null
      ) : (
        <div className="report-body">
          {newActivity > 0 ? (
            <p className="stale" role="status">
              {formatCount(newActivity, 'new event')} since this report was computed.{' '}
              <button type="button" className="btn-link" onClick={refresh}>
                Refresh
              </button>
            </p>
          ) : null}
          <Verdict report={r} />
          <div className="chart-grid">
            <figure className="card chart-card">
              <figcaption>
                <h2>How long customers waited for a first reply, by followers</h2>
                <p className="muted">Box: the middle half of replies; line: the median; whiskers: 8 in 10 replies. Faded: too few to judge.</p>
              </figcaption>
              <TierBoxChart boxes={res.boxes} targetMinutes={target} />
            </figure>
            <figure className="card chart-card">
              <figcaption>
                <h2>Fairness ratio, week by week</h2>
                <p className="muted">Slowest tier’s median over the fastest’s. Shaded: 90% interval. Gaps: weeks with too few replies to compare.</p>
              </figcaption>
              <WeeklyRatioChart weekly={r.weekly} limit={r.fairnessRatioLimit} />
            </figure>
            <figure className="card chart-card">
              <figcaption>
                <h2>Missed the target, by followers</h2>
              </figcaption>
              <BreachChart bars={tierBars} label="Breach rate by reach tier" colors={tierColors} />
            </figure>
            <figure className="card chart-card">
              <figcaption>
                <h2>Missed the target, by channel</h2>
              </figcaption>
              <BreachChart bars={channelBars} label="Breach rate by channel" />
            </figure>
          </div>
          {r.by && r.groups ? (
            <StatsTable
              title={`By ${GROUP_BY_LABEL[r.by].toLowerCase()}`}
              kind="group"
              caption="The groups the ratio above compares. A mention without a value is under “unknown”; one with several topics counts in each."
              rows={Object.entries(r.groups).map(([g, s]): StatsRow => ({ key: g, label: r.by === 'lang' && g !== 'unknown' ? `${languageName(g)} (${g})` : g, stats: s }))}
            />
          ) : null}
          <StatsTable
            title="By reach tier"
            kind="tier"
            caption="Tiers by estimated audience. Reach never changes a due time; this is where a gap would show."
            rows={REACH_TIERS.map((t): StatsRow => ({ key: t, label: tierTitle(t), stats: r.tiers[t] }))}
          />
          <StatsTable
            title="By channel"
            kind="channel"
            caption="With the promise published for each channel, and how often it was kept."
            rows={CHANNELS.filter((c) => r.byChannel[c]).map((c): StatsRow => {
              const s = r.byChannel[c]!;
              return {
                key: c,
                label: CHANNEL_INFO[c].label,
                stats: s,
                note: (
                  <>
                    “{s.promise}.” <span className="muted">Kept for {s.breachRate === null ? '—' : formatPercent(1 - s.breachRate)} of mentions due.</span>
                  </>
                ),
              };
            })}
          />
          <StatsTable title="By agent" kind="agent" caption="A mention counts for whoever sent the first reply, else whoever it is assigned to." rows={Object.entries(r.byAgent).map(([a, s]): StatsRow => ({ key: a, label: a, stats: s }))} />
          <SkipsTable skips={res.skips} />
          <PoliciesUsed report={r} />
          <DataTools report={r} params={params} nowMs={state.nowMs} onImported={refresh} />
          <p
            className="muted report-foot"
            data-testid="report-foot"
            data-elapsed-ms={Math.round(state.elapsedMs ?? 0)}
            data-load-ms={Math.round(res.timings.loadMs)}
            data-compute-ms={Math.round(res.timings.computeMs)}
            data-timings={JSON.stringify(res.timings, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}
            data-mentions={res.read.mentions}
            data-how={res.how}
          >
            As of <time data-testid="report-now" dateTime={r.now}>{new Date(r.now).toLocaleString()}</time> · {describeParams(params)} · {formatInt(res.read.mentions)} mentions,
            computed in {((state.elapsedMs ?? 0) / 1000).toFixed(2)} s. Noise is left out ({formatInt(r.input.noise)}). The same figures come out of <code>npm run fairness</code> on the
            exported event log.
          </p>
        </div>
      )}
    </div>
  );
}

