import { describe, expect, it } from 'vitest';
import { Enricher } from '../../../src-main/enrich/enrich';
import { detectLanguage, normalizeNetworkLang, mentionLanguage } from '../../../src-main/enrich/language';
import { judgeSentiment } from '../../../src-main/enrich/sentiment';

describe('the network language tag', () => {
  it.each([
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['pt_BR', 'pt'],
    ['und', undefined],
    ['zxx', undefined],
    ['qme', undefined],
    ['qht', undefined],
    ['in', 'id'],
    ['iw', 'he'],
    ['', undefined],
    [null, undefined],
    ['english', undefined],
  ])('%s -> %s', (tag, expected) => {
    expect(normalizeNetworkLang(tag)).toBe(expected);
  });

  it('is trusted where it names a language, and detection runs where it does not', () => {
    expect(mentionLanguage('Mi maleta no llegó a Madrid y nadie sabe dónde está', 'en')).toBe('en');
    expect(mentionLanguage('Mi maleta no llegó a Madrid y nadie sabe dónde está', 'und')).toBe('es');
  });
});

describe('language detection', () => {
  it.each([
    ['Minha mala não chegou em Lisboa e ninguém no balcão sabe onde está', 'pt'],
    ['Mein Koffer ist nicht in Lissabon angekommen und niemand weiß, wo er ist', 'de'],
    ["Ma valise n'est jamais arrivée à Lisbonne et personne ne sait où elle est", 'fr'],
    ['@AcmeAir my bag did not arrive in Lisbon and nobody at the desk can help https://t.co/x1', 'en'],
  ])('%s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
  it.each(['ok', 'thanks!! 🙏🙏', '@AcmeAir https://t.co/abcdef #fail', 'gate 12 now'])('is null when too short to tell: %s', (text) => {
    expect(detectLanguage(text)).toBeNull();
  });
});

describe('sentiment', () => {
  it('is null for a language Earshot does not judge, and for no language', () => {
    expect(judgeSentiment('Il volo è stato cancellato, vergogna', 'it')).toBeNull();
    expect(judgeSentiment('whatever', null)).toBeNull();
  });
  it.each([
    ['en', 'This is good', 'positive'],
    ['en', 'This is not good', 'negative'],
    ['es', 'El servicio es bueno', 'positive'],
    ['es', 'El servicio no es bueno', 'negative'],
    ['pt', 'O atendimento foi ótimo', 'positive'],
    ['pt', 'O atendimento não foi ótimo', 'negative'],
    ['fr', 'Le service est bon', 'positive'],
    ["fr", "Le service n'est pas bon", 'negative'],
    ['de', 'Der Service war gut', 'positive'],
    ['de', 'Der Service war nicht gut', 'negative'],
  ])('negation turns a word around (%s: %s)', (lang, text, label) => {
    expect(judgeSentiment(text, lang)?.label).toBe(label);
  });
  it('a negation stops at the end of its clause', () => {
    expect(judgeSentiment('El vuelo no salió a tiempo. La tripulación fue excelente y amable', 'es')?.label).toBe('positive');
  });
  it.each([
    ['en', 'Flight AC214 😡😡'],
    ['es', 'Vuelo AC214 😡😡'],
    ['pt', 'Voo AC214 😡😡'],
    ['fr', 'Vol AC214 😡😡'],
    ['de', 'Flug AC214 😡😡'],
  ])('emoji count (%s)', (lang, text) => {
    expect(judgeSentiment(text, lang)?.label).toBe('negative');
    expect(judgeSentiment(text.replace(/😡/g, '😍'), lang)?.label).toBe('positive');
  });
  it('an emoji glued to a word counts in English', () => {
    expect(judgeSentiment('landed😍', 'en')?.label).toBe('positive');
  });
  it('keeps the score between -1 and 1 and its sign with the label', () => {
    for (const t of ['awful awful awful terrible horrible worst', 'great great wonderful amazing best love', 'the plane']) {
      const s = judgeSentiment(t, 'en')!;
      expect(Math.abs(s.score)).toBeLessThanOrEqual(1);
      expect(Math.sign(s.score)).toBe(s.label === 'positive' ? 1 : s.label === 'negative' ? -1 : 0);
    }
  });
});

describe('Enricher', () => {
  const rules = { topics: [{ id: 'refunds', name: 'Refunds', any: ['refund', 'reembolso'] }, { id: 'wifi', name: 'Wifi', any: ['wifi'], none: ['wifi worked'] }] };
  it('fills lang, sentiment and topics, matching the title too', () => {
    const e = new Enricher(rules);
    expect(e.compute({ title: 'No refund', text: 'They cancelled my flight and the wifi was broken, terrible', lang: 'en' })).toEqual({
      lang: 'en',
      sentiment: expect.objectContaining({ label: 'negative' }),
      topics: ['refunds', 'wifi'],
    });
  });
  it('uses new rules once they are set, and leaves the input alone', () => {
    const e = new Enricher();
    const m = { text: 'quiero un reembolso ya, el servicio es malo', lang: 'es' as string | null };
    expect(e.enrich(m).topics).toEqual([]);
    e.setRules(rules);
    expect(e.enrich(m)).toMatchObject({ lang: 'es', topics: ['refunds'], sentiment: { label: 'negative' } });
    expect(m).toEqual({ text: 'quiero un reembolso ya, el servicio es malo', lang: 'es' });
  });
  it('says lang null and sentiment null for a mention too short to tell', () => {
    expect(new Enricher().compute({ text: '👍' })).toEqual({ lang: null, sentiment: null, topics: [] });
  });
});
