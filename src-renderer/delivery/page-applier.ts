/**
 * Where delivery's pages are validated and written (delivery-client.ts decides when, and acks):
 * in a Web Worker when one can start (the app, in a browser or Electron), else on this thread
 * (tests, a webview that refuses workers). Both run the same code (db/apply.ts parsePage and
 * applyParsed) on the same database, so the rows, their order and the errors are the same; the
 * worker only takes the work off the thread that draws the inbox.
 *
 * Measured (delivery bench, issue 11): on the main thread a 20,000 backlog kept the page busy for
 * about 11 of 12 s: the puts, IndexedDB's request events, search words, validation and their GC.
 */
import type { DeliveredPage } from '../../src-main/shared/contract';
import { entriesOfPage } from '../../src-main/shared/entries-frame';
import type { EarshotDb } from '../db/schema';
import { applyParsed, parsePage, type ApplyResult } from '../db/apply';
import { validateAhead } from './validate-ahead';
import { createWorkerClient } from '../lib/worker-client';
import type { ApplyWorkerRequest } from './apply-host';

/** A page as delivery queued it (parsed, or still encoded from browser mode's socket); `seq` names it to the worker. */
export interface QueuedPage {
  seq: number;
  page: DeliveredPage;
}

export interface PageApplier {
  /** The window's connection to the database is open (upgraded): get ready to write, ahead of the first page. */
  prepare(): void;
  /** A page queued for writing: it may be validated now, ahead of its write. */
  received(q: QueuedPage): void;
  /**
   * Writes these pages (consecutive, in log order) in ONE transaction; resolves once it committed.
   * Batches are written in the order this is called.
   */
  apply(pages: readonly QueuedPage[], logId: string): Promise<ApplyResult>;
  /** Pages that will not be written (their connection ended; the next hello sends them again). */
  dropped(pages: readonly QueuedPage[]): void;
  stop(): void;
}

/**
 * Pages applied on this thread, each validated ahead of its write while the previous write runs
 * (validate-ahead.ts): eight pages arrive at once, and validating them all in a row held back the
 * first write's callbacks and the inbox's first rows by as long (about 1 s at load 6). A page the
 * worker had taken before it died is validated when its batch is written.
 */
export function inThreadApplier(db: EarshotDb): PageApplier {
  const ahead = validateAhead<QueuedPage>();
  return {
    prepare() {},
    received(q) {
      ahead.add(q, q.page);
    },
    async apply(pages, logId) {
      const entries = pages.flatMap((q) => ahead.take(q) ?? parsePage(entriesOfPage(q.page)));
      return applyParsed(db, entries, logId);
    },
    dropped(pages) {
      for (const q of pages) ahead.drop(q);
    },
    stop() {
      ahead.stop();
    },
  };
}

/**
 * Pages applied in the delivery worker (apply.worker.ts): each page is posted to it as it arrives and
 * validated there ahead of its write; a batch is written there by its seqs. The main thread keeps only the
 * socket (or IPC), the acks and the inbox. Other pages of this window learn of the writes as of any
 * other context's (Dexie's storagemutated, over a BroadcastChannel). A worker that cannot start or
 * dies falls back to this thread for good; a batch it was writing is written again here (applying is
 * idempotent: what committed is skipped by position).
 */
export function workerApplier(db: EarshotDb, start: () => Worker): PageApplier {
  const here = inThreadApplier(db);
  const client = createWorkerClient<ApplyWorkerRequest>(start, 'delivery');
  // Its script loads and compiles (0.1-0.3 s) while the window opens the database and the socket
  // connects; the worker opens nothing until `prepare` says so.
  client.warm();
  return {
    prepare() {
      // The worker opens the database while the socket connects and says hello, not when the first
      // page is already waiting. Only now: the window's open has run any upgrade (and shown its
      // progress), so the worker's never does.
      client.call({ kind: 'open', dbName: db.name }, () => Promise.resolve(null)).catch(() => undefined);
    },
    received(q) {
      // Only a worker that cannot take it falls back; the page is then validated here instead.
      client
        .call({ kind: 'page', dbName: db.name, seq: q.seq, page: q.page }, () => {
          here.received(q);
          return Promise.resolve(null);
        })
        .catch(() => undefined);
    },
    apply(pages, logId) {
      return client.call<ApplyResult>({ kind: 'apply', dbName: db.name, seqs: pages.map((q) => q.seq), logId }, () => here.apply(pages, logId));
    },
    dropped(pages) {
      here.dropped(pages);
      client.call({ kind: 'drop', dbName: db.name, seqs: pages.map((q) => q.seq) }, () => Promise.resolve(null)).catch(() => undefined);
    },
    stop() {
      here.stop();
    },
  };
}

/** The applier the app uses: the worker where workers exist. */
export function defaultApplier(db: EarshotDb): PageApplier {
  if (typeof Worker === 'undefined') return inThreadApplier(db);
  return workerApplier(db, () => new Worker(new URL('./apply.worker.ts', import.meta.url), { type: 'module', name: 'earshot-delivery' }));
}
