/**
 * The row under the reply box: saved replies, the counter, and the send button — "Send to X" where
 * the channel has a reply API, otherwise "Reply on site" and "Mark replied".
 */
import type { MentionRecord } from '../db/schema';
import type { XCount } from './count';
import { replyOnSite } from './send';

interface Props {
  root: MentionRecord;
  text: string;
  api: boolean;
  count: XCount;
  sending: boolean;
  /** The pane still shows the last conversation while the next one is read: nothing may be sent from it. */
  stale: boolean;
  onToggleMenu: () => void;
  onSend: () => void;
  onDone: (message: string) => void;
}

export function ComposerBar({ root, text, api, count, sending, stale, onToggleMenu, onSend, onDone }: Props) {
  const empty = !text.trim();
  const cannotSend = empty || sending || stale;
  return (
    <div className="composer-bar">
      <button className="btn btn-small" onClick={onToggleMenu} title="Saved replies (Ctrl/⌘ K)">
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
        <button data-testid="reply-send" className="btn btn-primary" disabled={cannotSend} onClick={onSend}>
          {sending ? 'Sending…' : 'Send to X'} <kbd>Ctrl ⏎</kbd>
        </button>
      ) : (
        <>
          <button
            className="btn"
            disabled={!root.url || stale}
            title={root.url ? 'Copy the draft and open the mention in the browser' : 'This mention has no link'}
            onClick={async () => onDone(await replyOnSite(root, text))}
          >
            Reply on site ↗
          </button>
          <button data-testid="reply-send" className="btn btn-primary" disabled={cannotSend} onClick={onSend} title="Record that you answered on the site, with this text and the time now">
            Mark replied <kbd>Ctrl ⏎</kbd>
          </button>
        </>
      )}
    </div>
  );
}
