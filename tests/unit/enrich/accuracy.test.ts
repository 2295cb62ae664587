/**
 * Sentiment and language detection against the labelled sets in tests/data/sentiment (written for
 * Earshot, not tuned to the libraries). Every language must beat a baseline that always says
 * "neutral", on accuracy and on macro-F1. The tables go to results.md beside this file, so the
 * figures quoted in the README and the report are the ones this test computed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { francAll } from 'franc-min';
import { judgeSentiment } from '../../../src-main/enrich/sentiment';
import { detectLanguage, languageText, MIN_LETTERS } from '../../../src-main/enrich/language';
import { KINDS, SET_LANGUAGES, accuracy, confusion, confusionTable, macroF1, readSet, type Label } from './labelled-set';

const sections: string[] = [];
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

describe('sentiment on the labelled sets', () => {
  for (const lang of SET_LANGUAGES) {
    it(`${lang}: beats the always-neutral baseline on accuracy and macro-F1`, () => {
      const set = readSet(lang);
      const pairs = set.map((e) => ({ truth: e.label, predicted: judgeSentiment(e.text, lang)?.label ?? null, kind: e.kind }));
      const baseline = set.map((e) => ({ truth: e.label, predicted: 'neutral' as Label }));
      const acc = accuracy(pairs);
      const base = accuracy(baseline);
      const f1 = macroF1(pairs);
      const baseF1 = macroF1(baseline);
      const counts = ['negative', 'neutral', 'positive'].map((l) => set.filter((e) => e.label === l).length).join(' / ');
      const byKind = KINDS.map((k) => {
        const sub = pairs.filter((p) => p.kind === k);
        return sub.length ? `| ${k} | ${sub.length} | ${pct(accuracy(sub))} |` : '';
      }).filter(Boolean);
      sections.push(
        [
          `### ${lang} (${set.length} mentions: ${counts} negative / neutral / positive)`,
          '',
          `Accuracy **${pct(acc)}** (always-neutral baseline ${pct(base)}); macro-F1 **${f1.toFixed(2)}** (baseline ${baseF1.toFixed(2)}).`,
          '',
          confusionTable(confusion(pairs)),
          '',
          '| kind | mentions | accuracy |',
          '| --- | --- | --- |',
          ...byKind,
          '',
        ].join('\n'),
      );
      // Every mention in a supported language is judged: sentiment is never null for one.
      expect(pairs.every((p) => p.predicted !== null)).toBe(true);
      expect(acc).toBeGreaterThan(base);
      expect(f1).toBeGreaterThan(baseF1);
    });
  }

  it('sarcasm is hard: English sarcastic mentions score well below plain ones', () => {
    const set = readSet('en');
    const acc = (kind: string) => accuracy(set.filter((e) => e.kind === kind).map((e) => ({ truth: e.label, predicted: judgeSentiment(e.text, 'en')?.label ?? null })));
    // Shown, not tuned away: a lexicon reads "Great, another cancelled flight" as praise.
    expect(acc('sarcasm')).toBeLessThan(acc('plain'));
  });
});

describe('language detection on the same sets', () => {
  it('names the right language for most mentions and gives up (null) rather than guess on short ones', () => {
    const rows: string[] = [];
    let right = 0;
    let total = 0;
    for (const lang of SET_LANGUAGES) {
      const set = readSet(lang);
      const got = set.map((e) => detectLanguage(e.text));
      const ok = got.filter((g) => g === lang).length;
      const none = got.filter((g) => g === null).length;
      const wrong = got.length - ok - none;
      right += ok;
      total += got.length;
      const judged = got.length - none;
      rows.push(`| ${lang} | ${got.length} | ${pct(ok / got.length)} | ${none} | ${wrong} | ${judged ? pct(ok / judged) : '-'} |`);
    }
    sections.push(
      [
        '## Language detection',
        '',
        `franc-min on the same mentions, after removing links, handles and emoji; below ${MIN_LETTERS} letters it says null.`,
        '',
        '| set | mentions | right | null (gave up) | wrong | right among those judged |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
        `| all | ${total} | ${pct(right / total)} | | | |`,
        '',
      ].join('\n'),
    );
    expect(right / total).toBeGreaterThan(0.7);
  });

  it('the give-up length: franc alone is unreliable on short texts, which is why detection stops below MIN_LETTERS', () => {
    // Every mention of every set cut to its first N letters' worth of words; franc with no threshold.
    const buckets = [5, 10, 15, 20, 30, 40, 60];
    const rows: string[] = [];
    const accAt: Record<number, number> = {};
    for (const n of buckets) {
      let ok = 0;
      let tot = 0;
      for (const lang of SET_LANGUAGES) {
        for (const e of readSet(lang)) {
          const clean = languageText(e.text);
          if ((clean.match(/\p{L}/gu)?.length ?? 0) < n) continue;
          let letters = 0;
          let cut = '';
          for (const ch of clean) {
            if (letters >= n && /\s/.test(ch)) break;
            if (/\p{L}/u.test(ch)) letters++;
            cut += ch;
          }
          const best = francAll(cut, { minLength: 1 })[0]?.[0];
          tot++;
          if (best && (best === { en: 'eng', es: 'spa', pt: 'por', fr: 'fra', de: 'deu' }[lang])) ok++;
        }
      }
      accAt[n] = ok / tot;
      rows.push(`| ${n} | ${tot} | ${pct(ok / tot)} |`);
    }
    sections.push(
      [
        '### Where it gives up',
        '',
        'franc-min with no threshold, on each mention cut after its first N letters (whole words):',
        '',
        '| first N letters | mentions long enough | right |',
        '| --- | --- | --- |',
        ...rows,
        '',
        `Earshot says null below ${MIN_LETTERS} letters.`,
        '',
      ].join('\n'),
    );
    expect(accAt[5]!).toBeLessThan(accAt[MIN_LETTERS]!);
    expect(accAt[60]!).toBeGreaterThan(accAt[10]!);
  });
});

afterAll(() => {
  const [lang, ...sentiment] = [sections.filter((s) => s.includes('Language detection') || s.includes('Where it gives up')), sections.filter((s) => s.startsWith('### ') && !s.includes('Where it gives up'))];
  const text = [
    '# Enrichment accuracy (written by tests/unit/enrich/accuracy.test.ts)',
    '',
    'Labelled sets: tests/data/sentiment (see its README for source and licence). Do not edit by hand.',
    '',
    '## Sentiment',
    '',
    ...sentiment.flat(),
    ...lang,
  ].join('\n');
  writeFileSync(join(__dirname, 'results.md'), text);
});
