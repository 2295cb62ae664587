/**
 * The Voice of the customer screen's choices (period and filters), kept while the lead goes to the
 * inbox through a drill-down and comes back. The period's end is fixed when it is chosen, so a filter
 * change counts over the same moment (and the worker can reuse the period's state).
 */
import { create } from 'zustand';
import type { VocFilter } from '../../src-main/shared/voc/report';

export const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 28, label: 'Last 4 weeks' },
  { days: 91, label: 'Last 13 weeks' },
  { days: 365, label: 'Last 12 months' },
] as const;

export interface VocParams {
  days: number;
  toMs: number;
  filter: VocFilter;
  /** Bumped to read again (new activity, "Refresh"). */
  n: number;
}

interface VocParamsState extends VocParams {
  setDays(days: number): void;
  setFilter(patch: Partial<VocFilter>): void;
  refresh(): void;
}

export const useVocParams = create<VocParamsState>((set, get) => ({
  days: 28,
  toMs: Date.now(),
  filter: {},
  n: 0,
  setDays: (days) => set({ days, toMs: Date.now() }),
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  refresh: () => set({ toMs: Date.now(), n: get().n + 1 }),
}));

export const fromOf = (p: Pick<VocParams, 'days' | 'toMs'>): number => p.toMs - p.days * 86_400_000;
