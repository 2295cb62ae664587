/**
 * Keeping the voice-of-the-customer columns (src-main/shared/voc/columns.ts) without reading every
 * mention each time. The first build reads every mention in pages (short transactions, so ingest and
 * the agents are never held up long) and stores the columns in `meta`; later a load reads them back
 * (typed arrays: tens of milliseconds for 200,000 mentions) and adds only the mentions the report's
 * facts know and the columns do not (new arrivals), read by id.
 *
 * Language, sentiment and topics are set when a mention is heard; when topic rules are applied to
 * past mentions, the re-tagged mentions' new topics are taken from the topic journal
 * (db/topic-changes.ts), the rest stays as it is.
 */
import type { EarshotDb, MentionRecord } from '../db/schema';
import { lastTopicChange, topicChangesAfter } from '../db/topic-changes';
import { addVocMention, emptyColumns, indexColumns, setVocTopics, trimmedColumns, type VocColumns, type VocIndex } from '../../src-main/shared/voc/columns';
import type { Facts } from '../reports/facts';
import type { OutcomeCache } from './voc-state';
import { getMeta, metaKey, putMeta, record } from '../db/meta';

/** 2: ids and vocabulary stored as one joined string each (one value to clone, not 200,000). */
const VERSION = 2;
const PAGE = 10_000;
/** Never inside a mention id or a folded word (tokensOf keeps letters and digits only). */
const SEP = '\u0000';

interface Stored {
  version: number;
  columns: Omit<VocColumns, 'ids' | 'vocab'> & { ids: string; vocab: string };
  /** The last entry of the topic journal taken in ('' or absent: none). */
  topicsSeen?: string;
}

const split = (s: string): string[] => (s === '' ? [] : s.split(SEP));

/** Columns of another version, or without their joined ids and vocabulary, read as none: built again. */
const COLUMNS = metaKey<Stored>('vocColumns', (raw) => {
  const v = record(raw);
  const c = record(v?.columns);
  return v?.version === VERSION && c && typeof c.ids === 'string' && typeof c.vocab === 'string' ? (v as unknown as Stored) : undefined;
});

function toStored(c: VocColumns, topicsSeen: string): Stored {
  const t = trimmedColumns(c);
  return { version: VERSION, columns: { ...t, ids: t.ids.join(SEP), vocab: t.vocab.join(SEP) }, topicsSeen };
}

/**
 * Rows by mention id, made on first use: a new session whose facts line up with the columns row for
 * row (the usual case: both read the mentions in id order) never asks, and a map of 200,000 ids
 * took 0.2-0.4 s.
 */
class RowsOnDemand extends Map<string, number> {
  private made = false;

  constructor(private readonly columns: Pick<VocColumns, 'ids' | 'n'>) {
    super();
  }

  private make(): void {
    if (this.made) return;
    this.made = true;
    for (let i = 0; i < this.columns.n; i++) super.set(this.columns.ids[i]!, i);
  }

  override get(id: string): number | undefined {
    this.make();
    return super.get(id);
  }

  override has(id: string): boolean {
    this.make();
    return super.has(id);
  }

  override set(id: string, row: number): this {
    this.make();
    return super.set(id, row);
  }
}

/** The columns read back, with their lookups (built here: while the facts are still being read). */
function fromStored(s: Stored | undefined): { columns: VocColumns; index: VocIndex; topicsSeen: string } | undefined {
  if (!s) return undefined;
  const columns = { ...s.columns, ids: split(s.columns.ids), vocab: split(s.columns.vocab) };
  const index = { ...indexColumns({ ...columns, n: 0 }), row: new RowsOnDemand(columns) };
  return { columns, index, topicsSeen: typeof s.topicsSeen === 'string' ? s.topicsSeen : '' };
}

export type StoredColumns = NonNullable<ReturnType<typeof fromStored>>;

/**
 * Starts reading the stored columns (when none are in memory), so the read runs alongside the
 * facts' (voc-engine awaits both together); currentColumns then takes what it read.
 */
export function readStoredColumns(db: EarshotDb): Promise<StoredColumns | undefined> {
  if (memory.has(db.name)) return Promise.resolve(undefined);
  return getMeta(db, COLUMNS).then(fromStored);
}

export type Journal = Awaited<ReturnType<typeof topicChangesAfter>> & { after: string };

/**
 * Starts reading the topic journal after the columns' last entry as soon as that is known, so it is
 * asked for before the report's facts ask IndexedDB for their long count (which would hold it up).
 */
export function readColumnsJournal(db: EarshotDb, read: Promise<StoredColumns | undefined>): Promise<Journal> {
  const held = memory.get(db.name);
  return read.then((s) => {
    const after = held?.topicsSeen ?? s?.topicsSeen ?? '';
    return topicChangesAfter(db, after).then((j) => ({ ...j, after }));
  });
}

export interface LoadedColumns {
  columns: VocColumns;
  index: VocIndex;
  /** rowOf[i]: the column row of the facts' row i (-1: none). */
  rowOf: Int32Array;
  how: 'built' | 'stored' | 'memory';
  added: number;
}

interface Held {
  columns: VocColumns;
  index: VocIndex;
  /** The last entry of the topic journal taken in. */
  topicsSeen: string;
  /** The facts rowOf maps, and how many of their rows it maps (rows are only ever appended). */
  mapped?: { facts: object; n: number; rowOf: Int32Array };
}

const memory = new Map<string, Held>();

const arrival = (m: MentionRecord): number => (m.receivedAt ? Date.parse(m.receivedAt) : m.clockStartMs);

async function build(db: EarshotDb): Promise<Held> {
  // Re-tags after this point are taken in later (again, for mentions read after them: no harm).
  const topicsSeen = await lastTopicChange(db);
  const columns = emptyColumns(Math.max(1024, await db.mentions.count()));
  const index = indexColumns(columns);
  let after: string | undefined;
  for (;;) {
    const rows = after === undefined ? await db.mentions.limit(PAGE).toArray() : await db.mentions.where(':id').above(after).limit(PAGE).toArray();
    for (const m of rows) addVocMention(columns, index, m, arrival(m));
    if (rows.length < PAGE) return { columns, index, topicsSeen };
    after = rows[rows.length - 1]!.id;
  }
}

/** Takes in the topics re-tagged since the columns last looked; whether any were. */
async function takeTopics(db: EarshotDb, mem: Held, early?: Promise<Journal>): Promise<boolean> {
  const pre = await early?.catch(() => undefined);
  const { last, topics } = pre && pre.after === mem.topicsSeen ? pre : await topicChangesAfter(db, mem.topicsSeen);
  if (last === mem.topicsSeen) return false;
  const rows = new Map<number, string[]>();
  for (const [id, t] of topics) {
    const r = mem.index.row.get(id);
    if (r !== undefined) rows.set(r, t);
  }
  setVocTopics(mem.columns, mem.index, rows);
  mem.topicsSeen = last;
  return true;
}

/** Maps the facts' rows from `from` on to column rows; returns the ids the columns lack. */
function mapRows(columns: VocColumns, index: VocIndex, facts: Pick<Facts, 'n' | 'ids'>, rowOf: Int32Array, from: number): string[] {
  const missing: string[] = [];
  for (let i = from; i < facts.n; i++) {
    const id = facts.ids[i]!;
    // Both are built by reading the mentions in id order, then add arrivals: mostly the same row.
    const r = i < columns.n && columns.ids[i] === id ? i : index.row.get(id);
    rowOf[i] = r ?? -1;
    if (r === undefined) missing.push(facts.ids[i]!);
  }
  return missing;
}

/**
 * The columns for every mention the facts hold. `facts` comes from the report's facts store, which
 * follows arrivals and deletions; a row the facts do not have is never counted (the state is built
 * from the facts), so columns may keep a mention that was since removed without harm.
 */
export async function currentColumns(db: EarshotDb, facts: Pick<Facts, 'n' | 'ids'>, read?: Promise<StoredColumns | undefined>, journal?: Promise<Journal>): Promise<LoadedColumns> {
  let how: LoadedColumns['how'] = 'memory';
  let mem = memory.get(db.name);
  if (!mem) {
    const stored = await (read ?? readStoredColumns(db));
    if (stored) {
      mem = stored;
      how = 'stored';
    } else {
      mem = await build(db);
      how = 'built';
    }
    memory.set(db.name, mem);
  }
  const retagged = await takeTopics(db, mem, journal);
  // Only the rows the facts gained since the last call are looked up (the same facts object).
  const same = mem.mapped?.facts === facts && mem.mapped.n <= facts.n;
  const from = same ? mem.mapped!.n : 0;
  let rowOf = same ? mem.mapped!.rowOf : new Int32Array(Math.max(1024, facts.n));
  if (rowOf.length < facts.n) {
    const next = new Int32Array(Math.max(facts.n, rowOf.length * 2));
    next.set(rowOf);
    rowOf = next;
  }
  const missing = mapRows(mem.columns, mem.index, facts, rowOf, from);
  if (missing.length) {
    const rows = await db.mentions.bulkGet(missing);
    rows.forEach((m) => m && addVocMention(mem.columns, mem.index, m, arrival(m)));
    for (let i = from; i < facts.n; i++) if (rowOf[i]! < 0) rowOf[i] = mem.index.row.get(facts.ids[i]!) ?? -1;
  }
  // A mention that could not be read (gone meanwhile) is looked up again next time.
  let mapped = from;
  while (mapped < facts.n && rowOf[mapped]! >= 0) mapped++;
  mem.mapped = { facts, n: mapped, rowOf };
  if (how === 'built' || missing.length || retagged) {
    // A cache: a failed save costs the next session a build, never a wrong answer.
    putMeta(db, COLUMNS, toStored(mem.columns, mem.topicsSeen)).catch((e: unknown) => console.error('earshot: the VoC columns could not be saved; the next report builds them again', e));
  }
  return { columns: mem.columns, index: mem.index, rowOf, how, added: missing.length };
}

/** As a new session would start (tests, benchmarks). */
export function forgetVocColumnsInMemory(dbName: string): void {
  memory.delete(dbName);
  outcomesHeld.delete(dbName);
}

const OUTCOMES_VERSION = 1;
const outcomesHeld = new Map<string, OutcomeCache>();

interface StoredOutcomes {
  version: number;
  cache: OutcomeCache;
}

/** Outcomes of another version, or with arrays of different lengths, read as none: worked out again. */
const OUTCOMES = metaKey<StoredOutcomes>('vocOutcomes', (v) => {
  const s = v as Partial<StoredOutcomes> | undefined;
  const c = s?.version === OUTCOMES_VERSION ? s.cache : undefined;
  const n = c?.clockMs instanceof Float64Array ? c.clockMs.length : -1;
  return c && typeof c.policyKey === 'string' && [c.replyMs, c.dueMs, c.minutes, c.channel].every((a) => ArrayBuffer.isView(a) && a.length === n) ? (s as StoredOutcomes) : undefined;
});

/**
 * The first-response outcomes worked out so far (voc-state.ts), from memory or as stored; read
 * alongside the columns. Each holds the inputs it came from, so a stale one is only worked out again.
 */
export function readOutcomes(db: EarshotDb): Promise<OutcomeCache | undefined> {
  const held = outcomesHeld.get(db.name);
  if (held) return Promise.resolve(held);
  return getMeta(db, OUTCOMES).then((s) => s?.cache);
}

/** Keeps the outcomes for the next report, and stores them when some were worked out now. */
export function keepOutcomes(db: EarshotDb, cache: OutcomeCache, changed: boolean): void {
  outcomesHeld.set(db.name, cache);
  if (changed) putMeta(db, OUTCOMES, { version: OUTCOMES_VERSION, cache }).catch((e: unknown) => console.error('earshot: the VoC outcomes could not be saved; they are worked out again next time', e));
}
