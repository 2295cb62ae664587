/** Sources and their live health lines, as main reports them. Main owns them; this is a copy for the screens. */
import { create } from 'zustand';
import type { SourceHealth, SourceSummary } from '../../src-main/shared/sources';
import type { Bridge } from '../../src-main/shared/contract';

interface SourcesState {
  sources: SourceSummary[];
  health: Record<string, SourceHealth>;
  loaded: boolean;
  error?: string;
  /** Desktop: whether saved tokens are protected by a keyring (undefined in browser mode). */
  credentialStorage?: { protected: boolean; sessionOnly: boolean; message?: string };
  refresh(bridge: Bridge): Promise<void>;
  applyHealth(h: SourceHealth[]): void;
}

export const useSources = create<SourcesState>((set, get) => ({
  sources: [],
  health: {},
  loaded: false,
  async refresh(bridge) {
    try {
      const res = await bridge.listSources({});
      set({
        sources: res.sources,
        health: Object.fromEntries(res.health.map((h) => [h.sourceId, h])),
        credentialStorage: res.credentialStorage,
        loaded: true,
        error: undefined,
      });
    } catch (e) {
      set({ error: (e as Error).message, loaded: true });
    }
  },
  applyHealth(list) {
    set({ health: { ...get().health, ...Object.fromEntries(list.map((h) => [h.sourceId, h])) } });
  },
}));

/** Keeps the store current: a full refresh on every (re)connect, then health events. */
export function startSourcesSync(bridge: Bridge): () => void {
  const offConn = bridge.onConnection((s) => {
    if (s === 'open') void useSources.getState().refresh(bridge);
  });
  const offHealth = bridge.onSourceHealth(({ health }) => useSources.getState().applyHealth(health));
  return () => {
    offConn();
    offHealth();
  };
}
