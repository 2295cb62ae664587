import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { mentionById } from '../db/queries';
import { CHANNEL_INFO, TIER_LABEL, formatCount } from '../lib/channels';
import { formatClock } from '../lib/time';
import { Countdown } from './Countdown';
import { ExternalLink } from '../app/ExternalLink';

export function DetailPane({ id }: { id: string | undefined }) {
  const m = useLiveQuery(() => (id ? mentionById(getDb(), id) : undefined), [id]);
  if (!id || !m) {
    return (
      <aside className="detail detail-empty" aria-label="Mention">
        <p>Select a mention, or press <kbd>n</kbd> to take the next one due.</p>
      </aside>
    );
  }
  const a = m.author;
  return (
    <aside className="detail" aria-label="Mention">
      <header className="detail-head">
        <span className={`chan chan-${m.channel}`}>{CHANNEL_INFO[m.channel].glyph}</span>
        <div>
          <div className="detail-author">
            {a.url ? <ExternalLink href={a.url}>{a.name || a.handle}</ExternalLink> : a.name || a.handle}
            {a.verified ? <span className="verified" title="Verified">✓</span> : null}
            {a.unavailable ? <span className="muted"> (account unavailable)</span> : null}
          </div>
          <div className="muted">
            {a.handle ? `@${a.handle} · ` : ''}
            {CHANNEL_INFO[m.channel].label} · {formatClock(m.createdAt)}
          </div>
        </div>
        <span className="spacer" />
        <Countdown dueAt={m.dueAt} clockStartMs={m.clockStartMs} />
      </header>
      <dl className="facts">
        <dt>Reach</dt>
        <dd>
          <span className={`tier tier-${m.reach.tier}`}>{TIER_LABEL[m.reach.tier]}</span> score {m.reach.score}/100
        </dd>
        <dt>Followers</dt>
        <dd>{formatCount(a.followers)}</dd>
        {m.rating ? (
          <>
            <dt>Rating</dt>
            <dd className="rating">{'★'.repeat(m.rating)}{'☆'.repeat(5 - m.rating)}</dd>
          </>
        ) : null}
        {m.meta
          ? Object.entries(m.meta).map(([k, v]) => (
              <FactRow key={k} k={k} v={v} />
            ))
          : null}
      </dl>
      {m.title ? <h2 className="detail-title">{m.title}</h2> : null}
      <p className="detail-text" lang={m.lang}>{m.text}</p>
      {m.url ? (
        <p>
          <ExternalLink href={m.url}>Open on {CHANNEL_INFO[m.channel].label} ↗</ExternalLink>
        </p>
      ) : null}
    </aside>
  );
}

function FactRow({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())}</dt>
      <dd>{/^https?:\/\//.test(v) ? <ExternalLink href={v}>{v}</ExternalLink> : v}</dd>
    </>
  );
}
