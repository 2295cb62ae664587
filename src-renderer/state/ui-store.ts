/** UI state only (DESIGN.md): which mention is open. Saved data lives in Dexie. */
import { create } from 'zustand';

export interface UiState {
  selectedId?: string;
  select(id: string | undefined): void;
}

export const useUi = create<UiState>((set) => ({
  selectedId: undefined,
  select: (id) => set({ selectedId: id }),
}));
