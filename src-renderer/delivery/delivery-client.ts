/**
 * The renderer's half of delivery (DESIGN.md "The log is the system of record"): on every
 * (re)connect say hello with the position this profile has applied; apply each page in one
 * transaction (db/apply.ts), and only then ack it. Pages are applied strictly one after another;
 * a page that fails to apply is not acked, and the next hello replays it. When hello answers with
 * another log than the one this profile applied (a solo seat that joined its team, at start or while
 * running; desktop and browser mode alike), the profile forgets what it applied (db/log-switch.ts)
 * and rebuilds from position 0, shown as on an empty profile.
 */
import type { Bridge, LogPage } from '../../src-main/shared/contract';
import type { EarshotDb } from '../db/schema';
import { applyParsed, parsePage, readPosition, type ParsedEntry } from '../db/apply';
import { useDelivery } from '../state/delivery-store';
import { useUi } from '../state/ui-store';
import { startPendingSender } from './pending-sender';
import { describeLostTake } from '../db/lost-take';
import { forgetAppliedLog, servesAnotherLog } from '../db/log-switch';

/** One connection to main: pages it delivered are applied only while it is the current one. */
interface Connection {
  ready: Promise<string>;
}

/** At most this many entries go into one IndexedDB transaction. */
const MAX_BATCH = 2000;

export function startDelivery(bridge: Bridge, db: EarshotDb): () => void {
  const store = useDelivery.getState();
  // The current connection; its `ready` resolves with the log's id once main has answered its hello.
  let conn: Connection = { ready: new Promise(() => undefined) };
  const sender = startPendingSender(bridge, db, {
    refused: (message) => useUi.getState().showToast(message, { tone: 'error' }),
    failed: (message) => useDelivery.getState().set({ error: message }),
  });

  // Pages waiting to be applied. Those that queued up while the previous write ran are applied
  // together in one transaction and acked once (acks are cumulative): a rebuild of 100,000 entries
  // pays for a few hundred transactions instead of one per page.
  // Each page is validated as it arrives (db/apply.ts parsePage), while the previous write runs.
  const queue: Array<{ page: LogPage; parsed: ParsedEntry[]; conn: Connection }> = [];
  let draining: Promise<void> | undefined;
  const drain = (): Promise<void> => (draining ??= drainQueue());
  const drainQueue = async (): Promise<void> => {
    try {
      while (queue.length) {
        const first = queue.shift()!;
        const batch = [first];
        let size = first.page.entries.length;
        while (queue.length && queue[0]!.conn === first.conn && size + queue[0]!.page.entries.length <= MAX_BATCH) {
          size += queue[0]!.page.entries.length;
          batch.push(queue.shift()!);
        }
        const logId = await first.conn.ready.catch(() => undefined);
        // The connection is gone or its hello failed: the next hello replays these pages.
        if (logId === undefined || first.conn !== conn) continue;
        await applyAndAck(batch.flatMap((b) => b.parsed), logId);
      }
    } finally {
      draining = undefined;
    }
  };
  const applyAndAck = async (entries: readonly ParsedEntry[], logId: string): Promise<void> => {
    const last = entries[entries.length - 1]!.position;
    try {
      const r = await applyParsed(db, entries, logId);
      for (const p of r.problems) console.error(`earshot: skipped a log entry: ${p}`);
      for (const lost of r.lostTakes) useUi.getState().showToast(await describeLostTake(db, lost), { tone: 'error' });
      await bridge.ack({ position: last });
      const s = useDelivery.getState();
      s.set({ position: r.position, head: Math.max(s.head, last), received: s.received + r.added });
    } catch (e) {
      useDelivery.getState().set({ error: `Entries up to position ${last} could not be saved yet (${(e as Error).message}); they will be delivered again.` });
    }
  };

  const offConn = bridge.onConnection((state) => {
    store.set({ connection: state });
    if (state !== 'open') return;
    // `ready` is set right below, before any page of this connection can queue.
    const self: Connection = (conn = { ready: Promise.resolve('') });
    self.ready = (async () => {
      await draining; // let writes from the previous connection settle first
      const pos = await readPosition(db);
      const res = await bridge.hello({ position: pos?.position ?? 0, logId: pos?.logId });
      // Served another log than the one applied (a solo seat that joined its team): rebuild from what
      // it alone gives, before any of its pages is applied (they wait for `ready`).
      if (servesAnotherLog(pos, res)) await forgetAppliedLog(db);
      if (self === conn) store.set({ head: res.head, position: res.from, startedFrom: res.from, error: undefined, team: res.teamStatus, agentId: res.agentId });
      sender.connected();
      return res.logId;
    })();
    self.ready.catch((e: unknown) => store.set({ error: `Could not reach Earshot's core: ${(e as Error).message}` }));
  });

  const offEntries = bridge.onEntries((page: LogPage) => {
    if (!page.entries.length) return;
    queue.push({ page, parsed: parsePage(page.entries), conn });
    void drain();
  });

  const offTeam = bridge.onTeamStatus((team) => useDelivery.getState().set({ team }));

  return () => {
    sender.stop();
    offTeam();
    offConn();
    offEntries();
  };
}
