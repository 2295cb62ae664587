/** The start-up catch-up (state/caught-up.ts): done once delivery has applied up to the head hello gave. */
import { describe, it, expect, beforeEach, vi } from 'vitest';
import type { MemoryBridge } from '../../src-renderer/bridge/memory-bridge';

type CaughtUp = typeof import('../../src-renderer/state/caught-up');
type Delivery = typeof import('../../src-renderer/delivery/delivery-client');
type Helpers = typeof import('./helpers/db');
type Store = typeof import('../../src-renderer/state/delivery-store');
type Bridges = typeof import('../../src-renderer/bridge/memory-bridge');

describe('the start-up catch-up', () => {
  // A fresh module graph per test: the flag is set once per app start.
  let mod: CaughtUp;
  let delivery: Delivery;
  let h: Helpers;
  let store: Store;
  let bridges: Bridges;
  beforeEach(async () => {
    vi.resetModules();
    mod = await import('../../src-renderer/state/caught-up');
    delivery = await import('../../src-renderer/delivery/delivery-client');
    h = await import('./helpers/db');
    store = await import('../../src-renderer/state/delivery-store');
    bridges = await import('../../src-renderer/bridge/memory-bridge');
  });

  const settled = (p: Promise<void>): { done: boolean } => {
    const s = { done: false };
    void p.then(() => (s.done = true));
    return s;
  };
  const tick = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

  it('waits until marked, then answers at once', async () => {
    const first = settled(mod.caughtUp());
    await tick();
    expect(first.done).toBe(false);
    mod.markCaughtUp();
    await tick(0);
    expect(first.done).toBe(true);
    const later = settled(mod.caughtUp());
    await tick(0);
    expect(later.done).toBe(true);
  });

  it('is done once the position the hello named is applied, not before', async () => {
    const db = await h.freshDb();
    const mb = h.logBridge(3);
    const stop = delivery.startDelivery(mb.bridge, db);
    const w = settled(mod.caughtUp());
    await h.until(() => store.useDelivery.getState().head === 3);
    mb.emit('entries', h.mentionsPage(['x:1', 'x:2'], 0));
    await h.until(() => store.useDelivery.getState().position === 2);
    await tick();
    expect(w.done).toBe(false);
    mb.emit('entries', h.mentionsPage(['x:3'], 2));
    await h.until(() => store.useDelivery.getState().position === 3);
    await tick(0);
    expect(w.done).toBe(true);
    stop();
  });

  it('is done at hello when there is nothing to replay', async () => {
    const db = await h.freshDb();
    const stop = delivery.startDelivery(h.logBridge(0).bridge, db);
    await h.until(() => store.useDelivery.getState().connection === 'open');
    const w = settled(mod.caughtUp());
    await h.until(() => w.done);
    stop();
  });

  it('after a reconnect before it, counts to the head the new hello names', async () => {
    const db = await h.freshDb();
    let head = 2;
    const mb: MemoryBridge = bridges.createMemoryBridge({
      hello: (req) => ({ logId: 'L', mode: 'web', version: 't', from: req.position, head, teamStatus: { state: 'solo', waiting: 0 } }),
      ack: () => ({}),
    });
    const stop = delivery.startDelivery(mb.bridge, db);
    const w = settled(mod.caughtUp());
    await h.until(() => store.useDelivery.getState().head === 2);
    mb.emit('entries', h.mentionsPage(['x:1'], 0));
    await h.until(() => store.useDelivery.getState().position === 1);
    // Dropped and reopened with two more in the log: the new hello says 4.
    head = 4;
    mb.setConnection('closed');
    mb.setConnection('open');
    await h.until(() => store.useDelivery.getState().head === 4);
    mb.emit('entries', h.mentionsPage(['x:2'], 1));
    await h.until(() => store.useDelivery.getState().position === 2);
    await tick();
    expect(w.done).toBe(false);
    mb.emit('entries', h.mentionsPage(['x:3', 'x:4'], 2));
    await h.until(() => w.done);
    expect(store.useDelivery.getState().position).toBe(4);
    stop();
  });
});
