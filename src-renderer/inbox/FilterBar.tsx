/** Filters that combine: text, status, channel, source, reach tier, tag, assignee, language, sentiment, topic. */
import { useEffect, useRef, useState } from 'react';
import { CHANNELS, REACH_TIERS, type Channel, type ReachTier } from '../../src-main/shared/mention';
import { STATUSES, type Status } from '../db/schema';
import { CHANNEL_INFO } from '../lib/channels';
import { useUi } from '../state/ui-store';
import { STATUS_LABEL, type AssigneeFilter, type InboxFilter } from '../db/inbox-filter';
import { SENTIMENT_VALUES, type SentimentValue } from '../db/facets';
import { langLabel, topicLabel } from '../db/facet-labels';
import type { FilterChoices } from './inbox-data';

interface Props {
  filter: InboxFilter;
  choices: FilterChoices;
  showTier: boolean;
  me: string;
  /** The filter differs from the view it started from. */
  modified: boolean;
  onReset(): void;
}

const one = <T extends string>(v: string): T[] | undefined => (v ? [v as T] : undefined);

export function FilterBar({ filter, choices, showTier, me, modified, onReset }: Props) {
  const setFilter = useUi((s) => s.setFilter);
  const focus = useUi((s) => s.focus);
  const openOverlay = useUi((s) => s.openOverlay);
  const search = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(filter.text ?? '');
  const pushed = useRef(filter.text ?? '');

  // The view changed under us (a tab, a number key): show its text, not what we last pushed.
  useEffect(() => {
    const t = filter.text ?? '';
    if (t !== pushed.current) {
      pushed.current = t;
      setText(t);
    }
  }, [filter.text]);
  useEffect(() => {
    if (focus.target !== 'search' || !search.current) return;
    search.current.focus();
    search.current.select();
  }, [focus]);
  useEffect(() => {
    if ((filter.text ?? '') === text) return;
    const t = setTimeout(() => {
      pushed.current = text;
      setFilter({ text: text || undefined });
    }, 180);
    return () => clearTimeout(t);
  }, [text, filter.text, setFilter]);

  const toggleStatus = (s: Status): void => {
    const has = filter.statuses.includes(s);
    setFilter({ statuses: has ? filter.statuses.filter((x) => x !== s) : [...filter.statuses, s] });
  };

  return (
    <div className="filters" role="search">
      <div className="filters-row">
        <input
          ref={search}
          className="search"
          type="search"
          placeholder="Search text and authors   /"
          aria-label="Search text and authors"
          data-testid="inbox-search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              pushed.current = text;
              setFilter({ text: text || undefined });
              (e.target as HTMLInputElement).blur();
              useUi.getState().requestFocus('list');
            }
          }}
        />
      </div>
      <div className="filters-row">
        <div className="status-chips" role="group" aria-label="Status">
          {STATUSES.map((s) => (
            <button key={s} className="chip" aria-pressed={filter.statuses.includes(s)} onClick={() => toggleStatus(s)} title={STATUS_LABEL[s]}>
              {s}
            </button>
          ))}
        </div>
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
        {filter.only ? (
          <span className="chip chip-only" data-testid="drill-filter" title="Exactly the mentions behind a figure of the Voice of the customer screen">
            {filter.only.label} · {filter.only.ids.length.toLocaleString()}
            <button className="btn-link" aria-label="Show all mentions again" onClick={() => setFilter({ only: undefined })}>
              ×
            </button>
          </span>
        ) : null}
        <span className="spacer" />
        {modified ? (
          <>
            <button className="btn-link" onClick={onReset} title="Back to the view as saved">
              Reset
            </button>
            <button className="btn btn-small" onClick={() => openOverlay('save-view')}>
              Save view…
            </button>
          </>
        ) : null}
      </div>
    </div>
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
