/** Pick a saved reply by typing part of its title: ↑/↓, Enter inserts, Esc closes. */
import { useEffect, useRef, useState } from 'react';
import { useSavedReplies, type SavedReply } from './saved-replies';
import { pickListKeys } from '../inbox/list-keys';

export function SavedReplyMenu({ onPick, onClose }: { onPick(r: SavedReply): void; onClose(): void }) {
  const replies = useSavedReplies();
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const needle = q.trim().toLowerCase();
  const shown = replies.filter((r) => !needle || r.title.toLowerCase().includes(needle) || r.text.toLowerCase().includes(needle));
  const cur = Math.min(at, Math.max(0, shown.length - 1));
  return (
    <div className="saved-menu" role="dialog" aria-label="Saved replies">
      <input
        ref={input}
        className="picker-input"
        placeholder="Saved reply…"
        aria-label="Find a saved reply"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={pickListKeys(shown, cur, setAt, onPick, onClose)}
      />
      <ul className="picker-list" role="listbox">
        {shown.map((r, n) => (
          <li key={r.id} role="option" aria-selected={n === cur} className={n === cur ? 'picker-cur' : ''} onMouseEnter={() => setAt(n)} onClick={() => onPick(r)}>
            <strong>{r.title}</strong>
            <div className="muted saved-preview">{r.text}</div>
          </li>
        ))}
        {shown.length === 0 ? <li className="muted">No saved reply matches. Add some in Settings.</li> : null}
      </ul>
    </div>
  );
}
