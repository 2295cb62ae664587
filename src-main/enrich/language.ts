/**
 * A mention's language as a BCP 47 primary tag: the network's own where it says (X's `lang`, a
 * feed's language), else detected from the text with franc-min (trigrams, 82 languages); `null`
 * when the text is too short or too unclear to tell (INTERFACES.md), never a guess.
 */
import { francAll } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/**
 * Below this many letters (links, handles, the "#" of hashtags and emoji removed) detection gives up.
 * Measured on the labelled sets in tests/data/sentiment (tests/unit/enrich/results.md, "Where it
 * gives up"): franc-min is right on 49% of mentions cut to 10 letters, 67% at 15, 75% at 20, 87% at
 * 30. Below 20 it is wrong too often to store as a fact that filters and fairness reports group by.
 */
export const MIN_LETTERS = 20;
/**
 * franc scores every language from 0 to 1 (the best is 1). When the runner-up is this close, the text
 * reads as both (short Spanish vs Portuguese, say): we say null rather than pick one.
 */
export const MIN_MARGIN = 0.02;

/** Tags that say "no language" or "not a language" (X: und, zxx, qme media, qht hashtags, qam mentions ...). */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis']);
/** Old or individual codes whose BCP 47 form is another tag. */
const TAG_ALIASES: Record<string, string> = { in: 'id', iw: 'he', ji: 'yi', jw: 'jv', tl: 'fil', nb: 'no', nn: 'no' };
/** franc's individual languages whose macrolanguage has the two-letter code people use. */
const FRANC_MACRO: Record<string, string> = {
  arb: 'ar', pes: 'fa', zlm: 'ms', uzn: 'uz', azj: 'az', npi: 'ne', plt: 'mg', swh: 'sw', pbu: 'ps', qug: 'qu', cmn: 'zh', ckb: 'ku',
};

/** The network's language tag as a primary tag, or undefined when it does not name a language. */
export function normalizeNetworkLang(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary) || NO_LANGUAGE.has(primary)) return undefined;
  // qaa-qtz are private use: X uses them for "media only", "hashtags only" and so on.
  if (/^q[a-t][a-z]$/.test(primary)) return undefined;
  return TAG_ALIASES[primary] ?? primary;
}

/** The text with what carries no language removed: links, @handles, the "#" of hashtags, emoji. */
export function languageText(text: string): string {
  return text
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/(^|\s)@\w+/g, ' ')
    .replace(/#/g, '')
    .replace(/[^\p{L}\p{M}\s'’-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const letterCount = (s: string): number => s.match(/\p{L}/gu)?.length ?? 0;

const toTag = (iso3: string): string => FRANC_MACRO[iso3] ?? iso6393To1[iso3] ?? iso3;

/** Detects the language of a text, or null when it is too short or unclear. */
export function detectLanguage(text: string): string | null {
  const clean = languageText(text);
  if (letterCount(clean) < MIN_LETTERS) return null;
  const ranked = francAll(clean, { minLength: 1 });
  const [best, second] = ranked;
  if (!best || best[0] === 'und') return null;
  if (second && best[1] - second[1] < MIN_MARGIN) return null;
  return toTag(best[0]);
}

/** The network's language where it says, else the detected one. */
export function mentionLanguage(text: string, networkLang: string | null | undefined): string | null {
  return normalizeNetworkLang(networkLang) ?? detectLanguage(text);
}
