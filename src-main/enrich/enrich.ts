/**
 * Enrichment of a mention when Earshot hears it: language, sentiment, topics. Runs in main on the
 * poller's path (before the mention enters the outbox) and in `npm run enrich`, so what the CLI
 * prints is what the app stores. Synchronous and cheap: the benchmark (tests/bench/enrich.bench.ts)
 * holds it under 1 ms per mention.
 */
import type { Mention } from '../shared/mention';
import { compileRules, matchTopics, topicText, type CompiledRule, type TopicRules } from '../shared/enrich/topic-rules';
import { mentionLanguage } from './language';
import { judgeSentiment } from './sentiment';

type Enrichable = Pick<Mention, 'text' | 'title' | 'lang'>;
export type Enrichment = Required<Pick<Mention, 'lang' | 'sentiment' | 'topics'>>;

export class Enricher {
  private rules: CompiledRule[];

  constructor(rules: TopicRules = { topics: [] }) {
    this.rules = compileRules(rules.topics);
  }

  setRules(rules: TopicRules): void {
    this.rules = compileRules(rules.topics);
  }

  /** Language, sentiment and topics of one mention. */
  compute(m: Enrichable): Enrichment {
    const text = topicText(m);
    const lang = mentionLanguage(text, m.lang);
    return { lang, sentiment: judgeSentiment(text, lang), topics: matchTopics(this.rules, text) };
  }

  /** The mention with lang, sentiment and topics filled in (a new object; the input is left alone). */
  enrich<M extends Enrichable>(m: M): M & Enrichment {
    return { ...m, ...this.compute(m) };
  }
}
