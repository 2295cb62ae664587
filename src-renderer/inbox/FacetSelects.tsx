/** The one-pick filters: channel, source, reach tier, tag, assignee, language, sentiment, topic. */
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../../src-main/shared/mention';
import { CHANNEL_INFO } from '../lib/channels';
import { useUi } from '../state/ui-store';
import type { AssigneeFilter, InboxFilter } from '../db/inbox-filter';
import { SENTIMENT_VALUES, type SentimentValue } from '../db/facets';
import { langLabel, topicLabel } from '../db/facet-labels';
import type { FilterChoices } from './inbox-data';

interface Props {
  filter: InboxFilter;
  choices: FilterChoices;
  showTier: boolean;
  me: string;
}

const one = <T extends string>(v: string): T[] | undefined => (v ? [v as T] : undefined);

export function FacetSelects({ filter, choices, showTier, me }: Props) {
  const setFilter = useUi((s) => s.setFilter);
  return (
    <>
      <Select label="Channel" value={filter.channels?.[0] ?? ''} onChange={(v) => setFilter({ channels: one<Channel>(v) })}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {CHANNEL_INFO[c].label}
          </option>
        ))}
      </Select>
      <Select label="Source" value={filter.sources?.[0] ?? ''} onChange={(v) => setFilter({ sources: one(v) })}>
        {choices.sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
      {showTier ? (
        <Select label="Reach" value={filter.tiers?.[0] ?? ''} onChange={(v) => setFilter({ tiers: one<ReachTier>(v) })}>
          {REACH_TIERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      ) : null}
      <Select label="Tag" value={filter.tags?.[0] ?? ''} onChange={(v) => setFilter({ tags: one(v) })}>
        {choices.tags.map((t) => (
          <option key={t} value={t}>
            #{t}
          </option>
        ))}
      </Select>
      <Select label="Assignee" anyLabel="anyone" value={filter.assignee ?? ''} onChange={(v) => setFilter({ assignee: (v || undefined) as AssigneeFilter | undefined })}>
        <option value="mine">mine ({me})</option>
        <option value="mine-or-unassigned">mine or nobody’s</option>
        <option value="unassigned">nobody’s</option>
        {choices.agents
          .filter((a) => a !== me)
          .map((a) => (
            <option key={a} value={`agent:${a}`}>
              {a}
            </option>
          ))}
      </Select>
      <Select label="Language" value={filter.langs?.[0] ?? ''} onChange={(v) => setFilter({ langs: one(v) })}>
        {choices.langs.map((l) => (
          <option key={l} value={l}>
            {langLabel(l)}
          </option>
        ))}
      </Select>
      <Select label="Sentiment" value={filter.sentiments?.[0] ?? ''} onChange={(v) => setFilter({ sentiments: one<SentimentValue>(v) })}>
        {SENTIMENT_VALUES.map((v) => (
          <option key={v} value={v}>
            {v === 'unjudged' ? 'not judged' : v}
          </option>
        ))}
      </Select>
      <Select label="Topic" value={filter.topics?.[0] ?? ''} onChange={(v) => setFilter({ topics: one(v) })}>
        {choices.topics.map((t) => (
          <option key={t} value={t}>
            {topicLabel(t)}
          </option>
        ))}
      </Select>
    </>
  );
}

/** A compact filter: "Channel: any" until something is picked. */
function Select({ label, value, onChange, children, anyLabel = 'any' }: { label: string; value: string; onChange(v: string): void; children: React.ReactNode; anyLabel?: string }) {
  return (
    <span className={`select${value ? ' select-on' : ''}`}>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} title={label}>
        <option value="">
          {label}: {anyLabel}
        </option>
        {children}
      </select>
    </span>
  );
}
