/**
 * Fields derived from a mention so IndexedDB can answer the inbox's questions from indexes, without
 * reading 200,000 records: `words` (text search over the text and the author), `facets` (language,
 * sentiment and topics, db/facets.ts) and `unread` (open and
 * never opened; a sparse index, so only unread mentions are in it). A DBCore middleware computes them
 * on every write to `mentions`, so no writer (ingest, actions, upgrades) can forget or get them wrong.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { Mention } from '../../src-main/shared/mention';
import { facetsOf } from './facets';

/** At most this many distinct words per mention are indexed (long reviews stay cheap). */
const MAX_WORDS = 160;

const segmenter: Intl.Segmenter | undefined =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : undefined;

/** Lower-case, Latin letters without accents (so "Café" is found by "cafe"); other scripts kept whole. */
export function foldCase(s: string): string {
  return s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').toLowerCase();
}

/**
 * Words of a text, as the search index holds them. Intl.Segmenter splits CJK text into words too;
 * single Latin letters and digits are dropped (they would match everything), single CJK characters kept.
 */
export function tokenize(text: string): string[] {
  const folded = foldCase(text);
  const out = new Set<string>();
  const add = (w: string): void => {
    if (w.length > 1 || /[^\p{Script=Latin}\p{N}]/u.test(w)) out.add(w.slice(0, 40));
  };
  if (segmenter) {
    for (const seg of segmenter.segment(folded)) if (seg.isWordLike) add(seg.segment);
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

/** The derived fields of one mention record. */
export function derivedFields(m: Derivable): { words: string[]; facets: string[]; unread?: 1 } {
  const words = tokenize([m.author?.name ?? '', m.author?.handle ?? '', m.title ?? '', m.text ?? ''].join(' \n '));
  const facets = facetsOf(m);
  return m.open === 1 && m.seen !== 1 ? { words, facets, unread: 1 } : { words, facets };
}

function withDerived(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const v = { ...(value as Derivable & Record<string, unknown>) };
  delete v.unread;
  return Object.assign(v, derivedFields(v));
}

export const derivedFieldsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'earshot-derived-fields',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'mentions') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type === 'add' || req.type === 'put') return table.mutate({ ...req, values: req.values.map(withDerived) });
            return table.mutate(req);
          },
        };
      },
    };
  },
};
