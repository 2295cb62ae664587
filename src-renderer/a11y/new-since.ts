/**
 * "New since you last looked": how many mentions arrived since the agent last looked at the inbox
 * (opened it, moved in it, or put focus on the list). UI state only; the totals come from Dexie.
 */
import { create } from 'zustand';

interface NewSince {
  /** Mentions in the store at the last count, and when the agent last looked. */
  total?: number;
  lookedAt?: number;
  /**
   * The first total is also the last look: what is there at start is not new. LiveAnnouncer gives
   * the first only after the start-up catch-up (state/caught-up.ts), like its own baseline.
   */
  setTotal(n: number): void;
  look(): void;
}

export const useNewSince = create<NewSince>((set, get) => ({
  total: undefined,
  lookedAt: undefined,
  setTotal: (n) => set(get().lookedAt === undefined ? { total: n, lookedAt: n } : { total: n }),
  look: () => set({ lookedAt: get().total }),
}));

export const sinceLooked = (s: Pick<NewSince, 'total' | 'lookedAt'>): number => Math.max(0, (s.total ?? 0) - (s.lookedAt ?? s.total ?? 0));
