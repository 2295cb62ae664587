/**
 * The delivery worker's work (apply.worker.ts), as plain code that tests drive directly: pages are
 * validated ahead of their write (db/apply.ts parsePage, search words included), a slice at a time,
 * kept by seq, and written by seq in one transaction per batch (applyParsed), on the worker's own
 * connection to the database.
 */
import type { LogPage } from '../../src-main/shared/contract';
import { EarshotDb } from '../db/schema';
import { applyParsed, parsePage, type ApplyResult, type ParsedEntry } from '../db/apply';
import { ensurePoliciesLoaded } from '../db/policies';
import type { WithoutId } from '../lib/worker-client';

export type ApplyWorkerRequest =
  | { id: number; kind: 'open'; dbName: string }
  | { id: number; kind: 'page'; dbName: string; seq: number; entries: LogPage['entries'] }
  | { id: number; kind: 'apply'; dbName: string; seqs: number[]; logId: string }
  | { id: number; kind: 'drop'; dbName: string; seqs: number[] };

export interface ApplyHost {
  /** `page` and `drop` answer null at once, `open` once the database is open; `apply` once the batch committed (or failed). */
  handle(req: WithoutId<ApplyWorkerRequest>): Promise<ApplyResult | null>;
}

/**
 * Entries validated per task ahead of their write. The worker's one thread also runs the batch's
 * transaction, whose every read and write answers in a task of its own: validating whole pages as
 * they arrived (four of 500 right after each commit, 50-200 ms each under load) held the next
 * batch's first reads back by 0.1-0.7 s, ten times over a 20,000 backlog (tmp timeline of issue
 * 11). In slices this small, a callback of the transaction waits for one slice at most, and the
 * validating fills the time the thread waits on the database.
 */
export const PARSE_SLICE = 50;

/** Runs `fn` in a later task (the worker passes one without the nested-timer clamp). */
export type Later = (fn: () => void) => void;

/** A page as received, validated up to `parsed.length` entries. */
interface Held {
  entries: LogPage['entries'];
  parsed: ParsedEntry[];
}

export function createApplyHost(open: (name: string) => EarshotDb = (name) => new EarshotDb(name), later: Later = (fn) => setTimeout(fn, 0)): ApplyHost {
  const dbs = new Map<string, EarshotDb>();
  const dbNamed = (name: string): EarshotDb => {
    let db = dbs.get(name);
    if (!db) dbs.set(name, (db = open(name)));
    return db;
  };
  const pages = new Map<number, Held>();
  /** Pages not validated to the end, in arrival order. */
  const behind = new Set<Held>();
  let scheduled = false;
  const parseSlice = (held: Held, upTo: number): void => {
    const from = held.parsed.length;
    if (upTo > from) held.parsed.push(...parsePage(held.entries.slice(from, upTo)));
    if (held.parsed.length >= held.entries.length) behind.delete(held);
  };
  const parseAhead = (): void => {
    scheduled = false;
    const next = behind.values().next();
    if (next.done) return;
    parseSlice(next.value, next.value.parsed.length + PARSE_SLICE);
    if (behind.size) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    later(parseAhead);
  };
  const forget = (seq: number): Held | undefined => {
    const held = pages.get(seq);
    pages.delete(seq);
    if (held) behind.delete(held);
    return held;
  };
  return {
    handle(req) {
      if (req.kind === 'open') {
        const db = dbNamed(req.dbName);
        return db.open().then(() => ensurePoliciesLoaded(db)).then(() => null);
      }
      if (req.kind === 'page') {
        const held: Held = { entries: req.entries, parsed: [] };
        pages.set(req.seq, held);
        behind.add(held);
        schedule();
        return Promise.resolve(null);
      }
      if (req.kind === 'drop') {
        for (const s of req.seqs) forget(s);
        return Promise.resolve(null);
      }
      const entries: ParsedEntry[] = [];
      for (const s of req.seqs) {
        const held = forget(s);
        // Posted in order on one channel, a page always comes before the batch that writes it.
        if (!held) return Promise.reject(new Error(`page ${s} of the batch never reached the delivery worker`));
        // What is not validated yet is validated now, before the transaction starts.
        parseSlice(held, held.entries.length);
        entries.push(...held.parsed);
      }
      // The SLA policies are read inside the batch's transaction: a version saved by the window a
      // moment ago is committed before it and gives the mentions after it their due times.
      return applyParsed(dbNamed(req.dbName), entries, req.logId, { policiesInTransaction: true });
    },
  };
}
