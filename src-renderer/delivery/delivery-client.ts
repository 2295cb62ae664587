/**
 * The renderer's half of delivery (DESIGN.md "Delivery"): on every (re)connect say hello with the
 * last committed sequence; write each batch in one transaction, then ack it. Batches are handled
 * strictly one after another, and a batch that fails to write is not acked (main replays it).
 */
import type { Bridge, MentionBatch } from '../../src-main/shared/contract';
import type { EarshotDb } from '../db/schema';
import { ingestBatch, readDeliveryPosition } from '../db/ingest';
import { useDelivery } from '../state/delivery-store';

export function startDelivery(bridge: Bridge, db: EarshotDb): () => void {
  const store = useDelivery.getState();
  // Resolves with the journal id once main has answered this connection's hello.
  let ready: Promise<string> = new Promise(() => undefined);
  let chain: Promise<unknown> = Promise.resolve();
  let generation = 0;

  const offConn = bridge.onConnection((state) => {
    store.set({ connection: state });
    if (state !== 'open') return;
    const gen = ++generation;
    ready = (async () => {
      await chain; // let writes from the previous connection settle first
      const pos = await readDeliveryPosition(db);
      const res = await bridge.hello({ lastAckedSeq: pos?.lastAckedSeq ?? 0, journalId: pos?.journalId });
      const acked = pos?.journalId === res.journalId ? pos.lastAckedSeq : 0;
      if (gen === generation) store.set({ lastSeq: res.lastSeq, ackedSeq: acked, error: undefined });
      return res.journalId;
    })();
    ready.catch((e: unknown) => store.set({ error: `Could not reach Earshot's core: ${(e as Error).message}` }));
  });

  const offMentions = bridge.onMentions((batch: MentionBatch) => {
    const gen = generation;
    const mine = ready;
    chain = chain.then(async () => {
      const journalId = await mine;
      if (gen !== generation) return; // this connection is gone; the next hello replays the batch
      try {
        const { added } = await ingestBatch(db, batch, journalId);
        await bridge.ack({ seq: batch.seq });
        const s = useDelivery.getState();
        s.set({ ackedSeq: batch.seq, lastSeq: Math.max(s.lastSeq, batch.seq), received: s.received + added });
      } catch (e) {
        useDelivery.getState().set({ error: `A batch of ${batch.mentions.length} mention(s) could not be saved yet (${(e as Error).message}); it will be delivered again.` });
      }
    });
  });

  return () => {
    offConn();
    offMentions();
  };
}
