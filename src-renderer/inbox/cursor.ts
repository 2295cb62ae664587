/**
 * When the open mention leaves the view (resolved, noise, a bulk action, a filter), the cursor goes
 * to the mention that took its place, as a mail client does. A mention opened from elsewhere (the
 * author's history) was never in the view and is left open.
 */
import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui-store';

export function useCursorFollowsView(ids: readonly string[] | undefined, current: boolean): void {
  const prev = useRef<readonly string[] | undefined>(undefined);
  useEffect(() => {
    if (!ids || !current) return;
    const before = prev.current;
    prev.current = ids;
    const sel = useUi.getState().selectedId;
    if (!before || !sel || ids.includes(sel)) return;
    const was = before.indexOf(sel);
    if (was < 0) return;
    useUi.getState().select(ids.length ? ids[Math.min(was, ids.length - 1)] : undefined);
  }, [ids, current]);
}
