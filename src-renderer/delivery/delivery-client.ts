/**
 * The renderer's half of delivery (DESIGN.md "The log is the system of record"): on every
 * (re)connect say hello with the position this profile has applied; apply each page in one
 * transaction (db/apply.ts), and only then ack it. Pages are applied strictly one after another;
 * a page that fails to apply is not acked, and the next hello replays it.
 */
import type { Bridge, LogPage } from '../../src-main/shared/contract';
import type { EarshotDb } from '../db/schema';
import { applyPage, readPosition } from '../db/apply';
import { useDelivery } from '../state/delivery-store';
import { useUi } from '../state/ui-store';
import { startPendingSender } from './pending-sender';
import { describeLostTake } from '../db/lost-take';

export function startDelivery(bridge: Bridge, db: EarshotDb): () => void {
  const store = useDelivery.getState();
  // Resolves with the log's id once main has answered this connection's hello.
  let ready: Promise<string> = new Promise(() => undefined);
  let chain: Promise<unknown> = Promise.resolve();
  let generation = 0;
  const sender = startPendingSender(bridge, db, {
    refused: (message) => useUi.getState().showToast(message, { tone: 'error' }),
    failed: (message) => useDelivery.getState().set({ error: message }),
  });

  const offConn = bridge.onConnection((state) => {
    store.set({ connection: state });
    if (state !== 'open') return;
    const gen = ++generation;
    ready = (async () => {
      await chain; // let writes from the previous connection settle first
      const pos = await readPosition(db);
      const res = await bridge.hello({ position: pos?.position ?? 0, logId: pos?.logId });
      if (gen === generation) store.set({ head: res.head, position: res.from, startedFrom: res.from, error: undefined, team: res.teamStatus, agentId: res.agentId });
      sender.connected();
      return res.logId;
    })();
    ready.catch((e: unknown) => store.set({ error: `Could not reach Earshot's core: ${(e as Error).message}` }));
  });

  const offEntries = bridge.onEntries((page: LogPage) => {
    const gen = generation;
    const mine = ready;
    chain = chain.then(async () => {
      const logId = await mine;
      if (gen !== generation) return; // this connection is gone; the next hello replays the page
      const last = page.entries[page.entries.length - 1]!.position;
      try {
        const r = await applyPage(db, page.entries, logId);
        for (const p of r.problems) console.error(`earshot: skipped a log entry: ${p}`);
        for (const lost of r.lostTakes) useUi.getState().showToast(await describeLostTake(db, lost), { tone: 'error' });
        await bridge.ack({ position: last });
        const s = useDelivery.getState();
        s.set({ position: r.position, head: Math.max(s.head, last), received: s.received + r.added });
      } catch (e) {
        useDelivery.getState().set({ error: `Entries up to position ${last} could not be saved yet (${(e as Error).message}); they will be delivered again.` });
      }
    });
  });

  const offTeam = bridge.onTeamStatus((team) => useDelivery.getState().set({ team }));

  return () => {
    sender.stop();
    offTeam();
    offConn();
    offEntries();
  };
}
