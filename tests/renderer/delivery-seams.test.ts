/**
 * Fast tests for the seams of delivery (issue 12 item 10): the renderer's delivery client applies a
 * page before it acks it, and never acks a page it could not apply; the WebSocket bridge routes
 * replies by id, times calls out, and validates events against the contract.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import { createMemoryBridge } from '../../src-renderer/bridge/memory-bridge';
import { createWebSocketBridge } from '../../src-renderer/bridge/websocket-bridge';
import { readPosition } from '../../src-renderer/db/apply';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { BridgeError, type EncodedLogPage, type LogPage } from '../../src-main/shared/contract';
import { decodeEntriesFrame, encodeEntriesFrame } from '../../src-main/shared/entries-frame';
import { freshDb, mention, ingest, mentionsPage, logBridge, until } from './helpers/db';
import { TEST_LOG } from './helpers/log';
import { EarshotDb } from '../../src-renderer/db/schema';
import * as actions from '../../src-renderer/db/actions';
import { useUi } from '../../src-renderer/state/ui-store';


describe('startDelivery (renderer side of delivery)', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined });
  });

  it('says hello with the applied position, applies each page, and acks only after the page is in IndexedDB', async () => {
    const seenAtAck: Array<{ position: number; inDb: number }> = [];
    const hellos: unknown[] = [];
    const mb = createMemoryBridge({
      hello: (req) => {
        hellos.push(req);
        return { logId: 'L', mode: 'web', version: 't', from: req.position, head: 3, teamStatus: { state: 'solo', waiting: 0 } };
      },
      ack: async (req) => {
        seenAtAck.push({ position: req.position, inDb: await db.mentions.count() });
        return {};
      },
    });
    const stop = startDelivery(mb.bridge, db);
    await until(() => hellos.length === 1);
    expect(hellos[0]).toEqual({ position: 0 });
    mb.emit('entries', mentionsPage(['x:1', 'x:2'], 0));
    mb.emit('entries', mentionsPage(['x:3'], 2));
    await until(() => seenAtAck.length === 2);
    expect(seenAtAck).toEqual([
      { position: 2, inDb: 2 },
      { position: 3, inDb: 3 },
    ]);
    expect(await readPosition(db)).toEqual({ logId: 'L', position: 3 });
    expect(useDelivery.getState()).toMatchObject({ position: 3, head: 3 });
    // A reconnect says hello with what was applied.
    mb.setConnection('closed');
    mb.setConnection('open');
    await until(() => hellos.length === 2);
    expect(hellos[1]).toEqual({ position: 3, logId: 'L' });
    stop();
  });

  it('applies the pages that queued during a write together, in one transaction, and acks once for them', async () => {
    const acks: Array<{ position: number; inDb: number }> = [];
    const mb = logBridge(4, async (position) => {
      acks.push({ position, inDb: await db.mentions.count() });
      // Three more pages arrive while the first is being acknowledged.
      if (acks.length === 1) for (let i = 1; i < 4; i++) mb.emit('entries', mentionsPage([`x:${i + 1}`], i));
    });
    const stop = startDelivery(mb.bridge, db);
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1'], 0));
    await until(() => acks.length === 2);
    expect(acks).toEqual([
      { position: 1, inDb: 1 },
      { position: 4, inDb: 4 },
    ]);
    expect(await readPosition(db)).toEqual({ logId: 'L', position: 4 });
    stop();
  });

  it('starts a full batch while the one before it is still being acknowledged, and acks them in log order', async () => {
    const acks: number[] = [];
    // Whether the next batch was in IndexedDB before this ack returned.
    const nextInBefore: boolean[] = [];
    const mb = logBridge(7, async (position) => {
      acks.push(position);
      if (position === 1) mb.emit('entries', mentionsPage(['x:2'], 1));
      if (position === 2) {
        // Two full batches (two entries each) arrive once the connection's first two are in.
        mb.emit('entries', mentionsPage(['x:3', 'x:4'], 2));
        mb.emit('entries', mentionsPage(['x:5', 'x:6'], 4));
      }
      if (position === 4) {
        // Applied one after the other, the batch after this one would wait for this ack: give up after 2 s.
        const end = Date.now() + 2000;
        while ((await db.mentions.count()) < 6 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
        nextInBefore.push((await db.mentions.count()) === 6);
      }
    });
    const stop = startDelivery(mb.bridge, db, { maxBatch: 2 });
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1'], 0));
    await until(() => acks.length === 4, 5000);
    expect(nextInBefore).toEqual([true]);
    expect(acks).toEqual([1, 2, 4, 6]);
    expect(await readPosition(db)).toEqual({ logId: 'L', position: 6 });
    expect(useDelivery.getState()).toMatchObject({ position: 6, error: undefined });
    stop();
  });

  it("applies a connection's first two batches alone, so the inbox's first reads wait for one write at most", async () => {
    const atAck: Array<{ position: number; inDb: number }> = [];
    const mb = logBridge(5, async (position) => atAck.push({ position, inDb: await db.mentions.count() }));
    const stop = startDelivery(mb.bridge, db, { maxBatch: 2 });
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1'], 0));
    // Full batches, queued during the first write.
    mb.emit('entries', mentionsPage(['x:2', 'x:3'], 1));
    mb.emit('entries', mentionsPage(['x:4', 'x:5'], 3));
    await until(() => atAck.length === 3);
    expect(atAck).toEqual([
      { position: 1, inDb: 1 },
      { position: 3, inDb: 3 },
      { position: 5, inDb: 5 },
    ]);
    stop();
  });

  it('after a batch that failed, tells only that failure and acks neither it nor the one started behind it', async () => {
    const acks: number[] = [];
    const mb = logBridge(9, (position) => {
      acks.push(position);
      if (position === 1) mb.emit('entries', mentionsPage(['x:2'], 1));
      if (position === 2) {
        mb.emit('entries', mentionsPage(['x:4', 'x:5'], 3)); // position 3 never came
        mb.emit('entries', mentionsPage(['x:6', 'x:7'], 5)); // started behind it
      }
    });
    const stop = startDelivery(mb.bridge, db, { maxBatch: 2 });
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:1'], 0));
    await until(() => useDelivery.getState().error !== undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(useDelivery.getState().error).toMatch(/up to position 5 could not be saved yet \(the log skipped from position 2 to 4/);
    expect(acks).toEqual([1, 2]);
    expect(await db.mentions.count()).toBe(2);
    stop();
  });

  it('opens the database while the connection is still being made, not once it is open', async () => {
    const mb = createMemoryBridge({});
    mb.setConnection('connecting');
    const unopened = new EarshotDb(`t-open-early-${Date.now()}`);
    const stop = startDelivery(mb.bridge, unopened);
    await until(() => unopened.isOpen());
    expect(mb.calls.map((c) => c.name)).not.toContain('hello');
    stop();
    unopened.close();
  });

  it('does not ack a page it could not apply, and says so', async () => {
    const acks: number[] = [];
    const mb = logBridge(9, (position) => acks.push(position));
    const stop = startDelivery(mb.bridge, db);
    await new Promise((r) => setTimeout(r, 20));
    mb.emit('entries', mentionsPage(['x:9'], 4)); // a gap: positions 1..4 never came
    await until(() => useDelivery.getState().error !== undefined);
    expect(useDelivery.getState().error).toMatch(/up to position 5 could not be saved yet/);
    expect(acks).toEqual([]);
    expect(await db.mentions.count()).toBe(0);
    stop();
  });

  it('sends pending actions after hello, drops and undoes one main refuses, and sends the rest again on a new connection', async () => {
    const appended: string[][] = [];
    const mb = createMemoryBridge({
      // The log the mention below was applied from (a profile served another log rebuilds: db/log-switch.ts).
      hello: (req) => ({ logId: TEST_LOG, mode: 'web', version: 't', from: req.position, head: 1, teamStatus: { state: 'solo', waiting: 0 } }),
      ack: () => ({}),
      append: (req) => {
        const ids = req.entries.map((e) => (e as { id: string }).id);
        appended.push(ids);
        // Main refuses the tag (say, a newer main's rule); the resolve goes in.
        return { results: req.entries.map((e) => ((e as { type: string }).type === 'tagged' ? { id: (e as { id: string }).id, outcome: 'rejected' as const, error: 'tagged.tag: too long' } : { id: (e as { id: string }).id, outcome: 'appended' as const, position: 1 })) };
      },
    });
    await ingest(db, [mention('x:1', '2026-11-20T10:00:00.000Z')]);
    await actions.tag(db, ['x:1'], 'billing', { agent: 'mk' });
    await actions.resolve(db, ['x:1'], { agent: 'mk' });
    const stop = startDelivery(mb.bridge, db);
    await until(() => appended.length === 1);
    expect(appended[0]).toHaveLength(2);
    await until(async () => (await db.pending.count()) === 1);
    expect(await db.mentions.get('x:1')).toMatchObject({ tags: [], status: 'resolved' });
    expect(useUi.getState().toast?.message).toMatch(/refused .* undone here: tagged\.tag: too long/);
    // Not confirmed through delivery yet: a new connection sends the resolve again (stored once by id).
    mb.setConnection('closed');
    mb.setConnection('open');
    await until(() => appended.length === 2);
    expect(appended[1]).toEqual([appended[0]![1]]);
    // An action while connected goes up at once.
    await actions.reopen(db, ['x:1'], { agent: 'mk' });
    await until(() => appended.length === 3);
    stop();
  });
});

/** A WebSocket stand-in: records what the bridge sends, lets the test answer. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static last: FakeSocket | undefined;
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string | ArrayBuffer }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    }, 0);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
  receive(msg: unknown): void {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  /** A binary frame, as the browser hands one over with binaryType 'arraybuffer'. */
  receiveBinary(bytes: Uint8Array): void {
    if (this.binaryType !== 'arraybuffer') throw new Error(`the bridge left binaryType at ${this.binaryType}`);
    this.onmessage?.({ data: bytes.slice().buffer });
  }
}

describe('createWebSocketBridge', () => {
  const make = (callTimeoutMs = 5000) => createWebSocketBridge('ws://127.0.0.1:1/ws', { callTimeoutMs, WebSocketImpl: FakeSocket as unknown as typeof WebSocket });

  it('sends the contract envelope and resolves the call whose id the reply carries', async () => {
    const bridge = make();
    const p = bridge.ack({ position: 7 });
    await until(() => (FakeSocket.last?.sent.length ?? 0) === 1);
    const sent = JSON.parse(FakeSocket.last!.sent[0]!) as { id: number; command: string; payload: unknown };
    expect(sent).toMatchObject({ command: 'ack', payload: { position: 7 } });
    FakeSocket.last!.receive({ id: sent.id + 100, reply: { ok: true, value: {} } }); // not ours: ignored
    FakeSocket.last!.receive({ id: sent.id, reply: { ok: true, value: {} } });
    await expect(p).resolves.toEqual({});
  });

  it('routes replies answered out of order to their own calls, and a refusal to its call as a BridgeError', async () => {
    const bridge = make();
    const first = bridge.listSources({});
    const second = bridge.ack({ position: 3 });
    const third = bridge.testSource({ id: 'nope' });
    await until(() => (FakeSocket.last?.sent.length ?? 0) === 3);
    const [a, b, c] = FakeSocket.last!.sent.map((t) => JSON.parse(t) as { id: number; command: string });
    expect([a!.command, b!.command, c!.command]).toEqual(['listSources', 'ack', 'testSource']);
    FakeSocket.last!.receive({ id: c!.id, reply: { ok: false, error: { code: 'not-found', message: 'no source with id "nope"' } } });
    FakeSocket.last!.receive({ id: b!.id, reply: { ok: true, value: {} } });
    FakeSocket.last!.receive({ id: a!.id, reply: { ok: true, value: { sources: [], health: [] } } });
    await expect(third).rejects.toMatchObject({ code: 'not-found', message: 'no source with id "nope"' });
    await expect(second).resolves.toEqual({});
    await expect(first).resolves.toMatchObject({ sources: [], health: [] });
  });

  it('fails a call that gets no answer within the timeout', async () => {
    const bridge = make(60);
    const p = bridge.listSources({});
    await expect(p).rejects.toMatchObject({ code: 'timeout' });
    await expect(p).rejects.toBeInstanceOf(BridgeError);
  });

  it('fails calls pending when the socket drops with "disconnected"', async () => {
    const bridge = make();
    await until(() => FakeSocket.last?.readyState === 1);
    const p = bridge.listSources({});
    FakeSocket.last!.close();
    await expect(p).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('delivers valid events and drops malformed ones', async () => {
    const bridge = make();
    const got: LogPage[] = [];
    bridge.onEntries((p) => got.push(p));
    await until(() => FakeSocket.last?.readyState === 1);
    const errors = console.error;
    console.error = () => undefined;
    try {
      FakeSocket.last!.receive({ event: 'entries', payload: { entries: [] } }); // min 1: malformed
      FakeSocket.last!.receive('not json');
      FakeSocket.last!.receive({ event: 'entries', payload: mentionsPage(['x:1'], 0) });
    } finally {
      console.error = errors;
    }
    expect(got).toHaveLength(1);
    expect(got[0]!.entries[0]!.position).toBe(1);
  });

  it('hands binary page frames on still encoded, read by their header only, and drops a frame without one', async () => {
    const bridge = make();
    const parsed: LogPage[] = [];
    const encoded: EncodedLogPage[] = [];
    bridge.onEntries((p) => parsed.push(p));
    const off = bridge.onEncodedEntries!((p) => encoded.push(p));
    await until(() => FakeSocket.last?.readyState === 1);
    const said: string[] = [];
    const errors = console.error;
    console.error = (m: string) => said.push(m);
    try {
      FakeSocket.last!.receiveBinary(new TextEncoder().encode('{"entries":[]}'));
      // The page after the header is not looked at here: the delivery worker checks it.
      FakeSocket.last!.receiveBinary(new TextEncoder().encode('{"count":2,"first":7,"last":8}\nnot yet parsed'));
      const page = mentionsPage(['x:1', 'x:2', 'x:3'], 0);
      FakeSocket.last!.receiveBinary(encodeEntriesFrame(page));
      off();
      FakeSocket.last!.receiveBinary(encodeEntriesFrame(page));
      expect(encoded.map((p) => [p.count, p.first, p.last])).toEqual([
        [2, 7, 8],
        [3, 1, 3],
      ]);
      expect(decodeEntriesFrame(encoded[1]!)).toEqual(page.entries);
    } finally {
      console.error = errors;
    }
    expect(parsed).toEqual([]);
    expect(said).toEqual(['earshot: dropped a binary frame: a page frame without its header line']);
  });
});
