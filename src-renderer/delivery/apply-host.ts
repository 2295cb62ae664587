/**
 * The delivery worker's work (apply.worker.ts), as plain code that tests drive directly: pages are
 * validated ahead of their write (db/apply.ts parsePage, search words included), a slice at a time,
 * kept by seq, and written by seq in one transaction per batch (applyParsed), on the worker's own
 * connection to the database.
 */
import type { DeliveredPage } from '../../src-main/shared/contract';
import { EarshotDb } from '../db/schema';
import { applyParsed, type ApplyResult, type ParsedEntry } from '../db/apply';
import { validateAhead, type Later } from './validate-ahead';
import { ensurePoliciesLoaded } from '../db/policies';
import type { WithoutId } from '../lib/worker-client';

export type ApplyWorkerRequest =
  | { id: number; kind: 'open'; dbName: string }
  | { id: number; kind: 'page'; dbName: string; seq: number; page: DeliveredPage }
  | { id: number; kind: 'apply'; dbName: string; seqs: number[]; logId: string }
  | { id: number; kind: 'drop'; dbName: string; seqs: number[] };

export interface ApplyHost {
  /** `page` and `drop` answer null at once, `open` once the database is open; `apply` once the batch committed (or failed). */
  handle(req: WithoutId<ApplyWorkerRequest>): Promise<ApplyResult | null>;
}

export function createApplyHost(open: (name: string) => EarshotDb = (name) => new EarshotDb(name), later: Later = (fn) => setTimeout(fn, 0)): ApplyHost {
  const dbs = new Map<string, EarshotDb>();
  const dbNamed = (name: string): EarshotDb => {
    let db = dbs.get(name);
    if (!db) dbs.set(name, (db = open(name)));
    return db;
  };
  const ahead = validateAhead<number>(later);
  return {
    // Async, so that what a batch's pages throw (a page that does not decode) is its rejection.
    // The body runs synchronously up to its first await: a page is added as its message arrives.
    async handle(req) {
      if (req.kind === 'open') {
        const db = dbNamed(req.dbName);
        await db.open();
        await ensurePoliciesLoaded(db);
        return null;
      }
      if (req.kind === 'page') {
        ahead.add(req.seq, req.page);
        return null;
      }
      if (req.kind === 'drop') {
        for (const s of req.seqs) ahead.drop(s);
        return null;
      }
      const entries: ParsedEntry[] = [];
      for (const s of req.seqs) {
        // What is not validated yet is validated now, before the transaction starts; a page that
        // does not decode fails the batch.
        const parsed = ahead.take(s);
        // Posted in order on one channel, a page always comes before the batch that writes it.
        if (!parsed) throw new Error(`page ${s} of the batch never reached the delivery worker`);
        entries.push(...parsed);
      }
      // The SLA policies are read inside the batch's transaction: a version saved by the window a
      // moment ago is committed before it and gives the mentions after it their due times.
      return applyParsed(dbNamed(req.dbName), entries, req.logId, { policiesInTransaction: true });
    },
  };
}
