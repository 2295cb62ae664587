/**
 * The reply box: drafts that survive restarts, saved replies with variables, a counter that agrees
 * with X, a warning before sending over the limit, and — for channels without a reply API — "reply
 * on site" and "mark replied". Sending goes through the skip guard first.
 */
import { useEffect, useRef, useState } from 'react';
import { getDb, type MentionRecord } from '../db/schema';
import { getBridge } from '../bridge';
import { useSkipGuard } from '../sla/skip-guard';
import { useUi } from '../state/ui-store';
import { agentIdOf, useSettings } from '../settings/settings';
import { CHANNEL_INFO } from '../lib/channels';
import { loadDraft, saveDraft } from './drafts';
import { countForX } from './count';
import { canReplyViaApi, markRepliedOnSite, replyOnSite, sendViaX } from './send';
import { SavedReplyMenu } from './SavedReplyMenu';
import { useTeam } from '../team/team-store';
import { fillTemplate, varsFor, type SavedReply } from './saved-replies';
import './composer.css';

interface Props {
  root: MentionRecord;
  /** The customer's latest message in the conversation: what the reply answers. */
  target: MentionRecord;
  viewIds: readonly string[];
}

type Phase = { k: 'idle' } | { k: 'confirm-over' } | { k: 'sending' } | { k: 'error'; message: string } | { k: 'done'; message: string };

export function Composer({ root, target, viewIds }: Props) {
  const db = getDb();
  const settings = useSettings();
  const guard = useSkipGuard();
  const focus = useUi((s) => s.focus);
  const [text, setText] = useState('');
  const [loadedFor, setLoadedFor] = useState<string>();
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const [menu, setMenu] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef(text);
  textRef.current = text;
  const savedText = useRef('');
  /** Typed before the saved draft was read: what was typed wins. */
  const touched = useRef(false);

  useEffect(() => {
    let alive = true;
    touched.current = false;
    setLoadedFor(undefined);
    setPhase({ k: 'idle' });
    setText('');
    void loadDraft(db, root.id).then((d) => {
      if (!alive) return;
      savedText.current = d?.text ?? '';
      if (!touched.current) setText(d?.text ?? '');
      setLoadedFor(root.id);
    });
    return () => {
      alive = false;
      // Leaving this conversation: keep what was typed in the last moment too.
      if (textRef.current !== savedText.current) void saveDraft(db, root.id, textRef.current);
    };
  }, [db, root.id]);

  useEffect(() => {
    if (loadedFor !== root.id || text === savedText.current) return;
    const t = setTimeout(() => {
      savedText.current = text;
      void saveDraft(db, root.id, text);
    }, 300);
    return () => clearTimeout(t);
  }, [db, text, root.id, loadedFor]);

  useEffect(() => {
    if (focus.target === 'composer') box.current?.focus();
  }, [focus]);

  const api = canReplyViaApi(root);
  const count = countForX(text);
  const empty = !text.trim();
  const agent = agentIdOf(settings);

  // Teammates see a drafting dot on this conversation while the box has text (team mode only sends it).
  useEffect(() => {
    useTeam.getState().setDrafting(root.id, !empty);
    return () => useTeam.getState().setDrafting(root.id, false);
  }, [root.id, empty]);

  const sent = (message: string): void => {
    savedText.current = '';
    setText('');
    setPhase({ k: 'done', message });
    // Hands back to the keyboard shortcuts: e resolves, n takes the next one.
    box.current?.blur();
    useUi.getState().requestFocus('list');
  };

  const send = async (confirmed = false): Promise<void> => {
    if (empty || phase.k === 'sending') return;
    if (api && count.over && !confirmed) {
      setPhase({ k: 'confirm-over' });
      return;
    }
    if (!(await guard(root.id, viewIds))) return;
    setPhase({ k: 'sending' });
    if (api) {
      const r = await sendViaX({ db, bridge: getBridge(), root, target, text, agent });
      if (r.ok) sent('Sent to X — the reply is in the conversation above.');
      else setPhase({ k: 'error', message: r.error });
    } else {
      try {
        await markRepliedOnSite(db, root, text, agent);
        sent('Recorded as replied on the site.');
      } catch (e) {
        setPhase({ k: 'error', message: (e as Error).message });
      }
    }
  };

  const insert = (r: SavedReply): void => {
    // The mirror is fresh: saveSettings refreshes it as it saves, useSettingsSync on any other change.
    const filled = fillTemplate(r.text, varsFor(root, settings));
    touched.current = true;
    setText((t) => (t.trim() ? `${t.replace(/\s+$/, '')} ${filled}` : filled));
    setMenu(false);
    box.current?.focus();
  };

  const channel = CHANNEL_INFO[root.channel].label;
  return (
    <section className="composer" aria-label="Reply">
      {target.id !== root.id ? <div className="composer-context muted">Answering their latest message ({target.text.slice(0, 60)}…)</div> : null}
      <textarea
        ref={box}
        data-testid="reply-input"
        className="composer-input"
        placeholder={
          api
            ? `Reply to @${target.author.handle} on X…`
            : root.channel === 'x'
              ? 'Draft your answer — this mention was not heard through the X API, so post it on X yourself'
              : `Draft your answer — ${channel} has no reply API, so you post it on the site`
        }
        value={text}
        rows={4}
        onChange={(e) => {
          touched.current = true;
          setText(e.target.value);
          if (phase.k !== 'sending') setPhase({ k: 'idle' });
        }}
        onKeyDown={(e) => {
          const mod = e.metaKey || e.ctrlKey;
          if (mod && e.key === 'Enter') {
            e.preventDefault();
            void send();
          } else if (mod && e.key.toLowerCase() === 'k') {
            e.preventDefault();
            setMenu(true);
          }
        }}
      />
      {menu ? <SavedReplyMenu onPick={insert} onClose={() => setMenu(false)} /> : null}
      <div className="composer-bar">
        <button className="btn btn-small" onClick={() => setMenu((v) => !v)} title="Saved replies (Ctrl/⌘ K)">
          Saved replies
        </button>
        <span className="spacer" />
        {api ? (
          <span className={`counter${count.over ? ' counter-over' : count.weighted > 260 ? ' counter-near' : ''}`} data-testid="reply-counter" title="Counted as X counts: a link is 23, an emoji 2, a CJK character 2">
            {count.weighted}/{count.limit}
          </span>
        ) : (
          <span className="counter">{[...text].length} characters</span>
        )}
        {api ? (
          <button data-testid="reply-send" className="btn btn-primary" disabled={empty || phase.k === 'sending'} onClick={() => void send()}>
            {phase.k === 'sending' ? 'Sending…' : 'Send to X'} <kbd>Ctrl ⏎</kbd>
          </button>
        ) : (
          <>
            <button
              className="btn"
              disabled={!root.url}
              title={root.url ? 'Copy the draft and open the mention in the browser' : 'This mention has no link'}
              onClick={async () => setPhase({ k: 'done', message: await replyOnSite(root, text) })}
            >
              Reply on site ↗
            </button>
            <button data-testid="reply-send" className="btn btn-primary" disabled={empty || phase.k === 'sending'} onClick={() => void send()} title="Record that you answered on the site, with this text and the time now">
              Mark replied <kbd>Ctrl ⏎</kbd>
            </button>
          </>
        )}
      </div>
      {phase.k === 'confirm-over' ? (
        <div className="composer-warn" role="alert">
          This is {count.weighted} characters as X counts them; X allows {count.limit} and will refuse a longer post unless the account may post long posts.
          <div className="composer-warn-actions">
            <button className="btn btn-small" onClick={() => setPhase({ k: 'idle' })} autoFocus>
              Keep editing
            </button>
            <button className="btn btn-small btn-danger" onClick={() => void send(true)}>
              Send anyway
            </button>
          </div>
        </div>
      ) : null}
      {phase.k === 'error' ? (
        <div className="composer-error" role="alert" data-testid="reply-error">
          Not sent: {phase.message} Your draft is kept.
          <button className="btn btn-small" onClick={() => void send(true)}>
            Try again
          </button>
        </div>
      ) : null}
      {phase.k === 'done' ? (
        <div className="composer-done" role="status">
          {phase.message}
        </div>
      ) : null}
    </section>
  );
}
