/** Reads the labelled sentiment sets in tests/data/sentiment (label, kind, text; tab-separated). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LABELS = ['negative', 'neutral', 'positive'] as const;
export type Label = (typeof LABELS)[number];
export const KINDS = ['plain', 'negation', 'emoji', 'mixed', 'sarcasm'] as const;
export type Kind = (typeof KINDS)[number];
export interface Example {
  label: Label;
  kind: Kind;
  text: string;
  line: number;
}

export const SET_DIR = join(__dirname, '../../data/sentiment');
export const SET_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'] as const;

export function readSet(lang: string): Example[] {
  const out: Example[] = [];
  readFileSync(join(SET_DIR, `${lang}.tsv`), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim() || raw.startsWith('#')) return;
      const [label, kind, text] = raw.split('\t');
      if (!LABELS.includes(label as Label) || !KINDS.includes(kind as Kind) || !text) throw new Error(`${lang}.tsv:${i + 1}: expected "label<TAB>kind<TAB>text"`);
      out.push({ label: label as Label, kind: kind as Kind, text, line: i + 1 });
    });
  return out;
}

/** rows: the true label; columns: the predicted one ("none" when sentiment was null). */
export type Confusion = Record<Label, Record<Label | 'none', number>>;

export function confusion(pairs: Array<{ truth: Label; predicted: Label | null }>): Confusion {
  const m = Object.fromEntries(LABELS.map((l) => [l, { negative: 0, neutral: 0, positive: 0, none: 0 }])) as Confusion;
  for (const p of pairs) m[p.truth][p.predicted ?? 'none']++;
  return m;
}

export const accuracy = (pairs: Array<{ truth: Label; predicted: Label | null }>): number =>
  pairs.length === 0 ? 0 : pairs.filter((p) => p.truth === p.predicted).length / pairs.length;

/** Mean F1 over the three classes: accuracy alone flatters a model that says "neutral" to a neutral-heavy set. */
export function macroF1(pairs: Array<{ truth: Label; predicted: Label | null }>): number {
  const f1s = LABELS.map((l) => {
    const tp = pairs.filter((p) => p.truth === l && p.predicted === l).length;
    const fp = pairs.filter((p) => p.truth !== l && p.predicted === l).length;
    const fn = pairs.filter((p) => p.truth === l && p.predicted !== l).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

export function confusionTable(m: Confusion): string {
  const rows = LABELS.map((t) => `| **${t}** | ${m[t].negative} | ${m[t].neutral} | ${m[t].positive} | ${m[t].none} |`);
  return ['| true \\ predicted | negative | neutral | positive | null |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
