/**
 * Fields derived from a mention so IndexedDB can answer the inbox's questions from indexes, without
 * reading 200,000 records: `facets` (language, sentiment and topics, db/facets.ts) and `unread` (open
 * and never opened; a sparse index, so only unread mentions are in it). A DBCore middleware computes
 * them on every write to `mentions`, so no writer (ingest, actions, upgrades) can forget or get them
 * wrong. The same middleware keeps text search (db/search-text.ts): every write that adds a mention or
 * changes its words appends one `search` row in the same transaction; `wordsHash` on the record tells
 * a rewrite with the same words (an assignment, a tag) from one that needs a new entry.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Mention } from '../../src-main/shared/mention';
import { facetsOf } from './facets';
import { hashWords, searchRow, type SearchEntry } from './search-text';
import { storeInTransaction } from './dbcore-store';

/** The store of search rows (schema v6). */
export const SEARCH_STORE = 'search';

/** At most this many distinct words per mention are indexed (long reviews stay cheap). */
const MAX_WORDS = 160;

const segmenter: Intl.Segmenter | undefined =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : undefined;

/** Lower-case, Latin letters without accents (so "Café" is found by "cafe"); other scripts kept whole. */
export function foldCase(s: string): string {
  return s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').toLowerCase();
}

const SPACE = 32;
const NEWLINE = 10;

/**
 * The word-like segments of `folded` (lower case), in order, exactly as Intl.Segmenter gives them
 * over the whole text, with most of the text read without it (its per-segment cost was most of the
 * cost of writing a mention's search row). No word spans a space or a line break (Unicode UAX #29),
 * so the text is read piece by piece between them. A piece of plain ASCII, letters, digits and `_`
 * in one run (a word, a handle) with other ASCII punctuation before or after it, is that one word:
 * the rules join letters, digits and `_`, and break around every other ASCII sign when no letter or
 * digit follows it. Any other piece is segmented together with the spaces before it (a combining
 * mark or a joiner after a space belongs to the space), the same context as in the whole text; all
 * such pieces of a text in ONE call, joined by line breaks (a line break always breaks, and after one
 * a mark or a joiner starts anew, as at the start of a text), since each call has a fixed cost.
 */
function eachWord(seg: Intl.Segmenter, folded: string, add: (w: string) => void): void {
  const n = folded.length;
  // Plain words, and the numbers of the other pieces, in text order.
  const parts: Array<string | number> = [];
  let others = '';
  const starts: number[] = [];
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    let c = folded.charCodeAt(i);
    if (c === SPACE || c === NEWLINE) {
      i++;
      continue;
    }
    // Where the word run starts and ends; `plain` while the piece is punctuation, one run, punctuation.
    let from = -1;
    let to = -1;
    let plain = true;
    let letters = false;
    for (; i < n && (c = folded.charCodeAt(i)) !== SPACE && c !== NEWLINE; i++) {
      if (!plain) continue;
      const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (alnum || c === 95) {
        if (from < 0) from = i;
        else if (to >= 0) plain = false; // a second run: "first-time", "a.b"
        letters ||= alnum;
      } else if (c > 32 && c < 127 && !(c >= 65 && c <= 90)) {
        if (from >= 0 && to < 0) to = i;
      } else {
        plain = false;
      }
    }
    if (plain && (from < 0 || letters)) {
      if (from >= 0) parts.push(folded.slice(from, to < 0 ? i : to));
    } else {
      if (starts.length) others += '\n';
      parts.push(starts.length);
      starts.push(others.length);
      others += folded.slice(prevEnd, i);
    }
    prevEnd = i;
  }
  const words: string[][] = starts.map(() => []);
  if (starts.length) {
    let piece = 0;
    for (const s of seg.segment(others)) {
      while (piece + 1 < starts.length && starts[piece + 1]! <= s.index) piece++;
      if (s.isWordLike) words[piece]!.push(s.segment);
    }
  }
  for (const p of parts) {
    if (typeof p === 'string') add(p);
    else for (const w of words[p]!) add(w);
  }
}

/**
 * Words of a text, as the search index holds them. Intl.Segmenter splits CJK text into words too;
 * single Latin letters and digits are dropped (they would match everything), single CJK characters kept.
 */
export function tokenize(text: string): string[] {
  return wordsOfFolded(foldCase(text));
}

function wordsOfFolded(folded: string): string[] {
  const out = new Set<string>();
  const add = (w: string): void => {
    if (w.length > 1 || /[^\p{Script=Latin}\p{N}]/u.test(w)) out.add(w.slice(0, 40));
  };
  if (segmenter) {
    eachWord(segmenter, folded, add);
  } else {
    for (const w of folded.split(/[^\p{L}\p{N}]+/u)) if (w) add(w);
  }
  return [...out].slice(0, MAX_WORDS);
}

interface Derivable {
  text?: string;
  title?: string;
  author?: { name?: string; handle?: string };
  open?: number;
  seen?: number;
  lang?: Mention['lang'];
  sentiment?: Mention['sentiment'];
  topics?: Mention['topics'];
}

/** What a mention's search words are taken from: its author's name and handle, its title and its text. */
function searchSourceOf(m: Derivable): string {
  return [m.author?.name ?? '', m.author?.handle ?? '', m.title ?? '', m.text ?? ''].join(' \n ');
}

/** The words a search finds a mention by: its author's name and handle, its title and its text. */
export function searchWordsOf(m: Derivable): string[] {
  return tokenize(searchSourceOf(m));
}

/**
 * Whether every term (as tokenize gives them) starts one of the mention's search words. Each word is
 * a piece of the folded text, so a text where some term does not occur at all is not segmented: a
 * text search's first rows check hundreds of records, most of which hold none of the terms.
 */
export function searchWordsStartWith(m: Derivable, terms: readonly string[]): boolean {
  const folded = foldCase(searchSourceOf(m));
  if (!terms.every((t) => folded.includes(t))) return false;
  const words = wordsOfFolded(folded);
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * Words worked out ahead, by mention id, with the text they came from: delivery primes them as a
 * page arrives (while the previous page's write keeps IndexedDB busy), and the write that follows
 * takes them instead of tokenizing inside its transaction. Used once; a record whose text is not
 * the primed one is tokenized as usual, so the words are always the record's own.
 */
const primed = new Map<string, { source: string; words: string[] }>();
/** More primed than this (pages that were never written): start over rather than grow. */
const MAX_PRIMED = 20_000;

export function primeSearchWords(m: Derivable & { id: string }): void {
  if (primed.size >= MAX_PRIMED) primed.clear();
  const source = searchSourceOf(m);
  primed.set(m.id, { source, words: tokenize(source) });
}

function wordsForWrite(v: Derivable & { id?: unknown }): string[] {
  const source = searchSourceOf(v);
  const ahead = typeof v.id === 'string' ? primed.get(v.id) : undefined;
  if (ahead) primed.delete(v.id as string);
  return ahead && ahead.source === source ? ahead.words : tokenize(source);
}

/** Open and never opened by an agent: counted as unread (the `unread` field, derived here). */
export const isUnread = (m: Pick<Derivable, 'open' | 'seen'>): boolean => m.open === 1 && m.seen !== 1;

/** The derived fields of one mention record (`words`: pass them when already computed). */
export function derivedFields(m: Derivable, words = searchWordsOf(m)): { wordsHash: string; facets: string[]; unread?: 1 } {
  const wordsHash = hashWords(words);
  const facets = facetsOf(m);
  return isUnread(m) ? { wordsHash, facets, unread: 1 } : { wordsHash, facets };
}

/** The record with its derived fields, and its search entry when its words are new or changed. */
function withDerived(value: unknown): { value: unknown; entry?: SearchEntry } {
  if (!value || typeof value !== 'object') return { value };
  const v = { ...(value as Derivable & Record<string, unknown>) };
  const before = typeof v.wordsHash === 'string' ? v.wordsHash : undefined;
  // `words` was the v3-v5 search field (a multi-entry index); search rows replace it.
  delete v.unread;
  delete v.words;
  const words = wordsForWrite(v);
  Object.assign(v, derivedFields(v, words));
  if (before === v.wordsHash || typeof v.id !== 'string') return { value: v };
  return { value: v, entry: { id: v.id, words, replaces: before !== undefined } };
}

/**
 * The search store within this transaction, or undefined inside the upgrades to v3-v5, which run
 * before the store exists (the upgrade to v6 writes every mention's entry itself).
 */
const searchStoreOf = (down: DBCore, trans: DBCoreTransaction): DBCoreTable | undefined => storeInTransaction(down, trans, SEARCH_STORE);

function appendSearch(search: DBCoreTable | undefined, trans: DBCoreTransaction, entries: readonly SearchEntry[]): Promise<unknown> | undefined {
  return search && entries.length ? search.mutate({ type: 'add', trans, values: [searchRow(entries)] }) : undefined;
}

/** DBCoreRangeType.Any (a const enum, not importable under isolatedModules): a clear(). */
const RANGE_ANY = 3;

export const derivedFieldsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'earshot-derived-fields',
  create(down) {
    return {
      ...down,
      // Every read-write transaction over mentions also covers the search rows, so each write of
      // mentions appends its search row atomically with it, whoever opened the transaction.
      transaction(stores, mode, options) {
        const withSearch = mode === 'readwrite' && stores.includes('mentions') && !stores.includes(SEARCH_STORE) ? [...stores, SEARCH_STORE] : stores;
        return down.transaction(withSearch, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'mentions') return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            const search = searchStoreOf(down, req.trans);
            if (req.type === 'add' || req.type === 'put') {
              const derived = req.values.map(withDerived);
              const entries = derived.flatMap((d) => (d.entry ? [d.entry] : []));
              const [res] = await Promise.all([
                table.mutate({ ...req, values: derived.map((d) => d.value) }),
                appendSearch(search, req.trans, entries),
              ]);
              return res;
            }
            if (req.type === 'delete') {
              // A deleted mention leaves an empty entry, so an older one can never match again.
              const entries = req.keys.filter((k): k is string => typeof k === 'string').map((id) => ({ id, words: [], replaces: true }));
              const [res] = await Promise.all([table.mutate(req), appendSearch(search, req.trans, entries)]);
              return res;
            }
            if (search && req.range.type === RANGE_ANY) {
              const [res] = await Promise.all([table.mutate(req), search.mutate({ type: 'deleteRange', trans: req.trans, range: req.range })]);
              return res;
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
