/**
 * Text search without a multi-entry index. The old `*words` index made every put of a mention write
 * one index entry per distinct word (dozens), which was a third of what a put cost. Instead, each
 * write of mentions appends ONE row to the `search` store (in the same transaction, db/derived.ts):
 * the ids and words of the mentions it wrote, packed into two strings. The renderer keeps those rows
 * in memory (db/search-store.ts) and answers a search by scanning the packed strings, with exactly
 * the old index's meaning: a mention matches when every search term is the start of one of its words.
 *
 * Packing: a mention's words are each preceded by WORD, so `WORD + term` occurs in the packed text
 * exactly where a word starts with `term` (words and terms never hold WORD or DOC: they are
 * Intl.Segmenter word segments, db/derived.ts tokenize). Mentions are separated by DOC.
 */

export const WORD = '\u0001';
export const DOC = '\u0002';

/** One write's worth of searchable mentions, as stored. `seq` is the store's auto-incremented key. */
export interface SearchRow {
  seq?: number;
  /** Mention ids, joined by DOC. */
  ids: string;
  /** Each mention's words, each preceded by WORD; mentions joined by DOC (same order as `ids`). */
  docs: string;
  /**
   * Ids that may have an older entry (their words changed, or the mention was deleted): for these
   * only the newest entry counts. Every other id is written once, so no lookup is needed for it.
   */
  replaced?: string[];
}

export interface SearchEntry {
  id: string;
  /** The words as db/derived.ts tokenize gives them; empty for a deleted mention. */
  words: readonly string[];
  /** The mention may have an older entry. */
  replaces: boolean;
}

/** A short fingerprint of a mention's words, stored on the record so a rewrite with the same words writes no search entry. */
export function hashWords(words: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return `${words.length.toString(36)}.${(h >>> 0).toString(36)}`;
}

/** The row for one write; the last entry of an id written twice in one write wins (as in the put). */
export function searchRow(entries: readonly SearchEntry[]): SearchRow {
  const byId = new Map<string, SearchEntry>();
  for (const e of entries) {
    byId.delete(e.id);
    byId.set(e.id, e);
  }
  const list = [...byId.values()];
  const replaced = list.filter((e) => e.replaces).map((e) => e.id);
  const row: SearchRow = { ids: list.map((e) => e.id).join(DOC), docs: list.map((e) => e.words.map((w) => WORD + w).join('')).join(DOC) };
  if (replaced.length) row.replaced = replaced;
  return row;
}

/**
 * Consecutive rows as one (the newest entry of each id wins, and stays marked as replacing when any
 * of its entries was): a live inbox appends a row per arrival, and thousands of tiny rows load slowly.
 */
export function mergeRows(rows: readonly SearchRow[]): SearchRow {
  const entries: SearchEntry[] = [];
  const replacing = new Set<string>();
  for (const row of rows) {
    for (const id of row.replaced ?? []) replacing.add(id);
    if (!row.ids) continue;
    const docs = row.docs.split(DOC);
    row.ids.split(DOC).forEach((id, i) => entries.push({ id, words: docs[i] ? docs[i].split(WORD).slice(1) : [], replaces: false }));
  }
  return searchRow(entries.map((e) => (replacing.has(e.id) ? { ...e, replaces: true } : e)));
}

interface Chunk {
  seq: number;
  ids: string[];
  docs: string;
  /** Where each mention's words start in `docs`. */
  starts: Int32Array;
}

/** The rows in memory, searchable. Rows must be added in `seq` order. */
export class SearchChunks {
  private chunks: Chunk[] = [];
  /** Ids that have more than one entry somewhere: the seq of their newest. */
  private readonly newest = new Map<string, number>();
  private readonly replaced = new Set<string>();

  get firstSeq(): number | undefined {
    return this.chunks[0]?.seq;
  }

  get lastSeq(): number | undefined {
    return this.chunks[this.chunks.length - 1]?.seq;
  }

  /** Rows holding fewer than `entries` mentions (worth merging). */
  smallRows(entries: number): number {
    return this.chunks.reduce((n, c) => n + (c.ids.length < entries ? 1 : 0), 0);
  }

  add(rows: readonly SearchRow[]): void {
    for (const row of rows) {
      const seq = row.seq ?? (this.lastSeq ?? 0) + 1;
      if (this.lastSeq !== undefined && seq <= this.lastSeq) throw new Error(`search rows out of order: ${seq} after ${this.lastSeq}`);
      const ids = row.ids ? row.ids.split(DOC) : [];
      const starts = new Int32Array(ids.length);
      let at = 0;
      for (let i = 0; i < ids.length; i++) {
        starts[i] = at;
        const end = row.docs.indexOf(DOC, at);
        at = end < 0 ? row.docs.length : end + 1;
      }
      for (const id of row.replaced ?? []) this.replaced.add(id);
      if (this.replaced.size) for (const id of ids) if (this.replaced.has(id)) this.newest.set(id, seq);
      this.chunks.push({ seq, ids, docs: row.docs, starts });
    }
  }

  /** Ids of the mentions where every term starts one of the words (terms as tokenize gives them). */
  match(terms: readonly string[]): string[] {
    if (!terms.length) return [];
    // The longest term is likely the rarest: find it by scanning, then check the others per mention.
    const [pivot, ...rest] = [...terms].sort((a, b) => b.length - a.length);
    const needle = WORD + pivot!;
    const others = rest.map((t) => WORD + t);
    const out = new Set<string>();
    for (const c of this.chunks) {
      const { docs, starts, ids, seq } = c;
      let from = 0;
      for (;;) {
        const hit = docs.indexOf(needle, from);
        if (hit < 0) break;
        const d = docAt(starts, hit);
        const end = d + 1 < starts.length ? starts[d + 1]! - 1 : docs.length;
        from = end + 1;
        const id = ids[d]!;
        if (this.newest.size && this.newest.has(id) && this.newest.get(id) !== seq) continue;
        if (others.length) {
          const doc = docs.slice(starts[d]!, end);
          if (!others.every((o) => doc.includes(o))) continue;
        }
        out.add(id);
      }
    }
    return [...out];
  }
}

/** The mention whose words hold position `at` (the last start at or before it). */
function docAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
