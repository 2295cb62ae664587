/** What the reply box says under the buttons: the over-the-limit warning, a failed send, a done send. */
import type { XCount } from './count';

export type Phase = { k: 'idle' } | { k: 'confirm-over' } | { k: 'sending' } | { k: 'error'; message: string } | { k: 'done'; message: string };

interface Props {
  phase: Phase;
  count: XCount;
  onKeepEditing: () => void;
  /** Sends without asking about the limit again. */
  onSendConfirmed: () => void;
}

export function ComposerNotices({ phase, count, onKeepEditing, onSendConfirmed }: Props) {
  return (
    <>
      {phase.k === 'confirm-over' ? (
        <div className="composer-warn" role="alert">
          This is {count.weighted} characters as X counts them; X allows {count.limit} and will refuse a longer post unless the account may post long posts.
          <div className="composer-warn-actions">
            <button className="btn btn-small" onClick={onKeepEditing} autoFocus>
              Keep editing
            </button>
            <button className="btn btn-small btn-danger" onClick={onSendConfirmed}>
              Send anyway
            </button>
          </div>
        </div>
      ) : null}
      {phase.k === 'error' ? (
        <div className="composer-error" role="alert" data-testid="reply-error">
          Not sent: {phase.message} Your draft is kept.
          <button className="btn btn-small" onClick={onSendConfirmed}>
            Try again
          </button>
        </div>
      ) : null}
      {phase.k === 'done' ? (
        <div className="composer-done" role="status">
          {phase.message}
        </div>
      ) : null}
    </>
  );
}
