/** UI state about delivery from main: connection, how far this profile has applied the log, the last error. */
import { create } from 'zustand';
import type { ConnectionState } from '../../src-main/shared/contract';
import { SOLO_STATUS, type TeamStatus } from '../../src-main/shared/team';

export interface DeliveryState {
  connection: ConnectionState;
  /** The log's head (its highest position), as of the last hello or page. */
  head: number;
  /** The position applied to IndexedDB (and acked). */
  position: number;
  /** Where this connection's replay started: 0 on a fresh profile, which is rebuilding the whole history. */
  startedFrom: number;
  /** Mentions written to the inbox since the app opened. */
  received: number;
  error?: string;
  /** The seat's team connection (hello, then `teamStatus` events). */
  team: TeamStatus;
  /** A team seat's agent id, from hello: "me" on every screen (settings initials otherwise). */
  agentId?: string;
  set(patch: Partial<Omit<DeliveryState, 'set'>>): void;
}

export const useDelivery = create<DeliveryState>((set) => ({
  connection: 'connecting',
  head: 0,
  position: 0,
  startedFrom: 0,
  received: 0,
  team: SOLO_STATUS,
  set: (patch) => set(patch),
}));
