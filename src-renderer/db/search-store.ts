/**
 * The search rows of a database, kept in memory (db/search-text.ts). Loaded once (the inbox warms it
 * as it opens, so the first search does not wait for it), then each search first reads only the rows
 * written since: one key range read, so a mention stored a moment ago is found like the others.
 */
import type { EarshotDb } from './schema';
import { SearchChunks } from './search-text';

interface Loaded {
  chunks: SearchChunks;
  /** The last refresh asked for; each waits for the one before (rows are added in order). */
  tail: Promise<unknown>;
}

const loaded = new WeakMap<EarshotDb, Loaded>();

async function refresh(db: EarshotDb, state: Loaded): Promise<SearchChunks> {
  let chunks = state.chunks;
  const first = (await db.search.limit(1).primaryKeys())[0];
  // Cleared or rewritten since it was loaded (the mentions were cleared): load it again.
  if (chunks.firstSeq !== undefined && first !== chunks.firstSeq) chunks = state.chunks = new SearchChunks();
  const after = chunks.lastSeq;
  const rows = after === undefined ? await db.search.toArray() : await db.search.where(':id').above(after).toArray();
  chunks.add(rows);
  return chunks;
}

/** The search rows, with every row committed before the call (refreshes run one after another). */
export function searchChunks(db: EarshotDb): Promise<SearchChunks> {
  let state = loaded.get(db);
  if (!state) loaded.set(db, (state = { chunks: new SearchChunks(), tail: Promise.resolve() }));
  const s = state;
  const next = s.tail.then(
    () => refresh(db, s),
    () => refresh(db, s),
  );
  s.tail = next;
  return next;
}

/** Ids of the mentions where every term starts one of their words (terms: inbox-filter searchTerms). */
export async function searchIds(db: EarshotDb, terms: readonly string[]): Promise<string[]> {
  return (await searchChunks(db)).match(terms);
}

/** Loads the search rows ahead of the first search (the inbox calls it once its first rows are drawn). */
export function warmSearch(db: EarshotDb): void {
  searchChunks(db).catch((e: unknown) => console.error('earshot: search could not be loaded', e));
}
