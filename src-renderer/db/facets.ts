/**
 * Language, sentiment and topics of a mention as one multi-entry index (`facets`), so the inbox can
 * filter by any of the three from one index instead of three: `lang:es`, `sentiment:negative`,
 * `topic:refunds`. A mention without a language is `lang:unknown`, one without a judged sentiment
 * `sentiment:unjudged` (before enrichment, or a language Earshot cannot judge), so those can be
 * filtered too. Derived on every write (db/derived.ts).
 */
import type { Mention } from '../../src-main/shared/mention';

export const UNKNOWN_LANG = 'unknown';
export const UNJUDGED = 'unjudged';
export const SENTIMENT_VALUES = ['negative', 'neutral', 'positive', UNJUDGED] as const;
export type SentimentValue = (typeof SENTIMENT_VALUES)[number];
export type FacetKind = 'lang' | 'sentiment' | 'topic';

export const langOf = (m: Pick<Mention, 'lang'>): string => (m.lang ? m.lang.toLowerCase() : UNKNOWN_LANG);
export const sentimentOf = (m: Pick<Mention, 'sentiment'>): SentimentValue => m.sentiment?.label ?? UNJUDGED;

export function facetsOf(m: Pick<Mention, 'lang' | 'sentiment' | 'topics'>): string[] {
  return [`lang:${langOf(m)}`, `sentiment:${sentimentOf(m)}`, ...(m.topics ?? []).map((t) => `topic:${t}`)];
}

export const facetKey = (kind: FacetKind, value: string): string => `${kind}:${value}`;

/** Splits the index's keys back into the values in use, for the filters' choices. */
export function facetValues(keys: readonly string[]): Record<FacetKind, string[]> {
  const out: Record<FacetKind, string[]> = { lang: [], sentiment: [], topic: [] };
  for (const k of keys) {
    const at = k.indexOf(':');
    const kind = k.slice(0, at) as FacetKind;
    if (kind in out) out[kind].push(k.slice(at + 1));
  }
  return out;
}
