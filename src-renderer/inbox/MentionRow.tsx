import { memo } from 'react';
import type { MentionRecord } from '../db/schema';
import { CHANNEL_INFO, formatCount } from '../lib/channels';
import { useClock } from '../lib/time';
import { Countdown } from './Countdown';
import { langCode, topicLabel } from '../db/facet-labels';
import { rowLabel } from './row-label';
import { PresenceDots } from '../team/PresenceDots';
import { presenceLine, type PresenceMark } from '../team/presence-marks';

interface Props {
  mention: MentionRecord | undefined;
  id: string;
  selected: boolean;
  checked: boolean;
  /** Show the reach tier (false for an agent in reach-blind mode who has not taken it). */
  reachVisible: boolean;
  onOpen: (id: string) => void;
  onCheck: (id: string) => void;
  onDoubleOpen: (id: string) => void;
  /** Position in the whole view (1-based) and its length: only some rows are in the DOM. */
  pos: number;
  size: number;
  /** Offset in the virtual list (a number, so rows that did not move are not drawn again while scrolling). */
  top: number;
  height: number;
  /** Other agents who have it open or are writing a reply (team mode). */
  presence?: readonly PresenceMark[];
}

/** The first line of what they said: a review's title, else the text up to its first line break. */
function firstLine(m: MentionRecord): string {
  const line = m.text.split(/\r?\n/, 1)[0] ?? '';
  return m.title && m.channel !== 'x' ? `${m.title} — ${line}` : line;
}

function StatusCell({ m }: { m: MentionRecord }) {
  if (m.status === 'waiting') return <span className="row-state state-waiting" title="We replied; waiting on the customer">waiting</span>;
  if (m.status === 'resolved') return <span className="row-state state-resolved">resolved</span>;
  if (m.status === 'noise') return <span className="row-state state-noise">noise</span>;
  return <Countdown dueAt={m.dueAt} clockStartMs={m.clockStartMs} />;
}

/** The DOM id of a row, for the list's aria-activedescendant. */
export const rowDomId = (id: string): string => `mention-row-${id}`;

/**
 * One option of the inbox listbox. It holds no control of its own (an interactive element inside an
 * option is unreachable for a screen reader): the bulk checkbox is drawn for the mouse, and the
 * keyboard picks with x; every action on the row lives in the conversation pane and the shortcuts.
 */
export const MentionRow = memo(function MentionRow({ mention: m, id, selected, checked, reachVisible, onOpen, onCheck, onDoubleOpen, pos, size, top, height, presence }: Props) {
  const info = m ? CHANNEL_INFO[m.channel] : undefined;
  // The spoken label depends on the time only through its due state ("due in 7 minutes"): the row
  // draws again when the label changes, not on every tick of the clock.
  const label = useClock((nowMs) => (m ? rowLabel(m, { nowMs, reachVisible, checked }) : 'Loading'));
  return (
    <div
      role="option"
      id={rowDomId(id)}
      data-testid="mention-row"
      data-mention-id={id}
      data-status={m?.status}
      data-assignee={m?.assignee ?? ''}
      aria-selected={selected}
      aria-checked={checked}
      aria-posinset={pos}
      aria-setsize={size}
      className={`row${selected ? ' row-selected' : ''}${checked ? ' row-checked' : ''}${m?.unread ? ' row-unread' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height, transform: `translateY(${top}px)` }}
      onClick={(e) => (e.shiftKey || e.metaKey || e.ctrlKey ? onCheck(id) : onOpen(id))}
      onDoubleClick={() => onDoubleOpen(id)}
    >
      {/* Named from content: this sentence is what a screen reader says; the drawn row is hidden from it. */}
      <span className="sr-only">
        {label}
        {presence?.length ? `. ${presenceLine(presence)}` : ''}
      </span>
      <span
        className={`row-check${checked ? ' row-check-on' : ''}`}
        aria-hidden
        title="Select for bulk actions (x)"
        onClick={(e) => {
          e.stopPropagation();
          onCheck(id);
        }}
      />
      {m && info ? (
        <>
          <span className={`chan chan-${m.channel}`} title={info.label} aria-hidden>
            {info.glyph}
          </span>
          <div className="row-main" aria-hidden>
            <div className="row-top">
              <span className="author">{m.author.name || m.author.handle}</span>
              <span className="handle">{m.author.handle ? `@${m.author.handle}` : ''}</span>
              {reachVisible ? (
                <span className={`tier tier-${m.reach.tier}`} title={`Reach ${m.reach.score}/100 · ${formatCount(m.author.followers)} followers`}>
                  {m.reach.tier}
                </span>
              ) : null}
              {m.rating ? (
                <span className="rating" aria-label={`${m.rating} of 5 stars`}>
                  {'★'.repeat(m.rating)}
                  {'☆'.repeat(5 - m.rating)}
                </span>
              ) : null}
              {m.lang ? (
                <span className="row-lang" title="Language">
                  {langCode(m.lang)}
                </span>
              ) : null}
              {m.sentiment ? (
                <span className={`senti senti-${m.sentiment.label}`} title={`Sentiment ${m.sentiment.score.toFixed(2)}`}>
                  {m.sentiment.label}
                </span>
              ) : null}
              <span className="spacer" />
              {presence?.length ? <PresenceDots marks={presence} /> : null}
              <StatusCell m={m} />
            </div>
            <div className="row-bottom">
              <span className="row-text" lang={m.lang ?? undefined}>
                {firstLine(m)}
              </span>
              {m.topics?.length ? (
                <span className="row-topic" title={`Topics: ${m.topics.map(topicLabel).join(', ')}`}>
                  {topicLabel(m.topics[0]!)}
                  {m.topics.length > 1 ? ` +${m.topics.length - 1}` : ''}
                </span>
              ) : null}
              {m.tags.slice(0, 2).map((t) => (
                <span key={t} className="row-tag">
                  #{t}
                </span>
              ))}
              {m.assignee ? (
                <span className="row-assignee" title={`Assigned to ${m.assignee}`}>
                  {m.assignee}
                </span>
              ) : null}
            </div>
          </div>
        </>
      ) : (
        <div className="row-main row-loading" aria-hidden />
      )}
    </div>
  );
});
