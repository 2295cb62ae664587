/**
 * The inbox's text search: typing pushes to the filter SEARCH_DEBOUNCE_MS after the last key, Enter
 * at once (and hands back to the list), "/" focuses it; a view switched under it shows that view's text.
 */
import { useEffect, useRef, useState } from 'react';
import { useUi } from '../state/ui-store';
import { SEARCH_DEBOUNCE_MS } from './search-debounce';

export function SearchBox({ filterText }: { filterText: string | undefined }) {
  const setFilter = useUi((s) => s.setFilter);
  const focus = useUi((s) => s.focus);
  const search = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(filterText ?? '');
  const pushed = useRef(filterText ?? '');

  // The view changed under us (a tab, a number key): show its text, not what we last pushed.
  useEffect(() => {
    const t = filterText ?? '';
    if (t !== pushed.current) {
      pushed.current = t;
      setText(t);
    }
  }, [filterText]);
  useEffect(() => {
    if (focus.target !== 'search' || !search.current) return;
    search.current.focus();
    search.current.select();
  }, [focus]);
  useEffect(() => {
    if ((filterText ?? '') === text) return;
    const t = setTimeout(() => {
      pushed.current = text;
      setFilter({ text: text || undefined });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, filterText, setFilter]);

  return (
    <input
      ref={search}
      className="search"
      type="search"
      placeholder="Search text and authors   /"
      aria-label="Search text and authors"
      data-testid="inbox-search"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          pushed.current = text;
          setFilter({ text: text || undefined });
          (e.target as HTMLInputElement).blur();
          useUi.getState().requestFocus('list');
        }
      }}
    />
  );
}
