/**
 * Keeping the voice-of-the-customer columns (src-main/shared/voc/columns.ts) without reading every
 * mention each time. The first build reads every mention in pages (short transactions, so ingest and
 * the agents are never held up long) and stores the columns in `meta`; later a load reads them back
 * (typed arrays: tens of milliseconds for 200,000 mentions) and adds only the mentions the report's
 * facts know and the columns do not (new arrivals), read by id.
 *
 * Language, sentiment and topics are set when a mention is heard; when topic rules are applied to
 * past mentions, whoever rewrites them calls dropVocColumns so the next load builds again.
 */
import type { EarshotDb, MentionRecord } from '../db/schema';
import { addVocMention, emptyColumns, indexColumns, trimmedColumns, type VocColumns, type VocIndex } from '../../src-main/shared/voc/columns';
import type { Facts } from '../reports/facts';
import { deleteMeta, getMeta, metaKey, putMeta, record } from '../db/meta';

/** 2: ids and vocabulary stored as one joined string each (one value to clone, not 200,000). */
const VERSION = 2;
const PAGE = 10_000;
/** Never inside a mention id or a folded word (tokensOf keeps letters and digits only). */
const SEP = '\u0000';

interface Stored {
  version: number;
  columns: Omit<VocColumns, 'ids' | 'vocab'> & { ids: string; vocab: string };
}

const split = (s: string): string[] => (s === '' ? [] : s.split(SEP));

function toStored(c: VocColumns): Stored {
  const t = trimmedColumns(c);
  return { version: VERSION, columns: { ...t, ids: t.ids.join(SEP), vocab: t.vocab.join(SEP) } };
}

/** Columns of another version, or without their joined ids and vocabulary, read as none: built again. */
const COLUMNS = metaKey<Stored>('vocColumns', (raw) => {
  const v = record(raw);
  const c = record(v?.columns);
  return v?.version === VERSION && c && typeof c.ids === 'string' && typeof c.vocab === 'string' ? (v as unknown as Stored) : undefined;
});

function fromStored(s: Stored | undefined): VocColumns | undefined {
  return s && { ...s.columns, ids: split(s.columns.ids), vocab: split(s.columns.vocab) };
}

/**
 * Starts reading the stored columns (when none are in memory), so the read runs alongside the
 * facts' (voc-engine awaits both together); currentColumns then takes what it read.
 */
export function readStoredColumns(db: EarshotDb): Promise<VocColumns | undefined> {
  if (memory.has(db.name)) return Promise.resolve(undefined);
  return getMeta(db, COLUMNS).then(fromStored);
}

export interface LoadedColumns {
  columns: VocColumns;
  index: VocIndex;
  how: 'built' | 'stored' | 'memory';
  added: number;
}

const memory = new Map<string, { columns: VocColumns; index: VocIndex }>();

const arrival = (m: MentionRecord): number => (m.receivedAt ? Date.parse(m.receivedAt) : m.clockStartMs);

async function build(db: EarshotDb): Promise<VocColumns> {
  const columns = emptyColumns(Math.max(1024, await db.mentions.count()));
  const index = indexColumns(columns);
  let after: string | undefined;
  for (;;) {
    const rows = after === undefined ? await db.mentions.limit(PAGE).toArray() : await db.mentions.where(':id').above(after).limit(PAGE).toArray();
    for (const m of rows) addVocMention(columns, index, m, arrival(m));
    if (rows.length < PAGE) return columns;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The columns for every mention the facts hold. `facts` comes from the report's facts store, which
 * follows arrivals and deletions; a row the facts do not have is never counted (the state is built
 * from the facts), so columns may keep a mention that was since removed without harm.
 */
export async function currentColumns(db: EarshotDb, facts: Pick<Facts, 'n' | 'ids' | 'arrivalMs'>, read?: Promise<VocColumns | undefined>): Promise<LoadedColumns> {
  let how: LoadedColumns['how'] = 'memory';
  let mem = memory.get(db.name);
  if (!mem) {
    const stored = await (read ?? readStoredColumns(db));
    if (stored) {
      mem = { columns: stored, index: indexColumns(stored) };
      how = 'stored';
    } else {
      const columns = await build(db);
      mem = { columns, index: indexColumns(columns) };
      how = 'built';
    }
    memory.set(db.name, mem);
  }
  const missing: string[] = [];
  for (let i = 0; i < facts.n; i++) if (!mem.index.row.has(facts.ids[i]!)) missing.push(facts.ids[i]!);
  if (missing.length) {
    const rows = await db.mentions.bulkGet(missing);
    rows.forEach((m) => m && addVocMention(mem.columns, mem.index, m, arrival(m)));
  }
  if (how === 'built' || missing.length) {
    // A cache: a failed save costs the next session a build, never a wrong answer.
    putMeta(db, COLUMNS, toStored(mem.columns)).catch((e: unknown) => console.error('earshot: the VoC columns could not be saved; the next report builds them again', e));
  }
  return { columns: mem.columns, index: mem.index, how, added: missing.length };
}

/** Forget the columns: the next report builds them again (after topic rules are applied to the past). */
export async function dropVocColumns(db: EarshotDb): Promise<void> {
  memory.delete(db.name);
  await deleteMeta(db, COLUMNS);
}

/** As a new session would start (tests, benchmarks). */
export function forgetVocColumnsInMemory(dbName: string): void {
  memory.delete(dbName);
}
