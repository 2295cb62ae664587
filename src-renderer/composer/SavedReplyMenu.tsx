/** Pick a saved reply by typing part of its title: ↑/↓, Enter inserts, Esc closes. */
import { useEffect, useId, useRef, useState } from 'react';
import { useSavedReplies, type SavedReply } from './saved-replies';
import { pickListKeys } from '../inbox/list-keys';
import { useReturnFocus } from '../a11y/use-return-focus';

export function SavedReplyMenu({ onPick, onClose }: { onPick(r: SavedReply): void; onClose(): void }) {
  const replies = useSavedReplies();
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);
  useReturnFocus(box);
  useEffect(() => input.current?.focus(), []);
  const needle = q.trim().toLowerCase();
  const shown = replies.filter((r) => !needle || r.title.toLowerCase().includes(needle) || r.text.toLowerCase().includes(needle));
  const cur = Math.min(at, Math.max(0, shown.length - 1));
  return (
    <div ref={box} className="saved-menu" role="dialog" aria-label="Saved replies">
      <input
        ref={input}
        className="picker-input"
        placeholder="Saved reply…"
        aria-label="Find a saved reply"
        role="combobox"
        aria-expanded="true"
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={shown.length ? `${listId}-${cur}` : undefined}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={pickListKeys(shown, cur, setAt, onPick, onClose)}
      />
      <ul className="picker-list" role="listbox" id={listId} aria-label="Saved replies">
        {shown.map((r, n) => (
          <li key={r.id} id={`${listId}-${n}`} role="option" aria-selected={n === cur} className={n === cur ? 'picker-cur' : ''} onMouseEnter={() => setAt(n)} onClick={() => onPick(r)}>
            <strong>{r.title}</strong>
            <div className="muted saved-preview">{r.text}</div>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted picker-none">No saved reply matches. Add some in Settings.</p> : null}
    </div>
  );
}
