/**
 * UI state only (DESIGN.md): which screen, which mention is open, the inbox's view and filter, the
 * selection, overlays, the undo stack, and who is at the keyboard (mirrored from the saved settings,
 * see settings/useSettingsSync). Saved data lives in Dexie.
 *
 * Names: a *screen* is one page of the navigation (inbox, sources, reports…); a *view* is always an
 * inbox filter, built in or saved (db/inbox-filter.ts SavedView). A source as main describes it is a
 * SourceSummary, a parsed policy version a DatedPolicy (db/policies.ts).
 */
import { create } from 'zustand';
import type { UndoRecord } from '../db/actions';
import { BUILTIN_VIEWS, type InboxFilter } from '../db/inbox-filter';
import { ANONYMOUS_AGENT, type Role, type Settings } from '../db/settings';

export const SCREENS = ['inbox', 'sources', 'reports', 'voc', 'topics', 'policy', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export type Overlay = 'help' | 'assign' | 'tag' | 'save-view' | 'export';
export type FocusTarget = 'search' | 'composer' | 'list' | 'thread';

export interface Toast {
  id: number;
  message: string;
  /** Offers "Undo" for this record. */
  undo?: UndoRecord;
  tone?: 'info' | 'error';
}

export interface UiState {
  screen: Screen;
  selectedId?: string;
  /** The agent id written on events ("mk"), and the role; both from the saved settings. */
  agent: string;
  role: Role;
  /** The saved settings have been read (agent and role are the real ones). */
  identityReady: boolean;
  /** The saved settings, mirrored once read (settings/useSettingsSync), so every component sees the same. */
  settings?: Settings;
  /** The inbox view (built-in or saved) and the filter in force (the view's, possibly edited). */
  viewId: string;
  filter: InboxFilter;
  /** Mentions picked with x for bulk actions. */
  checked: ReadonlySet<string>;
  /** Enter opened the mention: the conversation takes the room of the list until Esc. */
  reading: boolean;
  overlay?: Overlay;
  toast?: Toast;
  undoStack: UndoRecord[];
  /** A request for keyboard focus; components watch `n` change. */
  focus: { target: FocusTarget; n: number };
  setScreen(s: Screen): void;
  select(id: string | undefined): void;
  /** The settings were read (useSettingsSync): mirror them and mark the identity ready. */
  setIdentity(agent: string, role: Role, settings: Settings): void;
  /** The settings were just saved here: refresh the mirror (the role is the settings'). */
  setSettings(agent: string, settings: Settings): void;
  applyView(viewId: string, filter: InboxFilter): void;
  setFilter(patch: Partial<InboxFilter>): void;
  toggleChecked(id: string): void;
  setChecked(ids: Iterable<string>): void;
  clearChecked(): void;
  setReading(on: boolean): void;
  openOverlay(o: Overlay): void;
  closeOverlay(): void;
  showToast(message: string, opts?: { undo?: UndoRecord; tone?: Toast['tone'] }): void;
  dismissToast(id?: number): void;
  pushUndo(rec: UndoRecord): void;
  popUndo(): UndoRecord | undefined;
  requestFocus(target: FocusTarget): void;
}

let toastSeq = 0;

type Actions = { [K in keyof UiState]-?: UiState[K] extends (...args: never[]) => unknown ? K : never }[keyof UiState];

/** The UI state at start, before the saved settings are read (tests reset to it between cases). */
export function initialUiState(): Omit<UiState, Actions> {
  return {
    screen: 'inbox',
    selectedId: undefined,
    agent: ANONYMOUS_AGENT,
    role: 'community-manager',
    identityReady: false,
    settings: undefined,
    viewId: 'open',
    filter: BUILTIN_VIEWS[0]!.filter,
    checked: new Set(),
    reading: false,
    overlay: undefined,
    toast: undefined,
    undoStack: [],
    focus: { target: 'list', n: 0 },
  };
}

export const useUi = create<UiState>((set, get) => ({
  ...initialUiState(),
  setScreen: (screen) => set({ screen }),
  select: (id) => set({ selectedId: id }),
  setIdentity: (agent, role, settings) => set({ agent, role, settings, identityReady: true }),
  setSettings: (agent, settings) => set({ agent, role: settings.role, settings }),
  applyView: (viewId, filter) => set({ viewId, filter, checked: new Set() }),
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  toggleChecked: (id) => {
    const next = new Set(get().checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ checked: next });
  },
  setChecked: (ids) => set({ checked: new Set(ids) }),
  clearChecked: () => set({ checked: new Set() }),
  setReading: (reading) => set({ reading }),
  openOverlay: (overlay) => set({ overlay }),
  closeOverlay: () => set({ overlay: undefined }),
  showToast: (message, opts) => set({ toast: { id: ++toastSeq, message, undo: opts?.undo, tone: opts?.tone } }),
  dismissToast: (id) => {
    const t = get().toast;
    if (t && (id === undefined || t.id === id)) set({ toast: undefined });
  },
  pushUndo: (rec) => set({ undoStack: [...get().undoStack.slice(-49), rec] }),
  popUndo: () => {
    const stack = get().undoStack;
    const last = stack[stack.length - 1];
    if (last) set({ undoStack: stack.slice(0, -1) });
    return last;
  },
  requestFocus: (target) => set({ focus: { target, n: get().focus.n + 1 } }),
}));
