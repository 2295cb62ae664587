/** The report's columns as stored in a Blob (columns-blob.ts), read and rewritten the way the app does. */
import type { EarshotDb } from '../../../src-renderer/db/schema';
import { packColumns, readColumns, type StoredColumns, type TypedColumn } from '../../../src-renderer/reports/columns-blob';

type Key = 'reportFacts' | 'reportOutcomes';
const holder = (key: Key): 'facts' | 'outcomes' => (key === 'reportFacts' ? 'facts' : 'outcomes');

/** A stored value: the facts' or the outcome columns' (whichever `key`), with the rest of its fields. */
export interface SavedValue {
  tag: string;
  version: number;
  facts: { n: number; strings: string; columns: StoredColumns } & Record<string, unknown>;
  outcomes: { columns: StoredColumns } & Record<string, unknown>;
  [field: string]: unknown;
}

/** The stored value under `key` (undefined: none). */
export async function storedValue(db: EarshotDb, key: Key): Promise<SavedValue | undefined> {
  return (await db.meta.get(key))?.value as SavedValue | undefined;
}

/** The columns stored under `key`, by name (undefined: none stored). */
export async function storedColumns(db: EarshotDb, key: Key): Promise<Map<string, TypedColumn> | undefined> {
  const v = await storedValue(db, key);
  const columns = v?.[holder(key)]?.columns as StoredColumns | undefined;
  return columns ? readColumns(columns) : undefined;
}

/** Rewrites the columns stored under `key`, `change` given each column (a copy) by name. */
export async function rewriteColumns(db: EarshotDb, key: Key, change: (cols: Map<string, TypedColumn>) => void): Promise<void> {
  const v = (await storedValue(db, key))!;
  const read = (await storedColumns(db, key))!;
  const cols = new Map([...read].map(([k, c]) => [k, c.slice()] as const));
  change(cols);
  const part = v[holder(key)];
  await db.meta.put({ key, value: { ...v, [holder(key)]: { ...part, columns: packColumns([...cols]) } } });
}

/**
 * Rewrites the stored facts as a save of an older version (5 or 6), as such a build stored them:
 * every column in the value, as it is unless `form` gives its stored form (version 6: facts-codec.ts);
 * with `stringsAsArray`, the string table as an array without lengths or order (the oldest save of 5).
 * The header goes with it.
 */
export async function storeAsOlder(db: EarshotDb, version: 5 | 6, opts: { form?: (name: string, col: TypedColumn, all: Map<string, TypedColumn>) => unknown; stringsAsArray?: boolean } = {}): Promise<void> {
  const v = (await storedValue(db, 'reportFacts'))!;
  const cols = new Map([...(await storedColumns(db, 'reportFacts'))!].map(([k, c]) => [k, c.slice()] as const));
  const { columns: _columns, ...facts } = v.facts;
  const lengths = cols.get('stringLengths') as Int32Array;
  const order = cols.get('stringOrder') as Int32Array;
  const named = [...cols].filter(([k]) => k !== 'stringLengths' && k !== 'stringOrder');
  const columns = Object.fromEntries(named.map(([k, c]) => [k, opts.form ? opts.form(k, c, cols) : c]));
  let at = 0;
  const table = opts.stringsAsArray ? { strings: [...lengths].map((n) => facts.strings.slice(at, (at += n))) } : { stringLengths: lengths };
  const value = { ...v, version, facts: { ...facts, ...columns, ...table }, ...(opts.stringsAsArray ? {} : { stringOrder: order }) };
  await db.meta.put({ key: 'reportFacts', value });
  const header = (await storedHeader(db))!;
  await db.meta.put({ key: 'reportFactsHeader', value: { ...header, version, tag: v.tag, factsTag: undefined } });
}

const storedHeader = async (db: EarshotDb): Promise<Record<string, unknown> | undefined> => (await db.meta.get('reportFactsHeader'))?.value as Record<string, unknown> | undefined;
