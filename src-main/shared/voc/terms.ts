/**
 * The words of a mention as rising terms count them: lower-case, Latin accents folded ("Reembolsó"
 * and "reembolso" are one term), links and @handles left out, single letters and bare numbers too.
 * The sequence is kept (not a set) so two-word phrases can be formed from neighbours once the
 * report knows which words are stop words.
 */

/** Lower-case, Latin letters without their accents; other scripts kept whole. */
export function foldTerm(s: string): string {
  return s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC').toLowerCase();
}

const LINKS = /\bhttps?:\/\/\S+|\bwww\.\S+|[@][\p{L}\p{N}_.]+/gu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Long texts (a long review) are counted on their first words only, so one post weighs like another. */
const MAX_TOKENS = 200;

/** The words of a text, in order, as terms are counted. */
export function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const m of foldTerm(text.replace(LINKS, ' ')).matchAll(WORD)) {
    // "don't" and "dont" are one word; a word is kept only if it has two characters and a letter.
    const w = m[0].replace(/['’]/g, '');
    if (w.length < 2 || !/\p{L}/u.test(w)) continue;
    out.push(w);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

/**
 * Terms of a token sequence: each word that is not a stop word, and each two neighbouring words
 * that are both not stop words ("app update"); a phrase never spans a stop word ("lost my bag" gives
 * "lost", "bag", and no phrase). Each term once per mention.
 */
export function termsOf(tokens: readonly string[], stop: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  let prev: string | undefined;
  for (const t of tokens) {
    if (stop.has(t)) {
      prev = undefined;
      continue;
    }
    out.add(t);
    if (prev !== undefined) out.add(`${prev} ${t}`);
    prev = t;
  }
  return [...out];
}
