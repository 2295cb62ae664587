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
   * the first only after the start-up catch-up (state/caught-up.ts), like its own baseline, and
   * every total without the history imported since (history-writes.ts). A drop is not news.
   */
  setTotal(n: number): void;
  look(): void;
}

export const useNewSince = create<NewSince>((set, get) => ({
  total: undefined,
  lookedAt: undefined,
  setTotal: (n) => {
    const { total, lookedAt } = get();
    if (lookedAt === undefined || total === undefined) return set({ total: n, lookedAt: n });
    // A drop (mentions deleted) is not news, and must not hide the next arrivals: the look moves down with it.
    set({ total: n, lookedAt: n < total ? Math.max(0, lookedAt - (total - n)) : lookedAt });
  },
  look: () => set({ lookedAt: get().total }),
}));

export const sinceLooked = (s: Pick<NewSince, 'total' | 'lookedAt'>): number => Math.max(0, (s.total ?? 0) - (s.lookedAt ?? s.total ?? 0));
