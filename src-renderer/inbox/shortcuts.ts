/**
 * Every inbox shortcut, in one table: the key handler and the "?" sheet both read it, so the sheet
 * can never lie. Keys are ignored while typing (except Esc), and while another dialog is open.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useUi } from '../state/ui-store';
import type { InboxCommands } from './commands';
import type { SavedView } from '../db/inbox-filter';

export interface ShortcutDef {
  keys: string[];
  does: string;
  group: 'Move' | 'Act' | 'Select' | 'Find' | 'Reply';
}

export const SHORTCUTS: ShortcutDef[] = [
  { keys: ['j', '↓'], does: 'Next mention', group: 'Move' },
  { keys: ['k', '↑'], does: 'Previous mention', group: 'Move' },
  { keys: ['Enter'], does: 'Open the conversation full width', group: 'Move' },
  { keys: ['n'], does: 'Take the next mention due in this view', group: 'Move' },
  { keys: ['Esc'], does: 'Close what is open, step back', group: 'Move' },
  { keys: ['r'], does: 'Reply: focus the reply box', group: 'Reply' },
  { keys: ['Ctrl/⌘', 'Enter'], does: 'Send (in the reply box)', group: 'Reply' },
  { keys: ['Ctrl/⌘', 'K'], does: 'Saved replies (in the reply box)', group: 'Reply' },
  { keys: ['o'], does: 'Open the mention on its site', group: 'Reply' },
  { keys: ['a'], does: 'Assign (Enter at once: to me)', group: 'Act' },
  { keys: ['t'], does: 'Tag or untag', group: 'Act' },
  { keys: ['e'], does: 'Resolve', group: 'Act' },
  { keys: ['!'], does: 'Mark as noise', group: 'Act' },
  { keys: ['Ctrl/⌘', 'Z'], does: 'Undo the last action', group: 'Act' },
  { keys: ['x'], does: 'Select or unselect for bulk actions', group: 'Select' },
  { keys: ['*'], does: 'Select every mention in the view (again: none)', group: 'Select' },
  { keys: ['/'], does: 'Search text and authors', group: 'Find' },
  { keys: ['1…9'], does: 'Switch to view 1 to 9', group: 'Find' },
  { keys: ['?'], does: 'Show these shortcuts', group: 'Find' },
];

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && Boolean(t.closest('input, textarea, select, [contenteditable="true"]'));
}

function onControl(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && Boolean(t.closest('button, a[href], [role="menuitem"]'));
}

/** A modal dialog that is not ours (the skip guard's question) owns the keyboard. */
function foreignDialogOpen(): boolean {
  return Boolean(document.querySelector('[aria-modal="true"]:not([data-inbox-overlay])'));
}

export interface KeyContext {
  commands: InboxCommands;
  views: SavedView[];
  onView(v: SavedView): void;
  openOnSite(): void;
}

export function handleInboxKey(e: KeyboardEvent, ctx: KeyContext): boolean {
  const s = useUi.getState();
  const { commands: c } = ctx;
  if (foreignDialogOpen()) return false;
  if (e.key === 'Escape') {
    if (s.overlay) s.closeOverlay();
    else if (isTyping(e.target)) {
      (e.target as HTMLElement).blur();
      s.requestFocus('list');
    } else if (s.reading) s.setReading(false);
    else if (s.checked.size) s.clearChecked();
    else return false;
    return true;
  }
  if (s.overlay || isTyping(e.target)) return false;
  const mod = e.metaKey || e.ctrlKey;
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') {
    void c.undoLast();
    return true;
  }
  if (mod || e.altKey) return false;
  const hasTarget = Boolean(s.selectedId) || s.checked.size > 0;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      c.move(1);
      return true;
    case 'k':
    case 'ArrowUp':
      c.move(-1);
      return true;
    case 'Enter':
      if (onControl(e.target)) return false;
      c.open();
      return true;
    case 'n':
      void c.next();
      return true;
    case 'r':
      if (!s.selectedId) return false;
      s.requestFocus('composer');
      return true;
    case 'a':
      if (hasTarget) s.openOverlay('assign');
      return true;
    case 't':
      if (hasTarget) s.openOverlay('tag');
      return true;
    case 'e':
      void c.resolve();
      return true;
    case '!':
      void c.noise();
      return true;
    case 'x':
      c.toggleCheck();
      return true;
    case '*':
      c.checkAll();
      return true;
    case '/':
      s.requestFocus('search');
      return true;
    case '?':
      s.openOverlay('help');
      return true;
    case 'o':
      ctx.openOnSite();
      return true;
    default:
      if (/^[1-9]$/.test(e.key)) {
        const v = ctx.views[Number(e.key) - 1];
        if (v) ctx.onView(v);
        return Boolean(v);
      }
      return false;
  }
}

export function useInboxKeys(ctx: KeyContext): void {
  // The latest context, swapped in at commit (layout effect): a key pressed the moment a list is
  // drawn acts on that list, not on the one before it.
  const current = useRef(ctx);
  useLayoutEffect(() => {
    current.current = ctx;
  }, [ctx]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      if (handleInboxKey(e, current.current)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
