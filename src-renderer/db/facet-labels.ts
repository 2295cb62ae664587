/**
 * Words for language, sentiment and topic values, shown as text (never colour alone): "ES",
 * "negative", a topic's name. Topic names come from the topic rules once they are stored in the app;
 * until a rule's name is known its id is shown.
 */
import { UNJUDGED, UNKNOWN_LANG } from './facets';

const topicNames = new Map<string, string>();

/** Names of topic rules by id (set by whoever holds the rules). */
export function setTopicNames(rules: ReadonlyArray<{ id: string; name: string }>): void {
  topicNames.clear();
  for (const r of rules) topicNames.set(r.id, r.name);
}

export const topicLabel = (id: string): string => topicNames.get(id) ?? id;

/** "ES"; "unknown" for a mention whose language could not be told. */
export const langCode = (lang: string | null | undefined): string => (lang && lang !== UNKNOWN_LANG ? lang.toUpperCase() : UNKNOWN_LANG);

let names: Intl.DisplayNames | undefined;
/** "ES · Spanish", for the filter's choices. */
export function langLabel(lang: string): string {
  if (lang === UNKNOWN_LANG) return 'unknown';
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' });
    const n = names.of(lang);
    return n && n !== lang ? `${lang.toUpperCase()} · ${n}` : lang.toUpperCase();
  } catch {
    return lang.toUpperCase();
  }
}

export const sentimentLabel = (label: string | undefined): string => (!label || label === UNJUDGED ? 'not judged' : label);
