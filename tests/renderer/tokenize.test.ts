/**
 * Search words read without the Segmenter where a piece is plain ASCII (db/derived.ts) are exactly
 * the words Intl.Segmenter gives over the whole text. The reference below is the tokenizer as it was
 * before: every word-like segment of the whole folded text.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { foldCase, tokenize } from '../../src-renderer/db/derived';

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
