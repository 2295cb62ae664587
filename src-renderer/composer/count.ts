/**
 * Counting as X counts, with X's own library (twitter-text): weighted length where a URL is 23
 * whatever its length, an emoji 2, a CJK character 2. Other channels have no limit we know of.
 */
// The package's ES build has only a default export (its CommonJS build has named ones too).
import twitterText from 'twitter-text';

export const X_LIMIT = 280;

export interface XCount {
  weighted: number;
  limit: number;
  over: boolean;
  /** twitter-text's verdict: not empty, no invalid characters, within the limit. */
  valid: boolean;
}

export function countForX(text: string): XCount {
  const p = twitterText.parseTweet(text);
  return { weighted: p.weightedLength, limit: X_LIMIT, over: p.weightedLength > X_LIMIT, valid: p.valid };
}
