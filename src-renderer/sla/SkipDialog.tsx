/**
 * The question the skip guard asks, once per take: why this mention before the older-due ones.
 * Keyboard first: 1-6 pick a reason, Enter confirms, Escape goes back.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSkipPrompt, type SkipQuestion } from './skip-prompt';
import { SKIP_REASONS, type SkipAnswer, type SkipReasonCode } from './skip-reasons';
import { CHANNEL_INFO } from '../lib/channels';
import { formatDuration } from '../lib/time';
import './sla.css';

const LISTED = 5;

/** Renders the open question, if any. Mounted once, in the app's own tree (app/App.tsx). */
export function SkipDialogHost() {
  const question = useSkipPrompt((s) => s.question);
  const resolve = useSkipPrompt((s) => s.resolve);
  useEffect(() => {
    useSkipPrompt.setState((s) => ({ hosts: s.hosts + 1 }));
    return () => useSkipPrompt.setState((s) => ({ hosts: s.hosts - 1 }));
  }, []);
  if (!question || !resolve) return null;
  return <SkipDialog key={question.taken?.id ?? ''} question={question} onAnswer={resolve} />;
}

function SkipDialog({ question, onAnswer }: { question: SkipQuestion; onAnswer: (a: SkipAnswer | null) => void }) {
  const [code, setCode] = useState<SkipReasonCode | undefined>();
  const [note, setNote] = useState('');
  const titleId = useId();
  const first = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    first.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, []);

  const needsNote = code === 'other';
  const ready = code !== undefined && (!needsNote || note.trim().length > 0);
  const n = question.passedOver.length;
  const now = Date.now();

  const submit = (e?: FormEvent): void => {
    e?.preventDefault();
    if (ready) onAnswer({ code, note: note.trim() || undefined });
  };
  const onKey = (e: KeyboardEvent): void => {
    // Keys typed here are the dialog's, never the inbox's shortcuts (j, k, n ...).
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onAnswer(null);
      return;
    }
    if (e.target instanceof HTMLTextAreaElement) return;
    const i = Number(e.key) - 1;
    if (Number.isInteger(i) && i >= 0 && i < SKIP_REASONS.length) {
      e.preventDefault();
      const c = SKIP_REASONS[i]!.code;
      setCode(c);
      if (c === 'other') setTimeout(() => noteRef.current?.focus(), 0);
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={onKey}>
      {/* A form may not take the dialog role: the dialog holds the form. */}
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="skip-dialog">
        <form className="modal-form" onSubmit={submit}>
        <h2 id={titleId}>Take this one before {n === 1 ? 'an older-due mention' : `${n} older-due mentions`}?</h2>
        <p className="muted">
          {n === 1 ? 'This mention was due earlier and still waits' : 'These were due earlier and still wait'} for an answer. Nothing is blocked and
          {n === 1 ? ' it stays' : ' they stay'} first in the queue; your reason is recorded on {n === 1 ? 'it' : 'each'} and shows in the fairness report.
        </p>
        <ul className="skip-list">
          {question.passedOver.slice(0, LISTED).map((m) => (
            <li key={m.id}>
              <span className={`chan chan-${m.channel}`} aria-hidden>{CHANNEL_INFO[m.channel].glyph}</span>
              <span className="skip-author">{m.author.name || m.author.handle}</span>
              <span className="skip-text">{m.title ?? m.text}</span>
              <span className={`due ${m.dueAt < now ? 'due-overdue' : ''}`}>{m.dueAt < now ? `${formatDuration(now - m.dueAt)} over` : `due in ${formatDuration(m.dueAt - now)}`}</span>
            </li>
          ))}
          {n > LISTED ? <li className="muted">and {n - LISTED} more</li> : null}
        </ul>
        <fieldset className="skip-reasons">
          <legend>Why this one first?</legend>
          {SKIP_REASONS.map((r, i) => (
            <label key={r.code}>
              <input ref={i === 0 ? first : undefined} type="radio" name="skip-reason" value={r.code} checked={code === r.code} onChange={() => setCode(r.code)} />
              <kbd>{i + 1}</kbd> {r.label}
            </label>
          ))}
        </fieldset>
        <label className="skip-note">
          {needsNote ? 'Say why (required)' : 'A note (optional)'}
          <textarea ref={noteRef} rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="skip-note" />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => onAnswer(null)}>
            Go back <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary" disabled={!ready} data-testid="skip-confirm">
            Take it anyway <kbd>↵</kbd>
          </button>
        </div>
        </form>
      </div>
    </div>
  );
}
