/**
 * Native IndexedDB requests inside a Dexie transaction, for reads of many keys at once: Dexie's own
 * per-value query (a collection, a promise and a zone switch each) cost more than the database's
 * work at 2,000 values a batch. The requests settle as ONE Dexie promise from their own callbacks,
 * so the caller keeps its transaction (no native async step in between). Reads only: Earshot's
 * DBCore middleware (derived.ts) acts on writes, which always go through Dexie.
 */
import Dexie, { type Transaction } from 'dexie';

/** The few native shapes used (these files are also compiled without the DOM library). */
export interface NativeRequest {
  result: unknown;
  error: unknown;
  onsuccess: ((e: { target: unknown }) => void) | null;
  onerror: ((e: { target: unknown }) => void) | null;
}
export interface NativeSource {
  getAllKeys(query: unknown, count?: number): NativeRequest;
}
export interface NativeStore extends NativeSource {
  get(key: unknown): NativeRequest;
  index(name: string): NativeSource;
}
export interface NativeTransaction {
  objectStore(name: string): NativeStore;
}

/** The native transaction of the Dexie transaction in progress, when it covers `table`. */
export function nativeTransaction(table: { name: string }): NativeTransaction | undefined {
  const trans: Transaction | null = Dexie.currentTransaction;
  const idb = (trans as unknown as { idbtrans?: NativeTransaction | null } | null)?.idbtrans;
  return idb && trans.storeNames.includes(table.name) ? idb : undefined;
}

/** Issues the requests at once and settles with their results, in the order asked, as one Dexie promise. */
export function settleAll<R>(issue: Array<() => NativeRequest>, what: string): Promise<R[]> {
  if (!issue.length) return Dexie.Promise.resolve([]);
  return new Dexie.Promise<R[]>((resolve, reject) => {
    const out: R[] = new Array<R>(issue.length);
    let left = issue.length;
    issue.forEach((make, i) => {
      const req = make();
      req.onsuccess = (e) => {
        out[i] = (e.target as NativeRequest).result as R;
        if (--left === 0) resolve(out);
      };
      req.onerror = (e) => reject((e.target as NativeRequest).error ?? new Error(`reading ${what} failed`));
    });
  });
}
