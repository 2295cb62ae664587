/**
 * Pages still encoded (browser mode's binary frames, shared/entries-frame.ts): queued and acked by
 * their header, decoded and checked where they are written (the delivery worker, or this thread);
 * the same rows as the same pages parsed, and a page that does not decode is never acked.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import { createApplyHost } from '../../src-renderer/delivery/apply-host';
import { inThreadApplier } from '../../src-renderer/delivery/page-applier';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { EarshotDb } from '../../src-renderer/db/schema';
import { encodeEntriesFrame, readEntriesFrame } from '../../src-main/shared/entries-frame';
import type { Bridge, EncodedLogPage, LogPage } from '../../src-main/shared/contract';
import { freshDb, mentionsPage, logBridge, storedContents, until } from './helpers/db';

const encoded = (page: LogPage): EncodedLogPage => readEntriesFrame(encodeEntriesFrame(page));
const pages = (): LogPage[] => [mentionsPage(['x:1', 'x:2'], 0), mentionsPage(['x:3'], 2), mentionsPage(['x:4', 'x:1'], 3)];

/** logBridge (helpers/db.ts) that also hands pages on encoded, as browser mode's socket does. */
function encodingBridge(head: number, onAck: (position: number) => unknown) {
  const mb = logBridge(head, onAck);
  const listeners = new Set<(p: EncodedLogPage) => void>();
  const bridge: Bridge = {
    ...mb.bridge,
    onEncodedEntries: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  return { bridge, send: (p: EncodedLogPage) => listeners.forEach((l) => l(p)), emit: (p: LogPage) => mb.emit('entries', p) };
}

describe('encoded pages', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined });
  });

  it('are written on this thread exactly as the same pages parsed, each batch acked at its last position', async () => {
    const parsed = await freshDb();
    const run = async (target: EarshotDb, send: (b: ReturnType<typeof encodingBridge>, p: LogPage) => void): Promise<number[]> => {
      const acks: number[] = [];
      const b = encodingBridge(5, (position) => acks.push(position));
      const stop = startDelivery(b.bridge, target, { applier: inThreadApplier(target), maxBatch: 2 });
      await new Promise((r) => setTimeout(r, 20));
      for (const p of pages()) send(b, p);
      await until(() => acks[acks.length - 1] === 5);
      stop();
      return acks;
    };
    const viaBytes = await run(db, (b, p) => b.send(encoded(p)));
    const parsedAcks = await run(parsed, (b, p) => b.emit(p));
    expect(viaBytes).toEqual(parsedAcks);
    expect(viaBytes).toEqual([2, 3, 5]);
    expect(await storedContents(db)).toEqual(await storedContents(parsed));
    expect(await db.mentions.count()).toBe(4);
  });

  it("are written by the delivery worker's code as the same pages parsed", async () => {
    const parsed = await freshDb();
    // A worker per window, as in the app: pages are named by their seq alone.
    for (const [target, form] of [
      [db, encoded],
      [parsed, (p: LogPage) => p],
    ] as const) {
      const host = createApplyHost((name) => new EarshotDb(name));
      for (const [i, p] of pages().entries()) await host.handle({ kind: 'page', dbName: target.name, seq: i + 1, page: form(p) });
      await host.handle({ kind: 'apply', dbName: target.name, seqs: [1, 2], logId: 'L' });
      await host.handle({ kind: 'apply', dbName: target.name, seqs: [3], logId: 'L' });
    }
    expect(await storedContents(db)).toEqual(await storedContents(parsed));
    expect((await storedContents(db)) as { position: number }).toMatchObject({ position: 5 });
  });

  it('skip and name an entry that does not check out, as parsed pages do, and write the rest', async () => {
    const page = mentionsPage(['x:1', 'x:2', 'x:3'], 0);
    const bad = { entries: page.entries.map((e, i) => (i === 1 ? { position: e.position, entry: { ...e.entry, id: '' } } : e)) };
    const host = createApplyHost((name) => new EarshotDb(name));
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: encoded(bad) });
    const r = await host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' });
    expect(r).toMatchObject({ position: 3, applied: 3, added: 2 });
    expect(r?.problems).toHaveLength(1);
    expect(r?.problems[0]).toMatch(/^position 2: /);
    expect((await db.mentions.toArray()).map((m) => m.id)).toEqual(['x:1', 'x:3']);
  });

  it('fail their batch when a page does not decode: nothing of it written, nothing acked, and the error names its positions', async () => {
    const acks: number[] = [];
    const b = encodingBridge(3, (position) => acks.push(position));
    const stop = startDelivery(b.bridge, db, { applier: inThreadApplier(db) });
    await new Promise((r) => setTimeout(r, 20));
    b.send(encoded(mentionsPage(['x:1'], 0)));
    await until(() => acks.length === 1);
    // Its header says positions 2-3; the page holds 5-6.
    const wrong = readEntriesFrame(new TextEncoder().encode(`{"count":2,"first":2,"last":3}\n${JSON.stringify(mentionsPage(['x:2', 'x:3'], 4))}`));
    b.send(wrong);
    await until(() => useDelivery.getState().error !== undefined);
    expect(useDelivery.getState().error).toMatch(/Entries up to position 3 could not be saved yet \(the page of positions 2-3 holds other positions than its header says\)/);
    expect(acks).toEqual([1]);
    expect(await db.mentions.count()).toBe(1);
    // Through the worker's code too, before its transaction starts.
    const host = createApplyHost((name) => new EarshotDb(name));
    await host.handle({ kind: 'page', dbName: db.name, seq: 1, page: wrong });
    await expect(host.handle({ kind: 'apply', dbName: db.name, seqs: [1], logId: 'L' })).rejects.toThrow(/positions 2-3 holds other positions/);
    stop();
  });
});
