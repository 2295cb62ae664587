/** A keyboard picker (assign, tag): type to narrow, ↑/↓ to move, Enter to pick, Esc to close. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { pickListKeys } from './list-keys';
import { useReturnFocus } from '../a11y/use-return-focus';

export interface PickItem {
  id: string;
  label: string;
  hint?: string;
}

interface Props {
  title: string;
  items: PickItem[];
  /** Offer to create what was typed (a new tag). */
  create?: (typed: string) => PickItem | undefined;
  placeholder: string;
  onPick(item: PickItem): void;
  onClose(): void;
}

export function Picker({ title, items, create, placeholder, onPick, onClose }: Props) {
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);
  useReturnFocus(box);
  useEffect(() => input.current?.focus(), []);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hits = items.filter((i) => !needle || i.label.toLowerCase().includes(needle) || i.id.toLowerCase().includes(needle));
    const extra = needle && create && !items.some((i) => i.label.toLowerCase() === needle) ? create(q.trim()) : undefined;
    return extra ? [...hits, extra] : hits;
  }, [q, items, create]);
  const cur = Math.min(at, Math.max(0, shown.length - 1));

  return (
    <div className="overlay-backdrop" onMouseDown={onClose}>
      <div ref={box} className="picker" role="dialog" aria-modal="true" aria-label={title} data-inbox-overlay onMouseDown={(e) => e.stopPropagation()}>
        <div className="picker-title">{title}</div>
        <input
          ref={input}
          className="picker-input"
          value={q}
          placeholder={placeholder}
          aria-label={placeholder}
          // A combobox: focus stays in the field while the highlighted option is announced.
          role="combobox"
          aria-expanded="true"
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={shown.length ? `${listId}-${cur}` : undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setAt(0);
          }}
          onKeyDown={pickListKeys(shown, cur, setAt, onPick, onClose)}
        />
        <ul className="picker-list" role="listbox" id={listId} aria-label={title}>
          {shown.map((i, n) => (
            <li key={i.id} id={`${listId}-${n}`} role="option" aria-selected={n === cur} className={n === cur ? 'picker-cur' : ''} onMouseEnter={() => setAt(n)} onClick={() => onPick(i)}>
              {i.label}
              {i.hint ? <span className="muted"> {i.hint}</span> : null}
            </li>
          ))}
        </ul>
        {shown.length === 0 ? <p className="muted picker-none">Nothing matches</p> : null}
      </div>
    </div>
  );
}
