/**
 * Sends this seat's pending actions (db/pending.ts) to main's log, oldest first, after every hello
 * and whenever an action adds some. An entry stays pending until the log delivers it back (then
 * db/apply.ts removes it), so a send lost with a connection is simply sent again on the next hello:
 * appending an id twice stores it once. An entry main refuses is dropped and its change undone here.
 */
import type { Bridge } from '../../src-main/shared/contract';
import type { EarshotDb } from '../db/schema';
import { dropPending, onPendingAdded } from '../db/pending';

const BATCH = 200;

export interface PendingSender {
  /** A new connection said hello: send everything still pending (again). */
  connected(): void;
  stop(): void;
}

export function startPendingSender(bridge: Bridge, db: EarshotDb, report: { refused(message: string): void; failed(message: string): void }): PendingSender {
  let live = false;
  let running: Promise<void> | undefined;
  let again = false;
  // Ids sent on this connection; a new hello clears it (the log may not have them yet).
  let sent = new Set<string>();

  const sendAll = async (): Promise<void> => {
    do {
      again = false;
      const rows = (await db.pending.orderBy('seq').toArray()).filter((r) => !sent.has(r.id));
      for (let i = 0; i < rows.length && live; i += BATCH) {
        const part = rows.slice(i, i + BATCH);
        const { results } = await bridge.append({ entries: part.map((r) => r.entry) });
        for (const r of part) sent.add(r.id);
        const refused = results.filter((r) => r.outcome === 'rejected');
        if (refused.length) {
          await dropPending(db, refused.map((r) => r.id));
          report.refused(`${refused.length === 1 ? 'An action was' : `${refused.length} actions were`} refused by Earshot's core and undone here: ${refused[0]!.error ?? 'invalid'}`);
        }
      }
    } while (again && live);
  };

  const kick = (): void => {
    if (!live) return;
    if (running) {
      again = true;
      return;
    }
    running = sendAll()
      .catch((e: unknown) => report.failed(`Actions could not be sent to the log yet (${(e as Error).message}); they are kept and sent again on reconnect.`))
      .finally(() => {
        running = undefined;
      });
  };

  const off = onPendingAdded(kick);
  return {
    connected() {
      live = true;
      sent = new Set();
      kick();
    },
    stop() {
      live = false;
      off();
    },
  };
}
