/**
 * Keeps the queued re-tag (db/retag-queue.ts) going in this window. Apart from the queue itself so
 * that the log's apply, which the main-process tests compile, does not pull in the inbox's live
 * reads (and React's types with them).
 */
import type { EarshotDb } from './schema';
import { runQueuedRetag } from './retag-queue';
import { onTableChange } from './throttled-live-query';

/**
 * Runs a queued re-tag at start (one a closed window left) and whenever `meta` changes (the apply
 * queued one), one run at a time. A failed chunk is told on the console and tried again at the next
 * change of `meta` or the next start: its bookmark did not move.
 */
export function startQueuedRetag(db: EarshotDb): { stop(): void } {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const kick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runQueuedRetag(db)
      .catch((e: unknown) => console.error(`earshot: re-tagging past mentions with the new topic rules stopped: ${(e as Error).message}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  const off = onTableChange('meta', kick);
  kick();
  return {
    stop: () => {
      stopped = true;
      off();
    },
  };
}
