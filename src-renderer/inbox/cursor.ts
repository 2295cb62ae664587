/**
 * When the open mention leaves the view (resolved, noise, a bulk action, a filter), the cursor goes
 * to the mention that took its place, as a mail client does. A mention opened from elsewhere (the
 * author's history) was never in the view and is left open.
 */
import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui-store';

export function useCursorFollowsView(ids: readonly string[] | undefined, complete: boolean, filterKey: string): void {
  const prev = useRef<{ ids: readonly string[]; key: string } | undefined>(undefined);
  useEffect(() => {
    if (!ids || !complete) return;
    // Only within one filter: a new filter is a new list, and the open mention stays open.
    const before = prev.current?.key === filterKey ? prev.current.ids : undefined;
    prev.current = { ids, key: filterKey };
    const sel = useUi.getState().selectedId;
    if (!before || !sel || ids.includes(sel)) return;
    const was = before.indexOf(sel);
    if (was < 0) return;
    useUi.getState().select(ids.length ? ids[Math.min(was, ids.length - 1)] : undefined);
  }, [ids, complete, filterKey]);
}
