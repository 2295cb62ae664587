/**
 * The reply box: drafts that survive restarts, saved replies with variables, a counter that agrees
 * with X, a warning before sending over the limit, and — for channels without a reply API — "reply
 * on site" and "mark replied". Sending goes through the skip guard first.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { getDb, type MentionRecord } from '../db/schema';
import { getBridge } from '../bridge';
import { useSkipGuard } from '../sla/skip-guard';
import { useUi } from '../state/ui-store';
import { agentIdOf, useSettings } from '../settings/settings';
import { CHANNEL_INFO } from '../lib/channels';
import { countForX } from './count';
import { canReplyViaApi, markRepliedOnSite, sendViaX } from './send';
import { SavedReplyMenu } from './SavedReplyMenu';
import { useTeam } from '../team/team-store';
import { fillTemplate, varsFor, type SavedReply } from './saved-replies';
import { useDraft } from './use-draft';
import { ComposerBar } from './ComposerBar';
import { ComposerNotices, type Phase } from './ComposerNotices';
import './composer.css';

interface Props {
  root: MentionRecord;
  /** The customer's latest message in the conversation: what the reply answers. */
  target: MentionRecord;
  viewIds: readonly string[];
  /** Another mention was selected and its thread is still being read: no typing or sending here. */
  stale?: boolean;
}

/** What the empty box says: where the answer will go. */
function placeholderFor(root: MentionRecord, target: MentionRecord, api: boolean): string {
  if (api) return `Reply to @${target.author.handle} on X…`;
  if (root.channel === 'x') return 'Draft your answer — this mention was not heard through the X API, so post it on X yourself';
  return `Draft your answer — ${CHANNEL_INFO[root.channel].label} has no reply API, so you post it on the site`;
}

/** Ctrl/⌘ Enter sends, Ctrl/⌘ K opens the saved replies. */
function composerKeys(onSend: () => void, onMenu: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    const mod = e.metaKey || e.ctrlKey;
    if (mod && e.key === 'Enter') {
      e.preventDefault();
      onSend();
    } else if (mod && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      onMenu();
    }
  };
}

/** The keyboard layer asked for the reply box (r): put the caret in it. */
function useFocusRequest(box: RefObject<HTMLTextAreaElement | null>): void {
  const focus = useUi((s) => s.focus);
  useEffect(() => {
    if (focus.target === 'composer') box.current?.focus();
  }, [focus, box]);
}

/** Teammates see a drafting dot on this conversation while the box has text (team mode only sends it). */
function useDraftingDot(rootId: string, empty: boolean): void {
  useEffect(() => {
    useTeam.getState().setDrafting(rootId, !empty);
    return () => useTeam.getState().setDrafting(rootId, false);
  }, [rootId, empty]);
}

/** Sends through the X API where the channel has one, otherwise records the reply as made on the site. */
async function deliver(api: boolean, args: Omit<Parameters<typeof sendViaX>[0], 'bridge'>): Promise<{ ok: true; message: string } | { ok: false; error: string }> {
  if (api) {
    const r = await sendViaX({ ...args, bridge: getBridge() });
    return r.ok ? { ok: true, message: 'Sent to X — the reply is in the conversation above.' } : r;
  }
  try {
    await markRepliedOnSite(args.db, args.root, args.text, args.agent);
    return { ok: true, message: 'Recorded as replied on the site.' };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export function Composer({ root, target, viewIds, stale = false }: Props) {
  const db = getDb();
  const settings = useSettings();
  const guard = useSkipGuard();
  const draft = useDraft(db, root.id);
  const text = draft.text;
  const [phase, setPhase] = useState<Phase>({ k: 'idle' });
  const [menu, setMenu] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => setPhase({ k: 'idle' }), [db, root.id]);
  /** The conversation open now: a send that ends after the agent moved on must not touch the next one. */
  const openRoot = useRef(root.id);
  openRoot.current = root.id;

  useFocusRequest(box);

  const api = canReplyViaApi(root);
  const count = countForX(text);
  const empty = !text.trim();
  const agent = agentIdOf(settings);
  useDraftingDot(root.id, empty);

  const sent = (message: string): void => {
    draft.clear();
    setPhase({ k: 'done', message });
    // Hands back to the keyboard shortcuts: e resolves, n takes the next one.
    box.current?.blur();
    useUi.getState().requestFocus('list');
  };

  const send = async (confirmed = false): Promise<void> => {
    if (empty || stale || phase.k === 'sending') return;
    if (api && count.over && !confirmed) {
      setPhase({ k: 'confirm-over' });
      return;
    }
    if (!(await guard(root.id, viewIds))) return;
    setPhase({ k: 'sending' });
    const sentFor = root.id;
    const r = await deliver(api, { db, root, target, text, agent });
    if (r.ok && openRoot.current !== sentFor) {
      // The agent opened another conversation while it went out: what they type there stays. The
      // draft hook kept the sent text as this conversation's draft on leaving; it went out.
      void db.drafts.delete(sentFor);
      return;
    }
    if (r.ok) sent(r.message);
    else setPhase({ k: 'error', message: r.error });
  };

  const insert = (r: SavedReply): void => {
    // The mirror is fresh: saveSettings refreshes it as it saves, useSettingsSync on any other change.
    const filled = fillTemplate(r.text, varsFor(root, settings));
    draft.edit((t) => (t.trim() ? `${t.replace(/\s+$/, '')} ${filled}` : filled));
    setMenu(false);
    box.current?.focus();
  };

  return (
    <section className="composer" aria-label="Reply">
      {target.id !== root.id ? <div className="composer-context muted">Answering their latest message ({target.text.slice(0, 60)}…)</div> : null}
      <textarea
        ref={box}
        data-testid="reply-input"
        className="composer-input"
        placeholder={placeholderFor(root, target, api)}
        value={text}
        readOnly={stale}
        rows={4}
        onChange={(e) => {
          draft.edit(e.target.value);
          if (phase.k !== 'sending') setPhase({ k: 'idle' });
        }}
        onKeyDown={composerKeys(() => void send(), () => setMenu(true))}
      />
      {menu ? <SavedReplyMenu onPick={insert} onClose={() => setMenu(false)} /> : null}
      <ComposerBar
        root={root}
        text={text}
        api={api}
        count={count}
        sending={phase.k === 'sending'}
        stale={stale}
        onToggleMenu={() => setMenu((v) => !v)}
        onSend={() => void send()}
        onDone={(message) => setPhase({ k: 'done', message })}
      />
      <ComposerNotices phase={phase} count={count} onKeepEditing={() => setPhase({ k: 'idle' })} onSendConfirmed={() => void send(true)} />
    </section>
  );
}
