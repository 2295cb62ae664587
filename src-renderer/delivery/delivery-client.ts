/**
 * The renderer's half of delivery (DESIGN.md "The log is the system of record"): on every
 * (re)connect say hello with the position this profile has applied; apply each page in one
 * transaction (db/apply.ts), and only then ack it. Pages are applied strictly in log order (a
 * batch may start while the one before it commits: IndexedDB runs their transactions in that order);
 * a page that fails to apply is not acked, and the next hello replays it. When hello answers with
 * another log than the one this profile applied (a solo seat that joined its team, at start or while
 * running; desktop and browser mode alike), the profile forgets what it applied (db/log-switch.ts)
 * and rebuilds from position 0, shown as on an empty profile.
 */
import { pageCount, pageLast, type Bridge, type DeliveredPage } from '../../src-main/shared/contract';
import type { EarshotDb } from '../db/schema';
import { readPosition } from '../db/apply';
import { defaultApplier, type PageApplier, type QueuedPage } from './page-applier';
import { useDelivery } from '../state/delivery-store';
import { useUi } from '../state/ui-store';
import { startPendingSender } from './pending-sender';
import { describeLostTake } from '../db/lost-take';
import { forgetAppliedLog, servesAnotherLog } from '../db/log-switch';
import { markCaughtUp } from '../state/caught-up';

/** One connection to main: pages it delivered are applied only while it is the current one. */
interface Connection {
  ready: Promise<string>;
  /** Batches of this connection applied: from the third on, one may start while the one before commits. */
  applied: number;
  /** The log's head as hello answered: once applied, the start-up catch-up is done (state/caught-up.ts). */
  head?: number;
}

/**
 * A connection's first batches go in one at a time: the inbox's first reads (the queue, then its
 * rows) are woken by the first commit and wait only for the write created before them. Started
 * behind one another from the first batch on, the first rows of a 20,000 backlog waited for two
 * more batches (5.7 s after opening the page instead of 2.6-3.5 s; delivery bench).
 */
const ALONE = 2;

/** At most this many entries go into one IndexedDB transaction. */
const MAX_BATCH = 2000;

export interface DeliveryOptions {
  /** For tests: entries per transaction (MAX_BATCH). */
  maxBatch?: number;
  /** Where pages are validated and written (page-applier.ts); the delivery worker where one can start. */
  applier?: PageApplier;
}

export function startDelivery(bridge: Bridge, db: EarshotDb, opts: DeliveryOptions = {}): () => void {
  const maxBatch = opts.maxBatch ?? MAX_BATCH;
  const applier = opts.applier ?? defaultApplier(db);
  // Open the database now, while the connection is still being made: the first hello needs the
  // applied position, and opening (creating a fresh profile's stores) took 0.3-0.4 s that the hello
  // otherwise waited for after the socket had opened. A failure to open surfaces at that read.
  // Once open, the applier gets ready too (the delivery worker loads and opens its connection).
  db.open().then(
    () => applier.prepare(),
    () => undefined,
  );
  const store = useDelivery.getState();
  // The current connection; its `ready` resolves with the log's id once main has answered its hello.
  let conn: Connection = { ready: new Promise(() => undefined), applied: 0 };
  const sender = startPendingSender(bridge, db, {
    refused: (message) => useUi.getState().showToast(message, { tone: 'error' }),
    failed: (message) => useDelivery.getState().set({ error: message }),
  });

  // Pages waiting to be applied. Those that queued up while the previous write ran are applied
  // together in one transaction and acked once (acks are cumulative): a rebuild of 100,000 entries
  // pays for a few hundred transactions instead of one per page. The applier validates each page
  // ahead of its write, as it arrives (page-applier.ts).
  const queue: Array<QueuedPage & { conn: Connection }> = [];
  let seq = 0;
  const queued = (c: Connection): number => {
    let n = 0;
    for (const q of queue) if (q.conn === c) n += pageCount(q.page);
    return n;
  };
  let draining: Promise<void> | undefined;
  const drain = (): Promise<void> => (draining ??= drainQueue());
  /** Set while the drain waits for its oldest batch: a page that arrives ends the wait too. */
  let pageArrived: (() => void) | undefined;
  /**
   * Waits until the oldest batch in flight settled (it is then taken off `flying`) or a page arrived.
   * Waiting for the batch alone, the pages of the next one that arrived meanwhile (main sends them
   * on the ack before) waited for its commit: each batch then queued behind the inbox's reads that
   * commit woke, 0.2-1 s per batch, 1.6-2.1 s over a 20,000 backlog (tmp timeline of issue 11).
   */
  const batchOrPage = async (flying: Array<Promise<boolean>>): Promise<void> => {
    const oldest = flying[0]!;
    const arrived = new Promise<false>((resolve) => (pageArrived = () => resolve(false)));
    const settled = await Promise.race([oldest.then(() => true), arrived]);
    pageArrived = undefined;
    if (settled && flying[0] === oldest) flying.shift();
  };
  // Two batches at most are in flight: a full batch starts while the one before it commits. Its
  // transaction is then queued in IndexedDB ahead of the inbox's reads that the commit wakes, so the
  // database goes from one batch to the next without waiting for those reads to finish, nor for the
  // page to ask (a 20,000-mention backlog spent 4-5 s of its 20 s, at load 6, with each write waiting
  // for the reads queued before it; tmp timeline of issue 11). The reads still get their turn
  // between writes, one batch later. A connection's first batches go alone (ALONE).
  const drainQueue = async (): Promise<void> => {
    const flying: Array<Promise<boolean>> = [];
    try {
      for (;;) {
        if (!queue.length) {
          if (!flying.length) return;
          await batchOrPage(flying);
          continue;
        }
        const c = queue[0]!.conn;
        if (flying.length && (c.applied < ALONE || flying.length > 1)) {
          await flying.shift();
          continue;
        }
        if (flying.length && queued(c) < maxBatch) {
          await batchOrPage(flying);
          continue;
        }
        const batch = [queue.shift()!];
        let size = pageCount(batch[0]!.page);
        while (queue.length && queue[0]!.conn === c && size + pageCount(queue[0]!.page) <= maxBatch) {
          size += pageCount(queue[0]!.page);
          batch.push(queue.shift()!);
        }
        const logId = await c.ready.catch(() => undefined);
        // The connection is gone or its hello failed: the next hello replays these pages.
        if (logId === undefined || c !== conn) {
          applier.dropped(batch);
          continue;
        }
        flying.push(applyAndAck(batch, logId, c, flying[flying.length - 1]));
      }
    } finally {
      draining = undefined;
    }
  };
  /** Applies and acks one batch, after the batch before it (`previous`) is acked; true when it went in. */
  const applyAndAck = async (pages: readonly QueuedPage[], logId: string, c: Connection, previous: Promise<boolean> | undefined): Promise<boolean> => {
    const last = pageLast(pages[pages.length - 1]!.page);
    const applied = applier.apply(pages, logId);
    applied.catch(() => undefined); // awaited below, once the batch before it has been acked
    // Acks go in log order. After a batch that failed this one fails too (it finds the position the
    // failed one left, not the one it follows), and only the first failure is told.
    if (previous && !(await previous)) return false;
    try {
      const r = await applied;
      for (const p of r.problems) console.error(`earshot: skipped a log entry: ${p}`);
      for (const lost of r.lostTakes) useUi.getState().showToast(await describeLostTake(db, lost), { tone: 'error' });
      await bridge.ack({ position: last });
      c.applied++;
      const s = useDelivery.getState();
      s.set({ position: r.position, head: Math.max(s.head, last), received: s.received + r.added });
      if (c.head !== undefined && r.position >= c.head) markCaughtUp();
      return true;
    } catch (e) {
      useDelivery.getState().set({ error: `Entries up to position ${last} could not be saved yet (${(e as Error).message}); they will be delivered again.` });
      return false;
    }
  };

  const offConn = bridge.onConnection((state) => {
    store.set({ connection: state });
    if (state !== 'open') return;
    // `ready` is set right below, before any page of this connection can queue.
    const self: Connection = (conn = { ready: Promise.resolve(''), applied: 0 });
    self.ready = (async () => {
      await draining; // let writes from the previous connection settle first
      const pos = await readPosition(db);
      const res = await bridge.hello({ position: pos?.position ?? 0, logId: pos?.logId });
      // Served another log than the one applied (a solo seat that joined its team): rebuild from what
      // it alone gives, before any of its pages is applied (they wait for `ready`).
      if (servesAnotherLog(pos, res)) await forgetAppliedLog(db);
      self.head = res.head;
      if (self === conn) store.set({ head: res.head, position: res.from, startedFrom: res.from, error: undefined, team: res.teamStatus, agentId: res.agentId });
      // Nothing to replay (an empty log, or a profile already at its head): caught up at once.
      if (self === conn && res.from >= res.head) markCaughtUp();
      sender.connected();
      return res.logId;
    })();
    self.ready.catch((e: unknown) => store.set({ error: `Could not reach Earshot's core: ${(e as Error).message}` }));
  });

  const received = (page: DeliveredPage): void => {
    if (!pageCount(page)) return;
    const q = { seq: ++seq, page, conn };
    queue.push(q);
    applier.received(q);
    pageArrived?.();
    void drain();
  };
  const offEntries = bridge.onEntries(received);
  const offEncoded = bridge.onEncodedEntries?.(received);

  const offTeam = bridge.onTeamStatus((team) => useDelivery.getState().set({ team }));

  return () => {
    applier.stop();
    sender.stop();
    offTeam();
    offConn();
    offEntries();
    offEncoded?.();
  };
}
