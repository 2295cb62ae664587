/** UI state only (DESIGN.md): which screen, which mention is open. Saved data lives in Dexie. */
import { create } from 'zustand';

export const VIEWS = ['inbox', 'sources', 'reports', 'policy', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiState {
  view: View;
  selectedId?: string;
  setView(v: View): void;
  select(id: string | undefined): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'inbox',
  selectedId: undefined,
  setView: (view) => set({ view }),
  select: (id) => set({ selectedId: id }),
}));
