/**
 * Search words read without the Segmenter where a piece is plain ASCII (db/derived.ts) are exactly
 * the words Intl.Segmenter gives over the whole text. The reference below is the tokenizer as it was
 * before: every word-like segment of the whole folded text.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { foldCase, searchWordsOf, searchWordsStartWith, tokenize } from '../../src-renderer/db/derived';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

function reference(text: string): string[] {
  const out = new Set<string>();
  for (const seg of segmenter.segment(foldCase(text))) {
    const w = seg.segment;
    if (seg.isWordLike && (w.length > 1 || /[^\p{Script=Latin}\p{N}]/u.test(w))) out.add(w.slice(0, 40));
  }
  return [...out].slice(0, 160);
}

const ROOT = join(__dirname, '..', '..');

/** Real texts: the demo mentions (with names and titles joined as search does) and the sentiment sets. */
function corpus(): string[] {
  const demo = JSON.parse(readFileSync(join(ROOT, 'resources/demo/mentions.json'), 'utf8')) as Array<{ text: string; title?: string; author: { name: string; handle: string } }>;
  const texts = demo.map((m) => [m.author.name, m.author.handle, m.title ?? '', m.text].join(' \n '));
  const dir = join(ROOT, 'tests/data/sentiment');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.tsv'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) if (line && !line.startsWith('#')) texts.push(line.split('\t')[2] ?? line);
  }
  return texts;
}

/** Pieces chosen for the rules that join characters into words, or keep them apart. */
const PIECES = [
  'a', 'z', 'Q', 'abc', 'a_b', '_', '__', 'x_', 'Word', '0', '7', '42', '3', 'ab12', ' ', ' ', ' ', '  ', '\n', '\r\n', '\t', '.', ',', ';', ':', "'", '"', '_', '-', '@', '#', '?', '!', '(', ')', '/',
  '&', '*', '[', ']', '{', '}', '~', '`', '^', '|', '\\', '+', '=', '<', '>', '%', '$', 'é', 'e\u0301', '\u0301', '\u200d', '\u200b', '\u00ad', '😀', '👍🏽', '👩\u200d💻', '🇫🇷',
  '🇫', '’', '‘', '“', '—', '→', '…', '日本語', '東京', 'ß', 'ø', 'Æ', '\u00a0', '\u3000', 'ΟΔΟΣ', 'Σ', 'ﬁ', '①', '½', 'क्ष', 'ภาษาไทย', 'Привет', '٣', 'שלום', '״', 'カタカナ', 'ｶﾀｶﾅ', 'Ⅻ', '²',
];

/** A small seeded generator, so a failure is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

describe('tokenize: plain ASCII pieces without the Segmenter give the Segmenter’s words', () => {
  it('on every demo mention and every labelled sentiment text', () => {
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(500);
    for (const t of texts) expect(tokenize(t), t).toEqual(reference(t));
  });

  it('on 4,000 random texts built from pieces that join, split or combine', () => {
    const next = rng(11);
    for (let i = 0; i < 4000; i++) {
      const n = Math.floor(next() * 24);
      let t = '';
      for (let k = 0; k < n; k++) t += PIECES[Math.floor(next() * PIECES.length)]!;
      expect(tokenize(t), JSON.stringify(t)).toEqual(reference(t));
    }
  });

  it('cases spelled out', () => {
    expect(tokenize("Don't @AcmeAir: bag. lost?? e.g. 1,000 3.14 x.com a_b _x (ok) \u0301x é")).toEqual(reference("Don't @AcmeAir: bag. lost?? e.g. 1,000 3.14 x.com a_b _x (ok) \u0301x é"));
    expect(tokenize('Gate B12 chaos 🙄 refunds? @AcmeAir #fail AC214')).toEqual(['gate', 'b12', 'chaos', 'refunds', 'acmeair', 'fail', 'ac214']);
  });
});

describe('searchWordsStartWith: a text search over records, segmenting only texts that hold every term', () => {
  /** The plain definition: every term starts one of the mention's search words. */
  const plain = (m: { text: string; author: { name: string; handle: string } }, terms: string[]): boolean => {
    const words = searchWordsOf(m);
    return terms.every((t) => words.some((w) => w.startsWith(t)));
  };

  it('agrees with the plain definition on the corpus, for terms that start words, sit inside them or span them', () => {
    const next = rng(5);
    const texts = corpus();
    let matched = 0;
    let rejectedAfterSegmenting = 0;
    for (let i = 0; i < 3000; i++) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const m = { text, author: { name: 'Ana Núñez', handle: 'ana_n' } };
      const words = searchWordsOf(m);
      const folded = foldCase(text);
      const pick = (): string => {
        const w = words[Math.floor(next() * Math.max(1, words.length))] ?? 'refund';
        const at = Math.floor(next() * folded.length);
        switch (Math.floor(next() * 4)) {
          case 0: return w.slice(0, 1 + Math.floor(next() * w.length)); // starts a word
          case 1: return w.length > 2 ? w.slice(1) : w + 'x'; // inside a word only
          case 2: return folded.slice(at, at + 2 + Math.floor(next() * 6)).trim() || 'zz'; // any piece, maybe across words
          default: return tokenize(texts[Math.floor(next() * texts.length)]!)[0] ?? 'qq'; // from another text
        }
      };
      const terms = tokenize(Array.from({ length: 1 + Math.floor(next() * 3) }, pick).join(' '));
      if (!terms.length) continue;
      const expected = plain(m, terms);
      expect(searchWordsStartWith(m, terms), JSON.stringify({ text, terms })).toBe(expected);
      if (expected) matched++;
      else if (terms.every((t) => foldCase([m.author.name, m.author.handle, '', text].join(' \n ')).includes(t))) rejectedAfterSegmenting++;
    }
    // Both answers and the case the shortcut cannot settle (every term in the text, not at a word's start) occurred.
    expect(matched).toBeGreaterThan(300);
    expect(rejectedAfterSegmenting).toBeGreaterThan(100);
  });

  it('cases spelled out: accents folded, inner pieces refused, the author found', () => {
    const m = { text: 'Mi reembolso no llegó. Refunds? @AcmeAir', author: { name: 'José Ñandú', handle: 'jose_n' } };
    expect(searchWordsStartWith(m, tokenize('llego'))).toBe(true);
    expect(searchWordsStartWith(m, tokenize('REFUND acme'))).toBe(true);
    expect(searchWordsStartWith(m, tokenize('fund'))).toBe(false);
    expect(searchWordsStartWith(m, tokenize('nandu jose'))).toBe(true);
    expect(searchWordsStartWith(m, tokenize('refund missing'))).toBe(false);
  });
});
