/**
 * Voice of the customer: what customers talk about, what is rising, how each site compares. Every
 * figure is a button that opens the inbox on exactly the mentions behind it (useDrill).
 */
import { CHANNEL_INFO } from '../lib/channels';
import type { Channel } from '../../src-main/shared/mention';
import { langLabel, topicLabel } from '../db/facet-labels';
import { useDemoHistory } from '../demo-history/use-demo-history';
import { DemoHistoryNote } from '../demo-history/DemoHistoryNote';
import type { VocFigure } from '../../src-main/shared/voc/report';
import { PERIODS, useVocParams } from './params';
import { useDrill, useVoc } from './useVoc';
import { WeeklySentimentChart } from './WeeklySentimentChart';
import { LanguagesTable, RisingTable, SourcesTable, TopicsTable, WeeksTable } from './VocTables';
import { SENTIMENT_ROWS, int, weekLabel } from './labels';
import '../reports/reports.css';
import './voc.css';
import { ReportProgressLine } from '../reports/ReportProgressLine';

export type Drill = (figure: VocFigure, label: string) => void;

export function VocScreen() {
  const state = useVoc();
  const drill = useDrill();
  const refresh = useVocParams((s) => s.refresh);
  useDemoHistory(refresh);
  const res = state.response;
  const r = res?.report;
  return (
    <div className="page report voc" data-testid="voc-report" aria-busy={state.status === 'loading'}>
      <header className="page-head report-head">
        <h1>Voice of the customer</h1>
        {state.status === 'loading' && r ? <ReportProgressLine progress={state.progress} compact /> : null}
        <span className="spacer" />
        <button className="btn btn-small" onClick={refresh}>
          Refresh
        </button>
      </header>
      <VocControls choices={res?.choices} />
      <DemoHistoryNote onChange={refresh} />
      {state.status === 'error' ? (
        <p className="error" role="alert">
          The report could not be computed: {state.error}
        </p>
      ) : null}
      {!r ? (
        state.status === 'loading' ? <ReportProgressLine progress={state.progress} /> : null
      ) : (
        <div className="report-body">
          <p className="voc-summary">
            <Fig value={r.mentions} label={`${int(r.mentions)} mentions`} onClick={() => drill({ kind: 'period' }, 'Voice of the customer: every mention of the period')} testId="voc-total" /> in this period,{' '}
            <Fig value={r.previousPeriod.mentions} label={int(r.previousPeriod.mentions)} onClick={() => drill({ kind: 'period', previous: true }, 'Voice of the customer: every mention of the previous period')} /> in the{' '}
            period before. Noise is left out; sentiment shares are of the mentions whose language could be judged.
          </p>
          <section className="card chart-card">
            <h2>Volume per week, by sentiment</h2>
            <p className="caption muted">Weeks start on Monday (UTC). Click a bar or a number for its mentions.</p>
            <WeeklySentimentChart weeks={r.weeks} onPick={(w, s) => drill({ kind: 'week', start: w.start, sentiment: s }, `Week of ${weekLabel(w.start)}, ${SENTIMENT_ROWS.find((x) => x.key === s)?.label ?? s}`)} />
            <WeeksTable weeks={r.weeks} drill={drill} />
          </section>
          <div className="voc-grid">
            <TopicsTable topics={r.topics} drill={drill} />
            <RisingTable rising={r.rising} drill={drill} />
          </div>
          <SourcesTable sources={r.sources} drill={drill} />
          <LanguagesTable languages={r.languages} drill={drill} />
          <p
            className="muted report-foot"
            data-testid="voc-foot"
            data-elapsed={state.elapsedMs?.toFixed(0)}
            data-reused={String(res.reused)}
            data-timings={JSON.stringify(res.timings)}
            data-how={res.how}
            data-status={state.status}
            data-answers={state.answers}
            data-report={JSON.stringify(r)}
          >
            {new Date(r.from).toLocaleString('en-GB', { timeZone: 'UTC' })} to {new Date(r.to).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC · counted in {Math.round(state.elapsedMs ?? 0)} ms{state.status === 'checking' ? ' (checking they are current…)' : ''} · the same
            figures as <code>npm run voc -- --input FILE --from {r.from} --to {r.to}</code> on the exported event log
          </p>
        </div>
      )}
    </div>
  );
}

/** A figure that opens its mentions. */
export function Fig({ value, label, onClick, testId }: { value: number; label?: string; onClick(): void; testId?: string }) {
  return (
    <button type="button" className="fig" onClick={onClick} disabled={value === 0} data-testid={testId} title={value ? 'Open these mentions in the inbox' : undefined}>
      {label ?? int(value)}
    </button>
  );
}

function VocControls({ choices }: { choices?: { channels: string[]; sources: string[]; langs: string[]; topics: string[] } }) {
  const { days, filter, setDays, setFilter } = useVocParams();
  const one = (v: string): string[] | undefined => (v ? [v] : undefined);
  const pickers: Array<{ label: string; key: 'channels' | 'sources' | 'topics' | 'sentiments' | 'langs'; values: string[]; name(v: string): string }> = [
    { label: 'Channel', key: 'channels', values: choices?.channels ?? [], name: (v) => CHANNEL_INFO[v as Channel]?.label ?? v },
    { label: 'Source', key: 'sources', values: choices?.sources ?? [], name: (v) => v },
    { label: 'Topic', key: 'topics', values: choices?.topics ?? [], name: topicLabel },
    { label: 'Sentiment', key: 'sentiments', values: SENTIMENT_ROWS.map((s) => s.key), name: (v) => SENTIMENT_ROWS.find((s) => s.key === v)?.label ?? v },
    { label: 'Language', key: 'langs', values: choices?.langs ?? [], name: langLabel },
  ];
  return (
    <div className="report-controls voc-controls" role="search" aria-label="Voice of the customer filters">
      <label>
        Period
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="voc-period">
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {pickers.map((p) => (
        <label key={p.key}>
          {p.label}
          <select value={filter[p.key]?.[0] ?? ''} onChange={(e) => setFilter({ [p.key]: one(e.target.value) })} data-testid={`voc-filter-${p.key}`}>
            <option value="">any</option>
            {p.values.map((v) => (
              <option key={v} value={v}>
                {p.name(v)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

