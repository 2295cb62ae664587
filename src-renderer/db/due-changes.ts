/**
 * What each write to `mentions` did, told after it commits: the mentions it wrote, and for each
 * whether it waits for us (new or assigned) and when it is due, and for those left unread the
 * fields the inbox filters look at; the mentions it deleted; or "anything" (a range deleted, a
 * clear). The due times and the count of mentions held in memory (db/awaiting-due.ts) and the unread
 * counts (db/unread-counter.ts) follow these and never read the store again after their first read:
 * reading the [status+dueAt] range or the `unread` index on disk is 1.5-4 s at 100,000 mentions (a
 * native count or key read as much as a cursor walk: Chromium checks each index entry against its
 * record), and every write asked for meanwhile waits for it.
 *
 * A DBCore middleware, so every writer through EarshotDb tells, in whichever context (page, delivery
 * worker). Each read-write transaction over `mentions` also moves a counter in `meta` (writes-mark.ts
 * puts `meta` in its scope), so the changes carry their commit order: read-write transactions over
 * a store run one at a time, and two contexts' messages can arrive in either order. A reader keeps,
 * per mention, the change with the highest number.
 *
 * Told to this context's listeners at the commit, and to other contexts over a BroadcastChannel.
 * Writes made without EarshotDb (raw IndexedDB) are not told.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { storeInTransaction } from './dbcore-store';
import { metaKey } from './meta';
import { AWAITING } from '../../src-main/shared/workflow';
import type { FilterFields } from './inbox-filter';
import { isUnread } from './derived';
import type { MentionRecord } from './schema';

/**
 * A committed write: `due` names each mention written, with its due time, or null when it does not
 * wait for us; `unread`, the filter fields of those written unread (the unread counts need no read
 * of the records, db/unread-counter.ts); `gone`, the mentions deleted.
 */
export type DueChange = ({ db: string; seq: number; all: true } | { db: string; seq: number; due: [string, number | null][]; unread: FilterFields[]; gone: string[]; history?: true }) & {
  /**
   * When the writer heard of the commit (performance.timeOrigin + now: one clock for the page and
   * its workers). A read that ended before it may have read what the write replaced; one that ended
   * after it began after the commit (IndexedDB runs a write after the reads begun before it).
   */
  committedAt?: number;
};

export const DUE_SEQ = metaKey<number>('dueSeq', (raw) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined));

const MENTIONS = 'mentions';
const META = 'meta';
const CHANNEL = 'earshot-due-changes';

type Listener = (c: DueChange) => void;
const listeners = new Set<Listener>();
/** What this needs of a BroadcastChannel (the page's, a worker's, or Node's in tests). */
interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: DueChange }) => void) | null;
  unref?: () => void;
}
let channel: Channel | undefined | null;

/** One channel per context, for sending and hearing (a channel does not hear its own messages). */
function theChannel(): Channel | undefined {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? (new BroadcastChannel(CHANNEL) as unknown as Channel) : null;
    if (channel) {
      channel.onmessage = (e) => tell(e.data);
      // Node (tests): a channel must not keep the process alive.
      channel.unref?.();
    }
  }
  return channel ?? undefined;
}

function tell(c: DueChange): void {
  for (const l of listeners) l(c);
}

/**
 * How long a change from another context may arrive after a later one (BroadcastChannel messages
 * take milliseconds), in the numbers' µs: older numbers need not be kept.
 */
const ORDER_WINDOW = 60_000_000;

/**
 * Per mention, the number of the newest change taken. Two contexts' changes can arrive in either
 * order: an older one must not undo a newer one. Used by every reader of these changes.
 */
export class NewestChange {
  private readonly seqOf = new Map<string, number>();
  private newest = -Infinity;
  private forgotAt = -Infinity;

  /** Whether change `seq` is newer than any taken for `id`; if so, it is noted as the newest. */
  take(id: string, seq: number): boolean {
    if (seq <= (this.seqOf.get(id) ?? -Infinity)) return false;
    this.seqOf.set(id, seq);
    this.newest = Math.max(this.newest, seq);
    return true;
  }

  /**
   * Forgets the changes older than any that can still arrive late (ORDER_WINDOW before the newest);
   * at most once per tenth of the window, since it walks every mention kept.
   */
  forgetOld(): void {
    if (this.newest - this.forgotAt < ORDER_WINDOW / 10) return;
    this.forgotAt = this.newest;
    this.forgetUpTo(this.newest - ORDER_WINDOW);
  }

  /** Whether no change newer than `seq` was taken for `id`. */
  noneAfter(id: string, seq: number): boolean {
    return (this.seqOf.get(id) ?? -Infinity) <= seq;
  }

  /** The mentions with a change newer than `seq` taken. */
  idsAfter(seq: number): string[] {
    return [...this.seqOf].flatMap(([id, s]) => (s > seq ? [id] : []));
  }

  /** Forgets the changes numbered `seq` or less (a full read, or the oldest that can still arrive late, holds them). */
  forgetUpTo(seq: number): void {
    for (const [id, s] of this.seqOf) if (s <= seq) this.seqOf.delete(id);
  }
}

/** What a filter looks at besides the text (inbox-filter.ts), of a mention as written. */
export function filterFieldsOf(m: MentionRecord): FilterFields {
  const f: FilterFields = { id: m.id, status: m.status, channel: m.channel, sourceId: m.sourceId, tags: m.tags, reach: { tier: m.reach?.tier } };
  if (m.assignee !== undefined) f.assignee = m.assignee;
  if (m.lang !== undefined) f.lang = m.lang;
  if (m.sentiment !== undefined) f.sentiment = m.sentiment;
  if (m.topics !== undefined) f.topics = m.topics;
  return f;
}

/** The mentions a change wrote or deleted; "all" for a write that did not say which (a range deleted, a clear). */
export function writtenIds(c: DueChange): string[] | 'all' {
  return 'all' in c ? 'all' : c.due.map(([id]) => id).concat(c.gone);
}

/** Calls back with every due change committed in any context, from now on. */
export function onDueChanges(cb: Listener): () => void {
  theChannel();
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/**
 * Transactions that write history rather than news (an imported event log, the demo weeks, taking
 * them out): their change says `history`, so the live region can leave those mentions out of what
 * it counts as new (a11y/history-writes.ts). Marked by the writer, inside the transaction.
 */
const historyTransactions = new WeakSet<object>();

/** Marks `trans` (Dexie's `Transaction.idbtrans`) as writing history. */
export function writesHistory(trans: object): void {
  historyTransactions.add(trans);
}

/** What one transaction changed so far, and its number. */
interface Pending {
  seq: Promise<number | undefined>;
  all: boolean;
  /** Per mention, the last write of it in the transaction: its due time, null (not waiting) or GONE. */
  due: Map<string, number | null | typeof GONE>;
  /** Per mention last written unread, its filter fields. */
  unread: Map<string, FilterFields>;
}

const GONE = 'gone';

function dueOf(value: unknown): number | null {
  const v = value as { status?: unknown; dueAt?: unknown } | undefined;
  return v && (AWAITING as readonly unknown[]).includes(v.status) && typeof v.dueAt === 'number' ? v.dueAt : null;
}

/** The next number, stored in the transaction. Never below the clock in µs, so a lost counter cannot go back. */
async function nextSeq(meta: DBCoreTable, trans: DBCoreTransaction): Promise<number> {
  const row = (await meta.get({ trans, key: DUE_SEQ.name })) as { value?: unknown } | undefined;
  const seq = Math.max((DUE_SEQ.parse(row?.value) ?? 0) + 1, Date.now() * 1000);
  await meta.mutate({ type: 'put', trans, values: [{ key: DUE_SEQ.name, value: seq }] });
  return seq;
}

function split(changes: Map<string, number | null | typeof GONE>): { due: [string, number | null][]; gone: string[] } {
  const due: [string, number | null][] = [];
  const gone: string[] = [];
  for (const [id, d] of changes) {
    if (d === GONE) gone.push(id);
    else due.push([id, d]);
  }
  return { due, gone };
}

export const dueChangesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'earshot-due-changes',
  create(down) {
    const pending = new WeakMap<DBCoreTransaction, Pending>();
    const dbName = (down.schema as { name: string }).name;

    const started = (trans: DBCoreTransaction): Pending => {
      let p = pending.get(trans);
      if (p) return p;
      const meta = storeInTransaction(down, trans, META);
      // No meta (an upgrade from before it): told as "anything", with no number.
      p = { seq: meta ? nextSeq(meta, trans) : Promise.resolve(undefined), all: !meta, due: new Map(), unread: new Map() };
      pending.set(trans, p);
      const mine = p;
      (trans as unknown as EventTarget).addEventListener('complete', () => {
        const committedAt = performance.timeOrigin + performance.now();
        void mine.seq.then((seq) => {
          const history = historyTransactions.has(trans) ? { history: true as const } : {};
          const c: DueChange = mine.all || seq === undefined ? { db: dbName, seq: seq ?? -Infinity, all: true, committedAt } : { db: dbName, seq, ...split(mine.due), unread: [...mine.unread.values()], ...history, committedAt };
          tell(c);
          theChannel()?.postMessage(c);
        });
      });
      return p;
    };

    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== MENTIONS) return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            const p = started(req.trans);
            const [res] = await Promise.all([table.mutate(req), p.seq]);
            const failed = res.failures;
            if (req.type === 'add' || req.type === 'put') {
              req.values.forEach((v, i) => {
                const m = v as MentionRecord;
                if (failed[i] || typeof m?.id !== 'string') return;
                p.due.set(m.id, dueOf(m));
                // `unread` itself is derived below this middleware (derived.ts); the same rule here.
                if (isUnread(m)) p.unread.set(m.id, filterFieldsOf(m));
                else p.unread.delete(m.id);
              });
            } else if (req.type === 'delete') {
              req.keys.forEach((k, i) => {
                if (failed[i] || typeof k !== 'string') return;
                p.due.set(k, GONE);
                p.unread.delete(k);
              });
            } else p.all = true;
            return res;
          },
        };
      },
    };
  },
};
