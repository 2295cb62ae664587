/**
 * The author panel: who this is to us. Customer match, reach (unless reach-blind), every mention on
 * every linked identity with how long each answer took, tags, notes, and linking identities by hand.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type EventRecord, type MentionRecord } from '../db/schema';
import { CHANNEL_INFO, TIER_LABEL, formatCount } from '../lib/channels';
import { formatClock, formatDuration } from '../lib/time';
import { canSeeReach, useSettings, agentIdOf } from '../settings/settings';
import { addNote } from '../db/actions';
import { useUi } from '../state/ui-store';
import { loadAuthorHistory, answerMs, type AuthorHistory } from './author-data';
import { LinkIdentity } from './LinkIdentity';
import { CustomerCard } from '../customers/CustomerCard';
import './authors.css';

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** "3rd mention this month · the last one answered in 4h 05m" */
export function historyLine(h: AuthorHistory): string {
  const parts = [h.thisMonth > 1 ? `${ordinal(h.thisMonth)} mention this month` : h.total > 1 ? `${h.total} mentions in all` : 'first time we hear from them'];
  if (h.lastAnswerMs !== undefined) parts.push(`the last one answered in ${formatDuration(h.lastAnswerMs)}`);
  return parts.join(' · ');
}

export function AuthorPanel({ mention }: { mention: MentionRecord | undefined }) {
  const key = mention?.authorKey;
  const h = useLiveQuery(() => (key ? loadAuthorHistory(getDb(), key) : Promise.resolve(undefined)), [key]);
  const settings = useSettings();
  const select = useUi((s) => s.select);
  const [note, setNote] = useState('');
  if (!mention)
    return (
      <aside className="author-panel author-empty" aria-label="Author">
        <p className="muted small">Who wrote, their history with us on every channel, and whether they are a customer, shows here.</p>
      </aside>
    );
  const showReach = canSeeReach(settings, mention);
  const a = mention.author;
  return (
    <aside className="author-panel" aria-label="Author" data-testid="author-panel">
      <header className="author-head">
        <div className="author-name">{a.name || a.handle}</div>
        <div className="muted small">{h ? historyLine(h) : '…'}</div>
      </header>
      {h?.customer ? <CustomerCard customer={h.customer} /> : <div className="muted small author-nocrm">Not matched to a customer in the CRM import.</div>}
      <section className="author-section">
        <h2>Identities</h2>
        <ul className="identities">
          {(h?.identities.length ? h.identities : [{ key: mention.authorKey, channel: mention.channel, handle: a.handle, name: a.name, followers: a.followers, reach: mention.reach }]).map((i) => (
            <li key={i.key}>
              <span className={`chan chan-${i.channel} chan-small`}>{CHANNEL_INFO[i.channel].glyph}</span> @{i.handle || i.name}
              {showReach ? (
                <span className="muted small">
                  {' '}
                  {i.followers !== null ? ` · ${formatCount(i.followers)} followers` : ''} · {TIER_LABEL[i.reach.tier]}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {!showReach ? <p className="muted small">Reach is hidden until you take this mention (reach-blind mode).</p> : null}
        <LinkIdentity authorKey={mention.authorKey} linked={h?.keys ?? [mention.authorKey]} />
      </section>
      {h?.tags.length ? (
        <section className="author-section">
          <h2>Tags</h2>
          <div>
            {h.tags.map(([t, n]) => (
              <span key={t} className="row-tag">
                #{t} {n > 1 ? `×${n}` : ''}
              </span>
            ))}
          </div>
        </section>
      ) : null}
      <section className="author-section">
        <h2>
          History{' '}
          <span className="muted small">
            {h ? `${h.total} mention${h.total === 1 ? '' : 's'} · ${h.answered} answered${h.medianAnswerMs !== undefined ? ` · median answer ${formatDuration(h.medianAnswerMs)}` : ''}` : ''}
          </span>
        </h2>
        <ol className="history">
          {(h?.mentions ?? []).map((m) => (
            <HistoryItem key={m.id} m={m} current={m.id === mention.id} replies={h?.replies.get(m.id) ?? []} onOpen={() => select(m.threadRootId ?? m.id)} />
          ))}
        </ol>
      </section>
      <section className="author-section">
        <h2>Notes</h2>
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addNote(getDb(), mention.id, note, { agent: agentIdOf(settings) }).then(() => setNote(''));
          }}
        >
          <textarea value={note} rows={2} placeholder="A note for whoever answers them next…" aria-label="Note" onChange={(e) => setNote(e.target.value)} />
          <button className="btn btn-small" type="submit" disabled={!note.trim()}>
            Add note
          </button>
        </form>
        <ul className="notes">
          {(h?.notes ?? []).map((n) => (
            <li key={n.id}>
              <div>{String(n.data?.text ?? '')}</div>
              <div className="muted small">
                {n.agent ?? 'someone'} · {formatClock(n.at)}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}

function HistoryItem({ m, current, replies, onOpen }: { m: MentionRecord; current: boolean; replies: EventRecord[]; onOpen(): void }) {
  const took = answerMs(m);
  const lastReply = replies[replies.length - 1];
  return (
    <li className={`history-item${current ? ' history-current' : ''}`}>
      <button className="history-open" onClick={onOpen} title="Open this mention">
        <span className={`chan chan-${m.channel} chan-small`}>{CHANNEL_INFO[m.channel].glyph}</span>
        <span className="history-text">{m.text.split(/\r?\n/, 1)[0]}</span>
      </button>
      <div className="muted small">
        {formatClock(m.createdAt)} · {m.threadRootId ? 'follow-up' : m.status}
        {took !== undefined ? ` · answered in ${formatDuration(took)}` : m.open && !m.threadRootId ? ' · not answered yet' : ''}
        {replies.length > 1 ? ` · ${replies.length} replies` : ''}
        {m.tags.length ? ` · ${m.tags.map((t) => `#${t}`).join(' ')}` : ''}
      </div>
      {lastReply ? (
        <div className="history-reply small" title={String(lastReply.data?.text ?? '')}>
          ↳ {lastReply.agent ?? 'we'}: {String(lastReply.data?.text ?? '')}
        </div>
      ) : null}
    </li>
  );
}
