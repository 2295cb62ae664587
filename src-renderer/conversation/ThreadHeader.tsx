/** Who wrote, where, the clock, reach (unless hidden), and the actions on this conversation. */
import type { MentionRecord } from '../db/schema';
import { CHANNEL_INFO, TIER_LABEL, formatCount } from '../lib/channels';
import { formatClock } from '../lib/time';
import { ExternalLink } from '../bridge/ExternalLink';
import { Countdown } from '../inbox/Countdown';
import { STATUS_LABEL } from '../db/inbox-filter';
import { useUi } from '../state/ui-store';
import { agentIdOf, canSeeReach, useSettings } from '../settings/settings';
import type { InboxCommands } from '../inbox/commands';
import { openExternally } from '../inbox/open-external';
import { langCode, sentimentLabel, topicLabel } from '../db/facet-labels';
import { ThreadPresence } from '../team/PresenceDots';

export function ThreadHeader({ m, messageCount, commands }: { m: MentionRecord; messageCount: number; viewIds: readonly string[]; commands: InboxCommands }) {
  const settings = useSettings();
  const me = agentIdOf(settings);
  const openOverlay = useUi((s) => s.openOverlay);
  const openId = useUi((s) => s.selectedId);
  const showReach = canSeeReach(settings, m);
  const a = m.author;
  const only = [m.id];
  const info = CHANNEL_INFO[m.channel];
  return (
    <header className="thread-head">
      <div className="thread-who">
        <span className={`chan chan-${m.channel}`} aria-label={info.label}>
          {info.glyph}
        </span>
        <div className="thread-who-text">
          <div className="detail-author">
            {a.url ? <ExternalLink href={a.url}>{a.name || a.handle}</ExternalLink> : a.name || a.handle}
            {a.verified && showReach ? (
              <span className="verified" title="Verified">
                ✓
              </span>
            ) : null}
            {a.unavailable ? <span className="muted"> (account unavailable)</span> : null}
          </div>
          <div className="muted small">
            {a.handle ? `@${a.handle} · ` : ''}
            {info.label} · {formatClock(m.createdAt)}
            {messageCount > 1 ? ` · ${messageCount} messages` : ''}
          </div>
          <div className="thread-facts small">
            {showReach ? (
              <span className={`tier tier-${m.reach.tier}`} title={`Reach score ${m.reach.score}/100`}>
                {TIER_LABEL[m.reach.tier]}
                {a.followers !== null ? ` · ${formatCount(a.followers)} followers` : ''}
              </span>
            ) : (
              <span className="tier tier-hidden" title="Reach-blind: shown once you take it">
                reach hidden until you take it
              </span>
            )}
            <span className={`status-pill status-${m.status}`}>
              {STATUS_LABEL[m.status]}
              {m.assignee ? ` · ${m.assignee === me ? 'you' : m.assignee}` : ''}
            </span>
            {m.open && m.status !== 'waiting' ? <Countdown dueAt={m.dueAt} clockStartMs={m.clockStartMs} /> : null}
            <span className="row-lang" title="Language" data-testid="thread-lang">
              {m.lang ? langCode(m.lang) : 'language unknown'}
            </span>
            <span className={`senti senti-${m.sentiment?.label ?? 'unjudged'}`} data-testid="thread-sentiment" title={m.sentiment ? `Sentiment score ${m.sentiment.score.toFixed(2)}` : 'Sentiment is not judged for this language'}>
              {m.sentiment ? m.sentiment.label : sentimentLabel(undefined)}
            </span>
            {(m.topics ?? []).map((t) => (
              <span key={`topic:${t}`} className="row-topic">
                {topicLabel(t)}
              </span>
            ))}
            {m.tags.map((t) => (
              <span key={t} className="row-tag">
                #{t}
              </span>
            ))}
          </div>
          <ThreadPresence mentionIds={openId && openId !== m.id ? [m.id, openId] : [m.id]} />
        </div>
      </div>
      <div className="thread-actions" role="toolbar" aria-label="Actions on this conversation">
        {m.assignee !== me ? (
          <button className="btn btn-small" data-testid="take" onClick={() => void (m.assignee ? commands.assignTo(me, only) : commands.take(only))} title="Assign to me">
            Take
          </button>
        ) : null}
        <button className="btn btn-small" onClick={() => openOverlay('assign')} title="Assign (a)">
          Assign <kbd>a</kbd>
        </button>
        <button className="btn btn-small" onClick={() => openOverlay('tag')} title="Tag (t)">
          Tag <kbd>t</kbd>
        </button>
        {m.open ? (
          <>
            <button className="btn btn-small" onClick={() => void commands.noise(only)} title="Mark as noise (!)">
              Noise <kbd>!</kbd>
            </button>
            <button className="btn btn-small btn-resolve" data-testid="resolve" onClick={() => void commands.resolve(only)} title="Resolve (e)">
              Resolve <kbd>e</kbd>
            </button>
          </>
        ) : (
          <button className="btn btn-small" data-testid="reopen" onClick={() => void commands.reopen(only)}>
            Reopen
          </button>
        )}
        {m.url ? (
          <button className="btn btn-small" onClick={() => void openExternally(m.url)} title="Open on the site (o)">
            Open ↗
          </button>
        ) : null}
      </div>
    </header>
  );
}
