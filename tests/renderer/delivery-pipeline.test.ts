/**
 * From a connection's third batch on, a full batch starts while the one before it is still being
 * written (delivery/delivery-client.ts), also when its pages arrive only while that write runs (main
 * sends them on the ack before it): its transaction is then queued in IndexedDB before the inbox's
 * reads that the previous commit wakes. Acks stay in log order, each after its batch committed.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import type { PageApplier, QueuedPage } from '../../src-renderer/delivery/page-applier';
import type { ApplyResult } from '../../src-renderer/db/apply';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { freshDb, mentionsPage, logBridge, until } from './helpers/db';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { pageCount, pageLast } from '../../src-main/shared/contract';

/** An applier whose batches commit when the test says so: `batches` are the positions each one holds. */
function heldApplier(): { applier: PageApplier; batches: number[][]; commit(i: number): void } {
  const batches: number[][] = [];
  const commits: Array<() => void> = [];
  const applier: PageApplier = {
    prepare() {},
    received() {},
    apply(pages: readonly QueuedPage[]) {
      const positions = pages.flatMap((q) => Array.from({ length: pageCount(q.page) }, (_, i) => pageLast(q.page) - pageCount(q.page) + 1 + i));
      batches.push(positions);
      const position = positions[positions.length - 1]!;
      return new Promise<ApplyResult>((resolve) => commits.push(() => resolve({ position, applied: positions.length, added: positions.length, problems: [], lostTakes: [] })));
    },
    dropped() {},
    stop() {},
  };
  return { applier, batches, commit: (i) => commits[i]!() };
}

describe('delivery starts the next full batch during a write, whenever its pages arrive', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined });
  });

  it('a batch filled while the one before it is written starts before that one commits; acks stay in order', async () => {
    const acks: number[] = [];
    const mb = logBridge(7, (p) => acks.push(p));
    const held = heldApplier();
    const stop = startDelivery(mb.bridge, db, { maxBatch: 2, applier: held.applier });
    await new Promise((r) => setTimeout(r, 20));
    // The connection's first two batches, each alone.
    mb.emit('entries', mentionsPage(['x:1'], 0));
    await until(() => held.batches.length === 1);
    held.commit(0);
    await until(() => acks.length === 1);
    mb.emit('entries', mentionsPage(['x:2'], 1));
    await until(() => held.batches.length === 2);
    held.commit(1);
    await until(() => acks.length === 2);
    // The third is written; the fourth's pages arrive during that write, one at a time.
    mb.emit('entries', mentionsPage(['x:3', 'x:4'], 2));
    await until(() => held.batches.length === 3);
    mb.emit('entries', mentionsPage(['x:5'], 4));
    await new Promise((r) => setTimeout(r, 30));
    // Not a full batch yet: it waits.
    expect(held.batches).toHaveLength(3);
    mb.emit('entries', mentionsPage(['x:6'], 5));
    await until(() => held.batches.length === 4);
    expect(held.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    // Neither committed yet: nothing acked past the second batch.
    expect(acks).toEqual([1, 2]);
    held.commit(3);
    await new Promise((r) => setTimeout(r, 30));
    expect(acks).toEqual([1, 2]);
    held.commit(2);
    await until(() => acks.length === 4);
    expect(acks).toEqual([1, 2, 4, 6]);
    // A last page less than a batch goes in once nothing is in flight.
    mb.emit('entries', mentionsPage(['x:7'], 6));
    await until(() => held.batches.length === 5);
    held.commit(4);
    await until(() => acks.length === 5);
    expect(acks).toEqual([1, 2, 4, 6, 7]);
    expect(useDelivery.getState()).toMatchObject({ position: 7, error: undefined });
    stop();
  });
});
