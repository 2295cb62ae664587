/** UI state about delivery from main: connection, backlog still coming in, the last error. */
import { create } from 'zustand';
import type { ConnectionState } from '../../src-main/shared/contract';

export interface DeliveryState {
  connection: ConnectionState;
  /** Highest sequence main has written, as of the last hello or batch. */
  lastSeq: number;
  /** Highest sequence committed to IndexedDB and acked. */
  ackedSeq: number;
  /** Mentions written to the inbox since the app opened. */
  received: number;
  error?: string;
  set(patch: Partial<Omit<DeliveryState, 'set'>>): void;
}

export const useDelivery = create<DeliveryState>((set) => ({
  connection: 'connecting',
  lastSeq: 0,
  ackedSeq: 0,
  received: 0,
  set: (patch) => set(patch),
}));
