/**
 * The app starts where it was left: the inbox's view, filter and open mention are remembered in
 * localStorage (UI state, not data; a lost entry only means starting from the role's default view).
 */
import { useUi } from '../state/ui-store';
import { parseFilter, type InboxFilter } from '../db/inbox-filter';

const KEY = 'earshot.inbox.v1';

export interface RememberedInbox {
  viewId: string;
  filter: InboxFilter;
  selectedId?: string;
}

export function rememberedInbox(): RememberedInbox | undefined {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RememberedInbox> | null;
    if (!raw || typeof raw.viewId !== 'string') return undefined;
    return { viewId: raw.viewId, filter: parseFilter(raw.filter), selectedId: typeof raw.selectedId === 'string' ? raw.selectedId : undefined };
  } catch {
    return undefined;
  }
}

/** Saves the inbox's place whenever it changes (a moment later, once per burst of key presses). */
export function startRemembering(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useUi.subscribe((s, prev) => {
    if (!s.identityReady || (s.viewId === prev.viewId && s.filter === prev.filter && s.selectedId === prev.selectedId)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        localStorage.setItem(KEY, JSON.stringify({ viewId: s.viewId, filter: s.filter, selectedId: s.selectedId }));
      } catch {
        // Storage full or disabled: the app still works, it just starts from the default view.
      }
    }, 400);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
