/**
 * A journal of what was written to `events` and `mentions`, kept in `meta` by the writers, so the
 * report's facts (reports/facts-window.ts) take in what is new since they last looked by reading it
 * alone, instead of the window of the last two days from the `events` and `mentions` stores. At
 * 200,000 mentions, a new session after 2,000 mentions and 5,750 events arrived read that window
 * in 0.9-1.5 s (its keys from the `at` index, then the new records, over writes still fresh on
 * disk, cold); the same rows as one `meta` value came in after 43-53 ms of the same open (this
 * journal, read in the fairness bench's open: 46 ms).
 *
 * A DBCore middleware, so every writer through EarshotDb journals, in whichever context (page,
 * delivery worker, report worker), in the transaction of its write (writes-mark.ts puts `meta` in
 * its scope): an entry exists exactly when its write does. Each read-write transaction takes the
 * next number from the head (read-write transactions over `meta` run one at a time, so the numbers
 * follow the commit order) and writes one part per request:
 * - events written: the records (small: type, time, mention, agent);
 * - mentions written: what the facts read of them (MentionFacts), not the whole record;
 * - events deleted: their ids; mentions deleted, a range deleted (a clear), or anything written by
 *   a schema upgrade (which may rewrite every record): "unknown", and a reader goes back to reading
 *   the window.
 *
 * The journal keeps about JOURNAL_MAX_ROWS rows: past that, a writer drops the older half, and a
 * reader that had not read them reads the window instead (the head says up to where they went).
 * Writes made without EarshotDb (raw IndexedDB) are not journaled: the report's idle count check
 * finds them (reports/facts-check.ts: the window's ids, or the counts), and the next report builds.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { storeInTransaction } from './dbcore-store';
import { record } from './meta';
import type { EarshotDb, EventRecord, MentionRecord } from './schema';

/** What the report's facts read of a mention (reports/facts.ts addMention). */
export type MentionFacts = Pick<MentionRecord, 'id' | 'channel' | 'createdAt' | 'clockStartMs' | 'clockStartAt' | 'receivedAt' | 'threadRootId' | 'lang' | 'sourceId' | 'topics' | 'sentiment' | 'arrival'> & {
  reach: Pick<MentionRecord['reach'], 'tier'>;
  author: Pick<MentionRecord['author'], 'handle'>;
};

/** One part of an entry: what one request wrote. */
export interface JournalPart {
  events?: EventRecord[];
  mentions?: MentionFacts[];
  deletedEvents?: string[];
  /** A write the journal cannot tell row by row (a range deleted, a mention deleted). */
  unknown?: true;
}

export interface JournalHead {
  /** The number of the last transaction journaled (0: none). */
  seq: number;
  /** Rows journaled since the last drop (about). */
  rows: number;
  /** Entries numbered this or less were dropped. */
  droppedThrough: number;
}

const PREFIX = 'windowJournal:';
/** Just after every key of the journal (':' + 1). */
const END = 'windowJournal;';
const HEAD = 'windowJournalHead';
const DIGITS = 12;
/** A week of a busy brand (2,000 mentions and some 6,000 actions a day) at a few hundred bytes a row. */
export const JOURNAL_MAX_ROWS = 60_000;
let maxRows = JOURNAL_MAX_ROWS;

/** Tests: keep about this many rows (undefined: JOURNAL_MAX_ROWS). */
export function setJournalMaxRows(n?: number): void {
  maxRows = n ?? JOURNAL_MAX_ROWS;
}
const EVENTS = 'events';
const MENTIONS = 'mentions';
const META = 'meta';

const keyOf = (seq: number, part: number): string => `${PREFIX}${String(seq).padStart(DIGITS, '0')}:${String(part).padStart(6, '0')}`;
const seqOfKey = (key: string): number => Number(key.slice(PREFIX.length, PREFIX.length + DIGITS));

function headOf(raw: unknown): JournalHead {
  const v = record(raw);
  return v && typeof v.seq === 'number' && typeof v.rows === 'number' && typeof v.droppedThrough === 'number' ? { seq: v.seq, rows: v.rows, droppedThrough: v.droppedThrough } : { seq: 0, rows: 0, droppedThrough: 0 };
}

/** What the facts read of a mention, and nothing else (the fields it has). */
export function mentionFactsOf(m: MentionRecord): MentionFacts {
  const f: MentionFacts = { id: m.id, channel: m.channel, createdAt: m.createdAt, clockStartMs: m.clockStartMs, sourceId: m.sourceId, reach: { tier: m.reach?.tier }, author: { handle: m.author?.handle } };
  if (m.clockStartAt !== undefined) f.clockStartAt = m.clockStartAt;
  if (m.receivedAt !== undefined) f.receivedAt = m.receivedAt;
  if (m.threadRootId !== undefined) f.threadRootId = m.threadRootId;
  if (m.lang !== undefined) f.lang = m.lang;
  if (m.topics !== undefined) f.topics = m.topics;
  if (m.sentiment !== undefined) f.sentiment = m.sentiment;
  if (m.arrival !== undefined) f.arrival = m.arrival;
  return f;
}

const rowsOf = (p: JournalPart): number => (p.events?.length ?? 0) + (p.mentions?.length ?? 0) + (p.deletedEvents?.length ?? 0) + (p.unknown ? 1 : 0);

/** The part a request wrote, without the rows it failed to write. */
function partOf(table: string, req: DBCoreMutateRequest, res: DBCoreMutateResponse): JournalPart {
  const ok = (i: number): boolean => !res.failures[i];
  if (req.type === 'add' || req.type === 'put') {
    if (table === EVENTS) return { events: req.values.filter((_, i) => ok(i)) as EventRecord[] };
    return { mentions: (req.values as MentionRecord[]).filter((m, i) => ok(i) && typeof m?.id === 'string').map(mentionFactsOf) };
  }
  if (req.type === 'delete' && table === EVENTS) return { deletedEvents: req.keys.filter((k, i) => ok(i) && typeof k === 'string') as string[] };
  return { unknown: true };
}

/** Per transaction: the head as it will stand (its number taken at its first part), and its parts so far. */
interface Open {
  head: Promise<JournalHead>;
  parts: number;
  /** Parts are written one after another (each moves the head's row count). */
  last: Promise<unknown>;
}

/**
 * The head for a new entry: the next number, read from the head in this transaction. When the
 * journal holds more than JOURNAL_MAX_ROWS rows, the older half of its entries is dropped first
 * (the rows left are then counted as half: entries differ in size, and the count only bounds the
 * room taken). Stored with the entry's first part.
 */
async function nextHead(meta: DBCoreTable, trans: DBCoreTransaction): Promise<JournalHead> {
  const head = headOf(((await meta.get({ trans, key: HEAD })) as { value?: unknown } | undefined)?.value);
  let { rows, droppedThrough } = head;
  if (rows > maxRows && head.seq > droppedThrough) {
    const through = droppedThrough + Math.ceil((head.seq - droppedThrough) / 2);
    await meta.mutate({ type: 'deleteRange', trans, range: { type: 2 /* DBCoreRangeType.Range */, lower: keyOf(droppedThrough + 1, 0), lowerOpen: false, upper: keyOf(through + 1, 0), upperOpen: true } });
    droppedThrough = through;
    rows = Math.ceil(rows / 2);
  }
  return { seq: head.seq + 1, rows, droppedThrough };
}

/** A part and the head after it, in one request. */
async function writePart(meta: DBCoreTable, trans: DBCoreTransaction, head: JournalHead, part: number, p: JournalPart): Promise<void> {
  head.rows += rowsOf(p);
  await meta.mutate({ type: 'put', trans, values: [{ key: keyOf(head.seq, part), value: p }, { key: HEAD, value: { ...head } satisfies JournalHead }] });
}

export const windowJournalMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'earshot-window-journal',
  create(down) {
    const open = new WeakMap<DBCoreTransaction, Open>();
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== EVENTS && name !== MENTIONS) return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            // No meta in an upgrade from a version before it: nothing reads the journal before the open.
            const meta = storeInTransaction(down, req.trans, META);
            if (!meta) return table.mutate(req);
            const res = await table.mutate(req);
            // A schema upgrade may rewrite every record: journaled as "unknown", not row by row.
            const p = (req.trans as unknown as { mode?: string }).mode === 'versionchange' ? { unknown: true as const } : partOf(name, req, res);
            if (rowsOf(p) === 0) return res;
            let o = open.get(req.trans);
            if (!o) open.set(req.trans, (o = { head: nextHead(meta, req.trans), parts: 0, last: Promise.resolve() }));
            const part = o.parts++;
            const mine = o;
            const written = Promise.all([mine.head, mine.last]).then(([head]) => writePart(meta, req.trans, head, part, p));
            mine.last = written.catch(() => undefined);
            await written;
            return res;
          },
        };
      },
    };
  },
};

/** The number of the last transaction journaled (0: none). Inside a transaction over `meta`, as of it. */
export async function journalSeq(db: EarshotDb): Promise<number> {
  return headOf((await db.meta.get(HEAD))?.value).seq;
}

/**
 * The parts journaled after transaction `after`, in order, and the number of the last; undefined
 * when some were dropped (or are missing): read the window instead. Inside a transaction over
 * `meta`, as of it.
 */
export async function journalAfter(db: EarshotDb, after: number): Promise<{ seq: number; parts: JournalPart[] } | undefined> {
  const head = headOf((await db.meta.get(HEAD))?.value);
  if (after < head.droppedThrough || after > head.seq) return undefined;
  if (after === head.seq) return { seq: after, parts: [] };
  const rows = await db.meta.where('key').between(keyOf(after + 1, 0), END, true, false).toArray();
  const seqs = new Set(rows.map((r) => seqOfKey(r.key)));
  if (seqs.size !== head.seq - after) return undefined;
  return { seq: head.seq, parts: rows.map((r) => r.value as JournalPart) };
}
