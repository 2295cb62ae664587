/** One line of a conversation: a message, one of our replies, or something the team did. */
import type { ThreadItem } from './thread';
import { CHANNEL_INFO } from '../lib/channels';
import { formatClock } from '../lib/time';
import { ExternalLink } from '../bridge/ExternalLink';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function ThreadEntry({ item, rootId }: { item: ThreadItem; rootId: string }) {
  if (item.kind === 'message') {
    const m = item.mention;
    const label = item.role === 'parent' ? 'in reply to' : item.role === 'other' ? 'also in the conversation' : item.role === 'customer' && m.id !== rootId ? 'follow-up' : '';
    return (
      <article className={`msg msg-${item.role}`} data-testid="thread-message" data-mention-id={m.id}>
        <div className="msg-head">
          <strong>{m.author.name || m.author.handle}</strong>
          {m.author.handle ? <span className="muted"> @{m.author.handle}</span> : null}
          {label ? <span className="msg-label">{label}</span> : null}
          <span className="spacer" />
          <span className="muted small" title={m.createdAt}>
            {CHANNEL_INFO[m.channel].glyph} {formatClock(m.createdAt)}
          </span>
        </div>
        {m.title ? <div className="msg-title">{m.title}</div> : null}
        {m.rating ? (
          <div className="rating" aria-label={`${m.rating} of 5 stars`}>
            {'★'.repeat(m.rating)}
            {'☆'.repeat(5 - m.rating)}
          </div>
        ) : null}
        <p className="msg-text" lang={m.lang ?? undefined}>
          {m.text}
        </p>
        {m.meta && item.role === 'root' ? (
          <div className="msg-meta muted small">
            {Object.entries(m.meta)
              .map(([k, v]) => `${k}: ${v}`)
              .join(' · ')}
          </div>
        ) : null}
      </article>
    );
  }
  const e = item.event;
  if (item.kind === 'reply') {
    const url = str(e.data?.url);
    return (
      <article className="msg msg-ours" data-testid="thread-reply">
        <div className="msg-head">
          <strong>Our reply</strong>
          <span className="muted"> · {e.agent ?? 'team'}</span>
          <span className="msg-label">{e.data?.via === 'x' ? 'posted on X' : 'answered on the site'}</span>
          <span className="spacer" />
          <span className="muted small">{formatClock(e.at)}</span>
        </div>
        <p className="msg-text">{str(e.data?.text)}</p>
        {url ? (
          <div className="small">
            <ExternalLink href={url}>View the reply ↗</ExternalLink>
          </div>
        ) : null}
      </article>
    );
  }
  return (
    <div className="activity" data-testid="thread-activity">
      <span>{describe(e.type, e.agent, e.data)}</span>
      <span className="muted"> · {formatClock(e.at)}</span>
    </div>
  );
}

function describe(type: string, agent: string | undefined, data: Record<string, unknown> | undefined): string {
  const who = agent ?? 'someone';
  switch (type) {
    case 'assigned':
      // A take that reached the log after a teammate's (first come keeps it): it changed nothing.
      if (typeof data?.lostTo === 'string') return `${who} tried to take it; ${data.lostTo} had it first`;
      return data?.by && data.by !== agent ? `${str(data.by)} assigned it to ${who}` : `${who} took it`;
    case 'unassigned':
      return `${who} unassigned it`;
    case 'resolved':
      return `${who} resolved it`;
    case 'reopened':
      return `Reopened: ${str(data?.reason) || 'by hand'}`;
    case 'noise':
      return `${who} marked it as noise`;
    case 'unnoise':
      return `${who} took it out of noise`;
    case 'tagged':
      return `${who} tagged it #${str(data?.tag)}`;
    case 'untagged':
      return `${who} removed #${str(data?.tag)}`;
    case 'skipped':
      return `Passed over by ${who} (${str(data?.reason)})`;
    case 'noted':
      return `${who} noted: ${str(data?.text)}`;
    default:
      return type;
  }
}
