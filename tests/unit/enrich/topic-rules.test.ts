import { describe, expect, it } from 'vitest';
import { TopicRulesSchema, compileRules, matchTopics, normalizeForMatch, type TopicRule } from '../../../src-main/shared/enrich/topic-rules';

const rule = (id: string, any: string[], none?: string[]): TopicRule => ({ id, name: id, any, ...(none ? { none } : {}) });

describe('topic rules match whole words and phrases, ignoring case and accents', () => {
  const cases: Array<[string, TopicRule, string, boolean]> = [
    ['a whole word', rule('bag', ['bag']), 'Where is my bag?', true],
    ['not inside a longer word', rule('bag', ['bag']), 'the baggage hall', false],
    ['not the start of a word', rule('refund', ['refund']), 'refunded already', false],
    ['a word at the very start and end', rule('wifi', ['wifi']), 'wifi', true],
    ['a phrase', rule('lost', ['lost bag']), 'I have a LOST   bag at JFK', true],
    ['a phrase across punctuation', rule('lost', ['lost bag']), 'lost, bag', true],
    ['a phrase in the wrong order', rule('lost', ['lost bag']), 'bag lost', false],
    ['case', rule('refund', ['Refund']), 'REFUND PLEASE', true],
    ['accents in the text', rule('reembolso', ['reembolso']), 'Reembolsó hoy', true],
    ['accents in the term', rule('reembolso', ['reembolsó']), 'quiero reembolso', true],
    ['Portuguese cedilla and tilde', rule('bagagem', ['extravio de bagagem']), 'EXTRAVIO DE BAGAGEM no voo', true],
    ['French', rule('retard', ['retard']), 'Encore un retard à Lisbonne', true],
    ['German umlaut', rule('verspaetung', ['verspätung']), 'Schon wieder Verspatung', true],
    ['German compound is another word', rule('koffer', ['koffer']), 'Kofferband kaputt', false],
    ['none vetoes', rule('lost', ['lost bag'], ['found it']), 'lost bag... oh wait found it', false],
    ['none without a hit of any', rule('lost', ['lost bag'], ['found it']), 'lost bag still missing', true],
    ['none is a whole word too', rule('lost', ['lost bag'], ['found']), 'lost bag, they foundation', true],
    ['any of several', rule('refund', ['refund', 'money back', 'reembolso']), 'I want my money back', true],
    ['digits are words', rule('flight', ['ac214']), 'Flight AC214 late', true],
    ['hashtags count as the word', rule('wifi', ['wifi']), 'no #wifi again', true],
    ['an empty text', rule('bag', ['bag']), '', false],
  ];
  it.each(cases)('%s', (_name, r, text, expected) => {
    expect(matchTopics(compileRules([r]), text)).toEqual(expected ? [r.id] : []);
  });

  it('returns ids in rule order, every rule that matches', () => {
    const rules = compileRules([rule('wifi', ['wifi']), rule('refund', ['refund']), rule('delay', ['late'])]);
    expect(matchTopics(rules, 'late flight, no wifi, want a refund')).toEqual(['wifi', 'refund', 'delay']);
  });

  it('normalises to padded words', () => {
    expect(normalizeForMatch('  Ça, c’est   NUL! ')).toBe(' ca c est nul ');
  });
});

describe('topic rules schema', () => {
  it('accepts the INTERFACES.md example', () => {
    const r = TopicRulesSchema.safeParse({
      topics: [
        { id: 'refunds', name: 'Refunds', any: ['refund', 'money back', 'reembolso', 'chargeback'] },
        { id: 'lost-luggage', name: 'Lost luggage', any: ['lost bag', 'lost my bag', 'baggage', 'mala perdida'], none: ['found it'] },
      ],
    });
    expect(r.success).toBe(true);
  });
  it.each([
    ['duplicate ids', { topics: [rule('a', ['x']), rule('a', ['y'])] }, 'used twice'],
    ['no terms', { topics: [rule('a', [])] }, 'at least one term'],
    ['a blank term', { topics: [rule('a', ['  '])] }, 'cannot be empty'],
    ['an id with spaces', { topics: [rule('a b', ['x'])] }, 'lower-case'],
  ])('refuses %s with a message', (_n, value, message) => {
    const r = TopicRulesSchema.safeParse(value);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
});
