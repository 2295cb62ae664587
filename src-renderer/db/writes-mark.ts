/**
 * A mark of every write the report's facts could have to take in: a DBCore middleware puts a new
 * value under the `writes` meta key in the same transaction as each write to `events` or `mentions`
 * (and to the meta keys the facts follow: the old-writes marker, the topic journal), whoever
 * writes, in whichever context (page, delivery worker, report worker). A report over facts held in
 * memory reads this one key first: when it is the one read with the facts' last window, nothing the
 * window read could find has been written since, and the window (keys of two days of events, 0.1-0.3
 * s at 200,000 mentions) is not read again (reports/facts-store.ts).
 *
 * Writes made without EarshotDb (raw IndexedDB: benchmarks, other programs) do not move the mark, and
 * are not in the window journal (window-journal.ts) either: the report's idle count check finds them
 * (reports/facts-check.ts), and the next report builds.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { storeInTransaction } from './dbcore-store';
import type { EarshotDb } from './schema';
import { getMeta, metaKey, record } from './meta';

const WRITES = metaKey<{ mark: string }>('writes', (raw) => {
  const v = record(raw);
  return v && typeof v.mark === 'string' ? { mark: v.mark } : undefined;
});

/** Tables whose every write moves the mark. */
const WATCHED = new Set(['events', 'mentions']);
const META = 'meta';
/** Meta keys the facts read beside the window: the old-writes marker and the topic journal's chunks. */
const followedMetaKey = (key: unknown): boolean => key === 'oldWrites' || (typeof key === 'string' && key.startsWith('topicsChanged:'));

/** This context's marks: a random prefix (two contexts never give the same mark) and a counter. */
const CONTEXT = Math.random().toString(36).slice(2, 10);
let counter = 0;
const nextMark = (): string => `${CONTEXT}:${Date.now().toString(36)}:${++counter}`;

function movesMark(name: string, req: DBCoreMutateRequest): boolean {
  if (WATCHED.has(name)) return true;
  if (name !== META) return false;
  if (req.type === 'add' || req.type === 'put') return req.values.some((v) => followedMetaKey(record(v)?.key));
  if (req.type === 'delete') return req.keys.some(followedMetaKey);
  return true; // a range deleted from meta: it may hold journal chunks
}

export const writesMarkMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'earshot-writes-mark',
  create(down) {
    return {
      ...down,
      // Every read-write transaction over a watched table also covers `meta`, so the mark moves
      // atomically with the write (a reader sees both or neither).
      transaction(stores, mode, options) {
        const withMeta = mode === 'readwrite' && stores.some((s) => WATCHED.has(s)) && !stores.includes(META) ? [...stores, META] : stores;
        return down.transaction(withMeta, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!WATCHED.has(name) && name !== META) return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            // No meta in an upgrade from a version before it: nothing reads the mark before the open.
            const meta = movesMark(name, req) ? storeInTransaction(down, req.trans, META) : undefined;
            if (!meta) return table.mutate(req);
            const [res] = await Promise.all([table.mutate(req), meta.mutate({ type: 'put', trans: req.trans, values: [{ key: WRITES.name, value: { mark: nextMark() } }] })]);
            return res;
          },
        };
      },
    };
  },
};

/** The mark now ('' : nothing written through EarshotDb yet). Inside a transaction, as of it. */
export async function writesMark(db: EarshotDb): Promise<string> {
  return (await getMeta(db, WRITES))?.mark ?? '';
}
