/**
 * UI state of team mode: the other seats' presence as main last sent it, the roster as last read,
 * and which conversation this renderer is drafting in (the composer has text). Solo: all empty.
 */
import { create } from 'zustand';
import type { Agent, Presence } from '../../src-main/shared/team';

export interface TeamState {
  others: Presence[];
  roster: Agent[];
  /** The mention whose composer has text now (undefined: none). */
  drafting?: string;
  setOthers(others: Presence[]): void;
  setRoster(roster: Agent[]): void;
  setDrafting(mentionId: string, on: boolean): void;
}

export const useTeam = create<TeamState>((set, get) => ({
  others: [],
  roster: [],
  drafting: undefined,
  setOthers: (others) => set({ others }),
  setRoster: (roster) => set({ roster }),
  setDrafting: (mentionId, on) => {
    const now = get().drafting;
    if (on && now !== mentionId) set({ drafting: mentionId });
    else if (!on && now === mentionId) set({ drafting: undefined });
  },
}));
