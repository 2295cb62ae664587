/**
 * The report's facts as saved in `meta` (facts-store.ts reads them back, facts-build.ts makes them):
 * the columns under one key, the bookkeeping (what the next refresh needs) also apart under another,
 * so it is read before the columns; both carry one tag, so a reader that gets one of each notices.
 * Beside them, under a third key, the outcome columns worked out over those facts (outcome-memo.ts),
 * tagged with the columns' tag: read right after them, they spare a new session's first all-time
 * report the business-time arithmetic of every mention.
 */
import type { EarshotDb } from '../db/schema';
import { deleteMeta, getMeta, metaKey, putMeta, record } from '../db/meta';
import { COLUMNS, trimmed, type Columns, type Facts, type FactsIndex } from './facts';
import { decodeColumn, type Encoded } from './facts-codec';
import { savedOutcomes, type SavedOutcomes } from './outcome-memo';
import { columnOf, isStoredColumns, packColumns, readColumns, type KindName, type StoredColumns } from './columns-blob';

// 2: the followUp column; 3: the group columns (lang, source, handle, topics, sentiment);
// 4: ids stored as one joined string, the bookkeeping also apart (the header) under the same tag;
// 5: arrivals on the mentions (schema v7), so the window's ids and the event count leave them out;
// 6: the columns in their smaller stored form (facts-codec.ts); 7: the columns as they are (with their
// room), the string lengths and order, in one Blob (columns-blob.ts), read back as views of one
// buffer; the outcome columns likewise. Saves of 5 and 6 still read (facts-codec.ts decodes them),
// so an upgrade builds nothing; a build that knows only older versions ignores a save of 7 and builds.
export const VERSION = 7;
const READS = new Set([5, 6, VERSION]);
/** Never inside a mention id. */
const SEP = '\u0000';

/** What the refresh needs besides the columns; stored apart too, so it is read before them. */
export interface Bookkeeping {
  /** Events with `at` after this were in the last window read. */
  cutoffMs: number;
  /** Those events' ids, and the mentions they belong to (so a deleted one can be traced). */
  windowIds: string[];
  windowMentions: string[];
  /** Those events' times (epoch ms): with them the next window read needs no walk of the `at` index (absent: a save from before them). */
  windowAt?: number[];
  events: number;
  mentions: number;
  savedAt: string;
  /** The last entry of the topic journal taken in ('' or absent: none). */
  topicsSeen?: string;
  /** The old-writes marker the facts are current with (absent: a save from before it, read as 0). */
  oldWrites?: number;
  /**
   * The last transaction of the window journal (db/window-journal.ts) the facts took in: the next
   * refresh reads the journal after it instead of the window (absent: a save from before the
   * journal; the next refresh reads the window from the stores, and notes it).
   */
  journalSeen?: number;
}

export interface Stored extends Bookkeeping {
  version: number;
  facts: Facts;
}


/**
 * As stored in versions 5 and 6: the ids joined (one string to clone instead of 200,000), a tag
 * shared with the header. The string table likewise, joined with each string's length beside (a
 * value may hold any character), and the table's order (string-index.ts) so that a new session's
 * index needs no map of it. An older save of the same version has the table as an array and no
 * order: it still reads (the index makes a map).
 */
interface StoredBlob extends Bookkeeping {
  version: number;
  tag: string;
  facts: Omit<Facts, 'ids' | 'strings' | keyof Columns> & { [K in keyof Columns]: Columns[K] | Encoded } & { ids: string; strings: string | string[]; stringLengths?: Int32Array };
  stringOrder?: Int32Array;
}

/**
 * As stored from version 7: the ids and the string table joined as before, every column (with its
 * room), the string lengths and the table's order in one Blob.
 */
interface BlobFacts extends Bookkeeping {
  version: typeof VERSION;
  tag: string;
  facts: Pick<Facts, 'n' | 'agents' | 'skips'> & { ids: string; strings: string; columns: StoredColumns };
}

type SavedBlob = StoredBlob | BlobFacts;
const inBlob = (b: SavedBlob): b is BlobFacts => b.version === VERSION;

export interface StoredHeader extends Bookkeeping {
  version: number;
  tag: string;
  /**
   * The tag of the columns this bookkeeping goes with, when the header was saved alone (the facts had
   * not changed, only the window moved with the clock); absent: the header's own tag.
   */
  factsTag?: string;
}

const isBookkeeping = (v: Record<string, unknown>): boolean =>
  typeof v.cutoffMs === 'number' && Array.isArray(v.windowIds) && Array.isArray(v.windowMentions) && typeof v.events === 'number' && typeof v.mentions === 'number' && typeof v.tag === 'string';

/** A stored cache of another version, or without its columns, reads as none: the report builds again. */
const FACTS = metaKey<SavedBlob>('reportFacts', (raw) => {
  const v = record(raw);
  const facts = record(v?.facts);
  if (!v || !READS.has(v.version as number) || !isBookkeeping(v) || !facts || typeof facts.n !== 'number' || typeof facts.ids !== 'string') return undefined;
  // A Blob's string lengths are checked once read.
  const fits = v.version === VERSION ? typeof facts.strings === 'string' && Array.isArray(facts.agents) && Array.isArray(facts.skips) && isStoredColumns(facts.columns) : stringsFit(facts);
  return fits ? (v as unknown as SavedBlob) : undefined;
});

/** The string table as an array (an older save), or joined with lengths that add up to it. */
function stringsFit(facts: Record<string, unknown>): boolean {
  if (Array.isArray(facts.strings)) return true;
  if (typeof facts.strings !== 'string' || !ArrayBuffer.isView(facts.stringLengths) || Object.prototype.toString.call(facts.stringLengths) !== '[object Int32Array]') return false;
  return lengthsFit(facts.strings, facts.stringLengths as Int32Array);
}

/** Whether the lengths, none negative, add up to the joined string's. */
function lengthsFit(joined: string, lengths: Int32Array): boolean {
  let total = 0;
  for (const n of lengths) {
    if (n < 0) return false;
    total += n;
  }
  return total === joined.length;
}

/**
 * The outcome columns, with the tag of the stored columns they were worked out over: as arrays in
 * the value (versions 5 and 6), or from version 7 in a Blob (columns-blob.ts), with their room.
 */
interface StoredOutcomes {
  version: number;
  tag: string;
  outcomes: SavedOutcomes | OutcomesInBlob;
}

/** The outcome columns in a Blob: `rows` of them hold facts rows, the rest is room. */
interface OutcomesInBlob {
  policies: string;
  rows: number;
  columns: StoredColumns;
}

/** A typed array of that kind and length (by its tag: a value read back may come from another realm). */
const typed = (x: unknown, kind: string, length: number): boolean => ArrayBuffer.isView(x) && Object.prototype.toString.call(x) === `[object ${kind}]` && (x as Uint8Array).length === length;

const OUTCOMES = metaKey<StoredOutcomes>('reportOutcomes', (raw) => {
  const v = record(raw);
  const o = record(v?.outcomes);
  if (!v || !READS.has(v.version as number) || typeof v.tag !== 'string' || typeof o?.policies !== 'string') return undefined;
  if (v.version === VERSION) return Number.isInteger(o.rows) && isStoredColumns(o.columns) ? (v as unknown as StoredOutcomes) : undefined;
  const n = ArrayBuffer.isView(o.known) ? (o.known as Uint8Array).length : -1;
  const columns = typed(o.known, 'Uint8Array', n) && typed(o.policyIndex, 'Int32Array', n) && typed(o.dueMs, 'Float64Array', n) && typed(o.minutes, 'Float64Array', n);
  return columns ? (v as unknown as StoredOutcomes) : undefined;
});

/** The outcome columns as stored now. */
function outcomesInBlob(o: SavedOutcomes): OutcomesInBlob {
  const columns = packColumns([['known', o.known], ['policyIndex', o.policyIndex], ['dueMs', o.dueMs], ['minutes', o.minutes]]);
  return { policies: o.policies, rows: o.rows ?? o.known.length, columns };
}

/** The outcome columns back from either stored form; undefined when the Blob does not read or fit. */
async function outcomesBack(o: SavedOutcomes | OutcomesInBlob): Promise<SavedOutcomes | undefined> {
  if (!('columns' in o)) return o;
  const cols = await readColumns(o.columns);
  if (!cols) return undefined;
  const known = columnOf(cols, 'known', 'Uint8Array', o.rows);
  const len = known?.length ?? -1;
  const policyIndex = columnOf(cols, 'policyIndex', 'Int32Array', len);
  const dueMs = columnOf(cols, 'dueMs', 'Float64Array', len);
  const minutes = columnOf(cols, 'minutes', 'Float64Array', len);
  if (!known || !policyIndex || !dueMs || !minutes || [policyIndex, dueMs, minutes].some((c) => c.length !== len)) return undefined;
  return { policies: o.policies, rows: o.rows, known, policyIndex, dueMs, minutes };
}

const HEADER = metaKey<StoredHeader>('reportFactsHeader', (raw) => {
  const v = record(raw);
  return v && READS.has(v.version as number) && isBookkeeping(v) ? (v as unknown as StoredHeader) : undefined;
});

/**
 * Facts held in memory. `savedTag`: the tag of the stored columns equal to these facts (the next save
 * writes the header alone); undefined when they changed since, or were never saved. `rev` counts the
 * changes, so a save that finishes after another change does not claim to be current.
 */
export interface Held {
  stored: Stored;
  ix: FactsIndex;
  savedTag?: string;
  rev: number;
  /** The writes mark (db/writes-mark.ts) as of the window last folded in; undefined: read the window next time. */
  mark?: string;
  /** The outcome columns stored: the tag of the columns they go with, and how many rows they held. */
  outcomes?: { tag: string; rows: number };
}

/** The bookkeeping fields alone (a header carries its tags besides). */
export function bookOf(b: Bookkeeping): Bookkeeping {
  const { cutoffMs, windowIds, windowMentions, windowAt, events, mentions, savedAt, topicsSeen, oldWrites, journalSeen } = b;
  return { cutoffMs, windowIds, windowMentions, ...(windowAt ? { windowAt } : {}), events, mentions, savedAt, ...(topicsSeen !== undefined ? { topicsSeen } : {}), ...(oldWrites !== undefined ? { oldWrites } : {}), ...(journalSeen !== undefined ? { journalSeen } : {}) };
}

/** The window's events as seen last, and their times when they were kept (see readWindow). */
export function seenOf(b: Bookkeeping): { ids: Set<string>; at: Map<string, number> | undefined } {
  const at = b.windowAt?.length === b.windowIds.length ? new Map(b.windowIds.map((id, k) => [id, b.windowAt![k]!] as const)) : undefined;
  return { ids: new Set(b.windowIds), at };
}


/**
 * Rows of room stored past the columns' length, so that the next session's first arrivals fit
 * (facts.ts grows the columns by copying them all into columns twice as long: at 200,000 rows 16 MB
 * copied, 60-100 ms of the worker's time in the fold, on the way to a new session's first report).
 * A 32nd of the rows (0.5 MB at 200,000), at least 1,024; a session that adds more grows once.
 */
export const roomFor = (n: number): number => Math.max(1024, Math.ceil(n / 32));

function pack(s: Stored, ix: FactsIndex, tag: string): { blob: BlobFacts; header: StoredHeader } {
  const t = trimmed(s.facts, roomFor(s.facts.n));
  const keys = Object.keys(COLUMNS) as (keyof Columns)[];
  const columns = packColumns([...keys.map((k) => [k, t[k]] as const), ['stringLengths', Int32Array.from(t.strings, (x) => x.length)], ['stringOrder', ix.string.order()]]);
  const book = bookOf(s);
  const facts = { n: t.n, agents: t.agents, skips: t.skips, ids: t.ids.join(SEP), strings: t.strings.join(''), columns };
  return { blob: { ...book, version: VERSION, tag, facts }, header: { ...book, version: VERSION, tag } };
}

/** The columns back from their stored form in a save of 5 or 6 (the post times first: the time columns count from them); undefined: one does not fit. */
function columnsOf(facts: StoredBlob['facts']): Columns | undefined {
  const n = facts.n;
  const len = n + roomFor(n);
  const kind = (k: keyof Columns) => COLUMNS[k].name as 'Uint8Array' | 'Int32Array' | 'Float64Array' | 'Float32Array';
  const post = decodeColumn(facts.createdMs, 'Float64Array', n, len) as Float64Array | undefined;
  if (!post) return undefined;
  const out: Partial<Record<keyof Columns, unknown>> = { createdMs: post };
  for (const k of Object.keys(COLUMNS) as (keyof Columns)[]) {
    if (k === 'createdMs') continue;
    const col = decodeColumn(facts[k], kind(k), n, len, post);
    if (!col) return undefined;
    out[k] = col;
  }
  return out as Columns;
}

/** The string table back from its joined form (the lengths were checked to add up). */
function splitStrings(joined: string, lengths: Int32Array): string[] {
  const out = new Array<string>(lengths.length);
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    out[k] = joined.slice(at, at + lengths[k]!);
    at += lengths[k]!;
  }
  return out;
}

const splitIds = (ids: string): string[] => (ids === '' ? [] : ids.split(SEP));

type Unpacked = { stored: Stored; stringOrder?: Int32Array };

async function unpack(b: SavedBlob): Promise<Unpacked | undefined> {
  if (inBlob(b)) return unpackBlob(b);
  const { tag: _tag, facts, stringOrder, ...book } = b;
  const columns = columnsOf(facts);
  if (!columns) return undefined;
  const { stringLengths: _lengths, ...rest } = facts;
  const strings = typeof facts.strings === 'string' ? splitStrings(facts.strings, facts.stringLengths!) : facts.strings;
  return { stored: { ...book, version: VERSION, facts: { ...rest, ...columns, ids: splitIds(facts.ids), strings } }, ...(stringOrder ? { stringOrder } : {}) };
}

/** A save of 7: the columns are views of the Blob's bytes, all of one length (their room past `n`). */
async function unpackBlob(b: BlobFacts): Promise<Unpacked | undefined> {
  const { tag: _tag, facts, ...book } = b;
  const cols = await readColumns(facts.columns);
  if (!cols) return undefined;
  const n = facts.n;
  const len = cols.get('createdMs')?.length ?? -1;
  const columns: Partial<Record<keyof Columns, unknown>> = {};
  for (const k of Object.keys(COLUMNS) as (keyof Columns)[]) {
    const col = columnOf(cols, k, COLUMNS[k].name as KindName, n);
    if (!col || col.length !== len) return undefined;
    columns[k] = col;
  }
  const lengths = columnOf(cols, 'stringLengths', 'Int32Array', 0);
  if (!lengths || !lengthsFit(facts.strings, lengths)) return undefined;
  // Copied (0.6 MB at 200,000 mentions): the string index keeps it, and a view would keep the whole
  // buffer alive once the columns have grown out of it.
  const stringOrder = columnOf(cols, 'stringOrder', 'Int32Array', 0)?.slice();
  const strings = splitStrings(facts.strings, lengths);
  return { stored: { ...book, version: VERSION, facts: { n, agents: facts.agents, skips: facts.skips, ...(columns as Columns), ids: splitIds(facts.ids), strings } }, ...(stringOrder ? { stringOrder } : {}) };
}

const newTag = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * The outcome columns worth storing with the columns tagged `tag`: none stored for them yet, or a
 * fiftieth of the rows more known than stored (a report over a longer period worked out more since,
 * or the rest of the rows of an all-time report still being worked out when they were stored: with
 * a tenth, such a save of 87% of the rows was never topped up, and every new session worked out the
 * other 13% again, 40-70 ms of its first all-time report at 200,000 mentions).
 */
function outcomesToSave(held: Held, tag: string): { outcomes: SavedOutcomes; rows: number } | undefined {
  const before = held.outcomes?.tag === tag ? held.outcomes.rows : 0;
  return savedOutcomes(held.stored.facts, before + Math.max(1, held.stored.facts.n / 50));
}

/**
 * The keys in one transaction, under one new tag: a reader that gets one of each notices. When the
 * stored columns are those of the facts held (only the window moved: a new session, the clock), the
 * header alone, naming the columns' tag: rewriting 20 MB of unchanged columns at 200,000 mentions
 * took 0.4 s and held up the next request. The outcome columns go with new columns when worth it
 * (outcomesToSave); a save of new columns without them deletes the stored ones (another tag: 4 MB
 * read for nothing), and stores those worked out meanwhile once it is done.
 */
async function save(db: EarshotDb, held: Held): Promise<void> {
  const s = held.stored;
  const tag = newTag();
  const rev = held.rev;
  if (held.savedTag !== undefined) {
    await putMeta(db, HEADER, { ...bookOf(s), version: VERSION, tag, factsTag: held.savedTag });
    return;
  }
  const { blob, header } = pack(s, held.ix, tag);
  const o = outcomesToSave(held, tag);
  await db.transaction('rw', db.meta, async () => {
    await putMeta(db, FACTS, blob);
    await putMeta(db, HEADER, header);
    if (o) await putMeta(db, OUTCOMES, { version: VERSION, tag, outcomes: outcomesInBlob(o.outcomes) });
    else await deleteMeta(db, OUTCOMES);
  });
  if (held.rev === rev) {
    held.savedTag = tag;
    held.outcomes = o && { tag, rows: o.rows };
    // Worked out while the columns were written (a build's first report): stored now.
    if (!o) await saveOutcomes(db, held);
  }
}

/**
 * The outcome columns alone, with the stored columns the facts held are equal to (none such: nothing;
 * new columns are saved with theirs). A save of new columns is only asked for once the facts held
 * changed, and those are then no longer equal to these, so a later one always lands after this.
 */
async function saveOutcomes(db: EarshotDb, held: Held): Promise<void> {
  const tag = held.savedTag;
  const o = tag === undefined ? undefined : outcomesToSave(held, tag);
  if (!o || tag === undefined) return;
  await putMeta(db, OUTCOMES, { version: VERSION, tag, outcomes: outcomesInBlob(o.outcomes) });
  if (held.savedTag === tag) held.outcomes = { tag, rows: o.rows };
}

export function saveOutcomesInBackground(db: EarshotDb, held: Held): void {
  saveOutcomes(db, held).catch((e: unknown) => console.error('earshot: the report outcome columns could not be saved; the next session works them out again', e));
}

/**
 * Saves the cache without holding up the report. The cache only saves time: when a save fails
 * (storage full, the database closing) the report is still right, the failure is logged, and the
 * next session reads back the older copy (the count check rebuilds it if it no longer fits) or builds.
 */
export function saveInBackground(db: EarshotDb, held: Held): void {
  save(db, held).catch((e: unknown) => console.error('earshot: the report cache could not be saved; the next report reads the database again', e));
}

/** The bookkeeping alone (small: read first, so the window read can be asked for before the columns). */
export const readHeader = (db: EarshotDb): Promise<StoredHeader | undefined> => getMeta(db, HEADER);

/** Whether a save is there (its header: reading the columns to see they exist took 0.2-0.5 s). */
export const haveSaved = async (db: EarshotDb): Promise<boolean> => (await readHeader(db)) !== undefined;

/**
 * The saved columns with the bookkeeping that goes with them: the header's when it was saved with
 * them (same tag) or alone after them (factsTag; then it is the newer one), else their own. `sameHeader`
 * says whether `header` was the one taken (else a window read asked for with it must be asked again).
 * `outcomes`: the outcome columns stored with these columns, asked for right after them (IndexedDB
 * answers in the order asked); to be taken back before anything is folded into the facts
 * (outcome-memo.ts restoreOutcomes).
 */
export async function readSaved(db: EarshotDb, header: StoredHeader | undefined): Promise<{ stored: Stored; stringOrder?: Int32Array; tag: string; sameHeader: boolean; outcomes: Promise<SavedOutcomes | undefined> } | undefined> {
  const read = getMeta(db, FACTS);
  const outcomesRead = getMeta(db, OUTCOMES).catch(() => undefined); // worked out instead
  const blob = await read;
  if (!blob) return undefined;
  const sameHeader = header !== undefined && (header.factsTag ?? header.tag) === blob.tag;
  const outcomes = outcomesRead.then((o) => (o?.tag === blob.tag ? outcomesBack(o.outcomes) : undefined)).catch(() => undefined);
  const unpacked = await unpack(blob);
  // Columns that do not fit their stored form (a damaged save): as if none were stored (the report builds).
  if (!unpacked) return undefined;
  const { stored, stringOrder } = unpacked;
  return { stored: sameHeader ? { ...stored, ...bookOf(header) } : stored, ...(stringOrder ? { stringOrder } : {}), tag: blob.tag, sameHeader, outcomes };
}

/** Deletes the keys. */
export async function deleteSaved(db: EarshotDb): Promise<void> {
  await deleteMeta(db, FACTS);
  await deleteMeta(db, HEADER);
  await deleteMeta(db, OUTCOMES);
}
