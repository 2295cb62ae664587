/**
 * Enrichment cost per mention (language, sentiment, topics), the way the poller runs it at ingest:
 * the labelled mentions of every language, half of them with no network language so detection runs,
 * against the demo's topic rules. The target is < 1 ms per mention.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Enricher } from '../../src-main/enrich/enrich';
import { parseTopicRules } from '../../src-main/enrich/topics';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');

export async function run(): Promise<Record<string, unknown>> {
  const rulesPath = join(root, 'resources/demo/topics.json');
  const rules = parseTopicRules(readFileSync(rulesPath, 'utf8'), rulesPath);
  const enricher = new Enricher(rules);
  const samples: Array<{ text: string; lang?: string }> = [];
  for (const lang of ['en', 'es', 'pt', 'fr', 'de']) {
    const lines = readFileSync(join(root, 'tests/data/sentiment', `${lang}.tsv`), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    lines.forEach((l, i) => samples.push({ text: l.split('\t')[2]!, ...(i % 2 === 0 ? { lang } : {}) }));
  }
  for (const s of samples) enricher.compute(s); // warm the stemmer caches and the JIT
  const N = 20_000;
  const each: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const a = performance.now();
    enricher.compute(samples[i % samples.length]!);
    each.push(performance.now() - a);
  }
  const total = performance.now() - t0;
  each.sort((a, b) => a - b);
  const q = (p: number): number => Math.round(each[Math.floor(p * (each.length - 1))]! * 1000) / 1000;
  const detectOnly = samples.filter((s) => !s.lang);
  const t1 = performance.now();
  for (let i = 0; i < N; i++) enricher.compute(detectOnly[i % detectOnly.length]!);
  const detectMean = (performance.now() - t1) / N;
  return {
    mentions: N,
    rules: rules.topics.length,
    meanMs: Math.round((total / N) * 1000) / 1000,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    maxMs: q(1),
    meanMsWhenDetecting: Math.round(detectMean * 1000) / 1000,
    targetMs: 1,
  };
}
