/**
 * The search rows of a database, kept in memory (db/search-text.ts). Loaded once (the inbox warms it
 * as it opens, so the first search does not wait for it), then each search first reads only the rows
 * written since: one key range read, so a mention stored a moment ago is found like the others.
 */
import type { EarshotDb } from './schema';
import { DOC, SearchChunks, mergeRows, type SearchRow } from './search-text';

/** A row with fewer mentions than this is small; past SMALL_ROWS of them, they are merged. */
const SMALL_ROW = 500;
const SMALL_ROWS = 200;
/** Mentions per merged row. */
const MERGED_ROW = 2000;

interface Loaded {
  chunks: SearchChunks;
  /** The last refresh asked for; each waits for the one before (rows are added in order). */
  tail: Promise<unknown>;
}

const loaded = new WeakMap<EarshotDb, Loaded>();

async function refresh(db: EarshotDb, state: Loaded, compacted = false): Promise<SearchChunks> {
  let chunks = state.chunks;
  const first = (await db.search.limit(1).primaryKeys())[0];
  // Cleared or rewritten since it was loaded (the mentions were cleared): load it again.
  if (chunks.firstSeq !== undefined && first !== chunks.firstSeq) chunks = state.chunks = new SearchChunks();
  const after = chunks.lastSeq;
  const rows = after === undefined ? await db.search.toArray() : await db.search.where(':id').above(after).toArray();
  chunks.add(rows);
  if (!compacted && chunks.smallRows(SMALL_ROW) > SMALL_ROWS) {
    await compactSearch(db);
    state.chunks = new SearchChunks();
    return refresh(db, state, true);
  }
  return chunks;
}

/**
 * Merges runs of consecutive small rows into rows of about MERGED_ROW mentions, each keeping the seq
 * of the last row it replaces so its order among the other rows stays. One read-write transaction:
 * writers of mentions (which append rows) wait for it.
 */
export async function compactSearch(db: EarshotDb): Promise<void> {
  await db.transaction('rw', db.search, async () => {
    const rows = await db.search.toArray();
    let run: SearchRow[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (run.length > 1) {
        await db.search.bulkDelete(run.map((r) => r.seq!));
        await db.search.put({ ...mergeRows(run), seq: run[run.length - 1]!.seq! });
      }
      run = [];
      size = 0;
    };
    for (const row of rows) {
      const n = row.ids ? row.ids.split(DOC).length : 0;
      if (n >= SMALL_ROW || size + n > MERGED_ROW) await flush();
      if (n >= SMALL_ROW) continue;
      run.push(row);
      size += n;
    }
    await flush();
  });
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

/** Loads the search rows ahead of the first search (the inbox calls it once its first rows are drawn); resolves once done or failed. */
export function warmSearch(db: EarshotDb): Promise<void> {
  return searchChunks(db).then(
    () => undefined,
    (e: unknown) => console.error('earshot: search could not be loaded', e),
  );
}
