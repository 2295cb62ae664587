import { memo } from 'react';
import type { MentionRecord } from '../db/schema';
import { CHANNEL_INFO, formatCount } from '../lib/channels';
import { Countdown } from './Countdown';

interface Props {
  mention: MentionRecord | undefined;
  id: string;
  selected: boolean;
  onOpen: (id: string) => void;
  style: React.CSSProperties;
}

export const MentionRow = memo(function MentionRow({ mention: m, id, selected, onOpen, style }: Props) {
  return (
    <div
      role="option"
      data-testid="mention-row"
      data-mention-id={id}
      aria-selected={selected}
      className={`row${selected ? ' row-selected' : ''}`}
      style={style}
      onClick={() => onOpen(id)}
    >
      {m ? (
        <>
          <span className={`chan chan-${m.channel}`} title={CHANNEL_INFO[m.channel].label} aria-label={CHANNEL_INFO[m.channel].label}>
            {CHANNEL_INFO[m.channel].glyph}
          </span>
          <div className="row-main">
            <div className="row-top">
              <span className="author">{m.author.name || m.author.handle}</span>
              <span className="handle">{m.author.handle ? `@${m.author.handle}` : ''}</span>
              <span className={`tier tier-${m.reach.tier}`} title={`Reach ${m.reach.score}/100 · ${formatCount(m.author.followers)} followers`}>
                {m.reach.tier}
              </span>
              {m.rating ? <span className="rating" aria-label={`${m.rating} of 5 stars`}>{'★'.repeat(m.rating)}{'☆'.repeat(5 - m.rating)}</span> : null}
              <span className="spacer" />
              <Countdown dueAt={m.dueAt} clockStartMs={m.clockStartMs} />
            </div>
            <div className="row-text">{m.title && m.channel !== 'x' ? `${m.title} — ` : ''}{m.text}</div>
          </div>
        </>
      ) : (
        <div className="row-main row-loading" />
      )}
    </div>
  );
});
