/**
 * Sentiment per supported language, from maintained lexicon libraries; `null` for any other
 * language, never a guess (INTERFACES.md).
 *
 * - English: the `sentiment` package as it is (AFINN-165 plus the Emoji Sentiment Ranking; a word
 *   right after "not", "don't", "isn't" ... counts the other way).
 * - Spanish, Portuguese, French, German: the @nlpjs language packages' stemmers, stop words and
 *   lexicons: the lexicon @nlpjs/sentiment picks for each language (senticon for de, pattern for fr,
 *   AFINN for pt) except Spanish, where we take the package's AFINN list over senticon: senticon-es
 *   gives the article "un" -0.375 and "perder" (to lose) +0.25 after stemming, and on the labelled
 *   set (before stop words were left out) AFINN-es was right on 59% of mentions, senticon-es on 55%.
 *   We do not use @nlpjs/sentiment's own scorer: its negation flips every word after "no" to the end
 *   of the text (across sentences), French has no negation words, and emoji are ignored. Instead a
 *   negation word flips the next three scored words of its own clause, stop words never score, and
 *   emoji count with the `sentiment` package's emoji scores, as in English.
 */
import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import { StemmerEs, SentimentEs, StopwordsEs } from '@nlpjs/lang-es';
import { StemmerPt, SentimentPt, StopwordsPt } from '@nlpjs/lang-pt';
import { StemmerFr, SentimentFr, StopwordsFr } from '@nlpjs/lang-fr';
import { StemmerDe, SentimentDe, StopwordsDe } from '@nlpjs/lang-de';
import type { Mention } from '../shared/mention';

export type SentimentValue = NonNullable<Mention['sentiment']>;

/** Languages Earshot judges; a mention in any other language gets `sentiment: null`. */
export const SENTIMENT_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'] as const;

interface Lexicon {
  stemmer: NlpStemmer;
  words: NlpLexicon;
  /** Multiplies the lexicon's values onto AFINN's -5..5 scale, so one score formula fits all. */
  scale: number;
  negators: Set<string>;
  /**
   * The package's stop words never score: the translated lexicons hold false friends of function
   * words (AFINN-es scores "con" (with) -5, as the English "con"; senticon-es scores "un" -0.375).
   */
  stopwords: Set<string>;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const negatorSet = (words: string[], extra: string[] = []): Set<string> => new Set([...words, ...extra].map(fold));
const stopwordSet = (s: NlpStopwords): Set<string> => new Set(Object.keys(s.dictionary).map(fold));

// Built on first use: a process that never hears Portuguese never loads its stemmer.
const lexicons = new Map<string, Lexicon>();
const LEXICON_MAKERS: Record<string, () => Lexicon> = {
  es: () => ({ stemmer: new StemmerEs(), stopwords: stopwordSet(new StopwordsEs()), words: SentimentEs.afinn!, scale: 1, negators: negatorSet(SentimentEs.negations.words, ['sin', 'tampoco', 'nada']) }),
  pt: () => ({ stemmer: new StemmerPt(), stopwords: stopwordSet(new StopwordsPt()), words: SentimentPt.afinn!, scale: 1, negators: negatorSet(SentimentPt.negations.words, ['sem', 'nada']) }),
  // @nlpjs lists no French negation words: "ne ... pas" (n'est pas), jamais, rien, aucun, sans.
  fr: () => ({ stemmer: new StemmerFr(), stopwords: stopwordSet(new StopwordsFr()), words: SentimentFr.pattern!, scale: 5, negators: negatorSet(SentimentFr.negations.words, ['ne', 'n', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'plus']) }),
  de: () => ({ stemmer: new StemmerDe(), stopwords: stopwordSet(new StopwordsDe()), words: SentimentDe.senticon!, scale: 5, negators: negatorSet(SentimentDe.negations.words, ['nie', 'niemals', 'ohne', 'nichts']) }),
};

function lexiconFor(lang: string): Lexicon | undefined {
  let l = lexicons.get(lang);
  if (!l && LEXICON_MAKERS[lang]) {
    l = LEXICON_MAKERS[lang]();
    lexicons.set(lang, l);
  }
  return l;
}

const english = new Sentiment();
// The package's own emoji scores (Emoji Sentiment Ranking), read as data: a JSON import would need
// import attributes in the unbundled ESM main process.
const emojiScores = createRequire(import.meta.url)('sentiment/build/emoji.json') as Record<string, number>;
const EMOJI = /\p{Extended_Pictographic}/gu;
/** How many following scored words a negation word turns around (inside its clause). */
const NEGATION_REACH = 3;
/** Where a negation stops: punctuation and the words that start a contrast. */
const CLAUSE_BREAK = /[.,;:!?¡¿()\n]+|\s(?:but|pero|mas|mais|aber|sino|sondern|cependant|porem|porém)\s/giu;

function emojiSum(text: string): number {
  let sum = 0;
  for (const e of text.match(EMOJI) ?? []) sum += emojiScores[e] ?? 0;
  return sum;
}

function lexiconSum(lex: Lexicon, text: string): number {
  let sum = 0;
  for (const clause of fold(text).split(CLAUSE_BREAK)) {
    let negated = 0;
    for (const word of clause.match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (lex.negators.has(word)) {
        // "n'est pas" holds two negation words: that is one negation, not a double one.
        negated = NEGATION_REACH;
        continue;
      }
      if (lex.stopwords.has(word)) continue;
      const v = lex.words[lex.stemmer.stemWord(word)];
      if (v === undefined || v === 0) continue;
      sum += (negated > 0 ? -v : v) * lex.scale;
      if (negated > 0) negated--;
    }
  }
  return sum;
}

/** AFINN-scale sum -> -1..1, the way VADER normalises its sums: steep near 0, flat far from it. */
const normalise = (sum: number): number => Math.round((sum / Math.sqrt(sum * sum + 15)) * 100) / 100;

/** The sentiment of a text in a language (a BCP 47 primary tag), or null when we cannot judge it. */
export function judgeSentiment(text: string, lang: string | null | undefined): SentimentValue | null {
  if (!lang) return null;
  let sum: number;
  if (lang === 'en') {
    // The package splits on spaces only: keep an emoji glued to a word ("great👍") its own token.
    sum = english.analyze(text.replace(EMOJI, ' $& ')).score;
  } else {
    const lex = lexiconFor(lang);
    if (!lex) return null;
    sum = lexiconSum(lex, text) + emojiSum(text);
  }
  const score = normalise(sum);
  return { label: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral', score };
}
