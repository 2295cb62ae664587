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

const KEY = 'vocColumns';
const VERSION = 1;
const PAGE = 10_000;

interface Stored {
  version: number;
  columns: VocColumns;
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
export async function currentColumns(db: EarshotDb, facts: Pick<Facts, 'n' | 'ids' | 'arrivalMs'>): Promise<LoadedColumns> {
  let how: LoadedColumns['how'] = 'memory';
  let mem = memory.get(db.name);
  if (!mem) {
    const stored = (await db.meta.get(KEY))?.value as Stored | undefined;
    if (stored?.version === VERSION) {
      mem = { columns: stored.columns, index: indexColumns(stored.columns) };
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
  if (how === 'built' || missing.length) void db.meta.put({ key: KEY, value: { version: VERSION, columns: trimmedColumns(mem.columns) } satisfies Stored });
  return { columns: mem.columns, index: mem.index, how, added: missing.length };
}

/** Forget the columns: the next report builds them again (after topic rules are applied to the past). */
export async function dropVocColumns(db: EarshotDb): Promise<void> {
  memory.delete(db.name);
  await db.meta.delete(KEY);
}

/** As a new session would start (tests, benchmarks). */
export function forgetVocColumnsInMemory(dbName: string): void {
  memory.delete(dbName);
}
