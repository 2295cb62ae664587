/** The tables of the Voice of the customer screen; every number opens its mentions. */
import type { VocSource, VocTerm, VocTopic, VocWeek } from '../../src-main/shared/voc/report';
import { CHANNEL_INFO } from '../lib/channels';
import type { Channel } from '../../src-main/shared/mention';
import { langLabel, topicLabel } from '../db/facet-labels';
import { Fig, type Drill } from './VocScreen';
import { SENTIMENT_ROWS, change, int, minutes, pct, weekLabel } from './labels';

export function WeeksTable({ weeks, drill }: { weeks: VocWeek[]; drill: Drill }) {
  return (
    <table className="table voc-table" data-testid="voc-weeks">
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col" className="num">
            Mentions
          </th>
          {SENTIMENT_ROWS.map((s) => (
            <th key={s.key} scope="col" className="num">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.start}>
            <th scope="row">{weekLabel(w.start)}</th>
            <td className="num">
              <Fig value={w.mentions} onClick={() => drill({ kind: 'week', start: w.start }, `Week of ${weekLabel(w.start)}`)} />
            </td>
            {SENTIMENT_ROWS.map((s) => (
              <td key={s.key} className="num">
                <Fig value={w[s.key]} onClick={() => drill({ kind: 'week', start: w.start, sentiment: s.key }, `Week of ${weekLabel(w.start)}, ${s.label}`)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TopicsTable({ topics, drill }: { topics: VocTopic[]; drill: Drill }) {
  return (
    <section className="card report-table" data-testid="voc-topics">
      <h2>Topics</h2>
      <p className="caption muted">Ranked by mentions, with the change against the previous period and the share judged negative.</p>
      {topics.length === 0 ? (
        <p className="muted">No mention matched a topic rule in this period (topic rules are set on the Topics screen).</p>
      ) : (
        <table className="table voc-table">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col" className="num">Mentions</th>
              <th scope="col" className="num">Before</th>
              <th scope="col" className="num">Change</th>
              <th scope="col" className="num">Negative</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((t) => (
              <tr key={t.id}>
                <th scope="row">{topicLabel(t.id)}</th>
                <td className="num">
                  <Fig value={t.mentions} onClick={() => drill({ kind: 'topic', id: t.id }, `Topic ${topicLabel(t.id)}`)} />
                </td>
                <td className="num">
                  <Fig value={t.previousPeriodMentions} onClick={() => drill({ kind: 'topic', id: t.id, previous: true }, `Topic ${topicLabel(t.id)}, previous period`)} />
                </td>
                <td className="num">{change(t.change, t.previousPeriodMentions)}</td>
                <td className="num">
                  <Fig value={t.negativeShare ? 1 : 0} label={pct(t.negativeShare)} onClick={() => drill({ kind: 'topic', id: t.id, negative: true }, `Topic ${topicLabel(t.id)}, negative`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RisingTable({ rising, drill }: { rising: VocTerm[]; drill: Drill }) {
  return (
    <section className="card report-table" data-testid="voc-rising">
      <h2>Rising terms</h2>
      <p className="caption muted">Words and two-word phrases in at least 5 mentions, that grew most against the previous period.</p>
      {rising.length === 0 ? (
        <p className="muted">No term is in 5 or more mentions and growing.</p>
      ) : (
        <table className="table voc-table">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col" className="num">Mentions</th>
              <th scope="col" className="num">Before</th>
            </tr>
          </thead>
          <tbody>
            {rising.map((t) => (
              <tr key={t.term}>
                <th scope="row">“{t.term}”</th>
                <td className="num">
                  <Fig value={t.mentions} onClick={() => drill({ kind: 'term', term: t.term }, `Term “${t.term}”`)} />
                </td>
                <td className="num">
                  <Fig value={t.previousPeriodMentions} onClick={() => drill({ kind: 'term', term: t.term, previous: true }, `Term “${t.term}”, previous period`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SourcesTable({ sources, drill }: { sources: VocSource[]; drill: Drill }) {
  const name = (s: VocSource): string => `${s.sourceId} (${CHANNEL_INFO[s.channel as Channel]?.label ?? s.channel})`;
  return (
    <section className="card report-table" data-testid="voc-sources">
      <h2>Sources side by side</h2>
      <p className="caption muted">Each app store country, subreddit or feed: its volume, how negative, its rating, and how fast we answered there.</p>
      <table className="table voc-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">Mentions</th>
            <th scope="col" className="num">Negative</th>
            <th scope="col" className="num">Average rating</th>
            <th scope="col" className="num">Median first response</th>
            <th scope="col" className="num">Breach rate</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const fig = { kind: 'source' as const, sourceId: s.sourceId, channel: s.channel };
            return (
              <tr key={`${s.channel}:${s.sourceId}`}>
                <th scope="row">{name(s)}</th>
                <td className="num">
                  <Fig value={s.mentions} onClick={() => drill(fig, `Source ${name(s)}`)} />
                </td>
                <td className="num">
                  <Fig value={s.negativeShare ? 1 : 0} label={pct(s.negativeShare)} onClick={() => drill({ ...fig, measure: 'negative' }, `Source ${name(s)}, negative`)} />
                </td>
                <td className="num">
                  <Fig value={s.averageRating ?? 0} label={s.averageRating === null ? '–' : `${s.averageRating.toFixed(1)} ★`} onClick={() => drill({ ...fig, measure: 'rated' }, `Source ${name(s)}, rated`)} />
                </td>
                <td className="num">
                  <Fig value={s.medianFirstResponseMinutes === null ? 0 : 1} label={minutes(s.medianFirstResponseMinutes)} onClick={() => drill({ ...fig, measure: 'answered' }, `Source ${name(s)}, answered`)} />
                </td>
                <td className="num">
                  <Fig value={s.breachRate ? 1 : 0} label={pct(s.breachRate)} onClick={() => drill({ ...fig, measure: 'breach' }, `Source ${name(s)}, breached`)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function LanguagesTable({ languages, drill }: { languages: Record<string, number>; drill: Drill }) {
  const total = Object.values(languages).reduce((a, b) => a + b, 0);
  return (
    <section className="card report-table" data-testid="voc-languages">
      <h2>Languages</h2>
      <table className="table voc-table">
        <thead>
          <tr>
            <th scope="col">Language</th>
            <th scope="col" className="num">Mentions</th>
            <th scope="col" className="num">Share</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(languages).map(([lang, n]) => (
            <tr key={lang}>
              <th scope="row">{langLabel(lang)}</th>
              <td className="num">
                <Fig value={n} onClick={() => drill({ kind: 'lang', lang }, `Language ${langLabel(lang)}`)} />
              </td>
              <td className="num">{pct(total ? n / total : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="caption muted">{int(total)} mentions; “unknown” where the language could not be told (too short, or not yet detected).</p>
    </section>
  );
}
