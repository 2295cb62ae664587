/**
 * The voice-of-the-customer report on a hand-built log with a hand-computed answer
 * (tests/fixtures-local/voc/README.md explains every number), through computeVoc and through the
 * `voc` command; filters, drill-downs and the rules the scenario does not reach.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEventLog, type LogEvent } from '../../../src-main/shared/events';
import { vocFromLog } from '../../../src-main/shared/voc/from-log';
import { computeVoc, vocMembers, weekStartMs, type VocFigure, type VocFilter, type VocReport } from '../../../src-main/shared/voc/report';
import { termsOf, tokensOf } from '../../../src-main/shared/voc/terms';
import { stopWordsFor } from '../../../src-main/shared/voc/stopwords';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FILE = join(ROOT, 'tests/fixtures-local/voc/scenario.jsonl');
const FROM = Date.parse('2026-11-16T00:00:00Z');
const TO = Date.parse('2026-11-30T00:00:00Z');

function scenario(): LogEvent[] {
  const { events, errors } = parseEventLog(readFileSync(FILE, 'utf8'));
  expect(errors).toEqual([]);
  return events;
}

const EXPECTED: VocReport = {
  from: '2026-11-16T00:00:00.000Z',
  to: '2026-11-30T00:00:00.000Z',
  mentions: 7,
  weeks: [
    { start: '2026-11-16', mentions: 4, negative: 2, neutral: 1, positive: 1, unjudged: 0 },
    { start: '2026-11-23', mentions: 3, negative: 1, neutral: 1, positive: 0, unjudged: 1 },
  ],
  topics: [
    { id: 'refunds', mentions: 3, negativeShare: 1, previousPeriodMentions: 1, change: 2 },
    { id: 'lost-luggage', mentions: 2, negativeShare: 1, previousPeriodMentions: 1, change: 1 },
  ],
  rising: [
    { term: 'app update', mentions: 7, previousPeriodMentions: 1 },
    { term: 'update', mentions: 7, previousPeriodMentions: 1 },
    { term: 'app', mentions: 7, previousPeriodMentions: 2 },
  ],
  sources: [
    { sourceId: 'appstore-gb', channel: 'appstore', mentions: 3, negativeShare: 0.3333, averageRating: 3.33, medianFirstResponseMinutes: 75, breachRate: 0.6667 },
    { sourceId: 'appstore-es', channel: 'appstore', mentions: 2, negativeShare: 0.5, averageRating: 2.5, medianFirstResponseMinutes: 10, breachRate: 0 },
    { sourceId: 'r-acme', channel: 'reddit', mentions: 2, negativeShare: 1, averageRating: null, medianFirstResponseMinutes: 52.5, breachRate: 0 },
  ],
  languages: { en: 4, es: 2, fr: 1, unknown: 0 },
  previousPeriod: { from: '2026-11-02T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z', mentions: 2 },
};

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/voc.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the scenario log gives the hand-computed report', () => {
  it('through computeVoc', () => {
    expect(vocFromLog(scenario(), { fromMs: FROM, toMs: TO }).report).toEqual(EXPECTED);
  });

  it('whatever the order of the lines', () => {
    expect(vocFromLog([...scenario()].reverse(), { fromMs: FROM, toMs: TO }).report).toEqual(EXPECTED);
  });
});

describe('filters', () => {
  const run = (filter: VocFilter): VocReport => vocFromLog(scenario(), { fromMs: FROM, toMs: TO, filter }).report;
  it.each<[string, VocFilter, number, Record<string, number>]>([
    ['language es', { langs: ['es'] }, 2, { es: 2, unknown: 0 }],
    ['unjudged sentiment', { sentiments: ['unjudged'] }, 1, { fr: 1, unknown: 0 }],
    ['negative sentiment', { sentiments: ['negative'] }, 3, { en: 2, es: 1, unknown: 0 }],
    ['topic lost-luggage', { topics: ['lost-luggage'] }, 2, { en: 1, fr: 1, unknown: 0 }],
    ['channel reddit', { channels: ['reddit'] }, 2, { en: 1, fr: 1, unknown: 0 }],
    ['source appstore-gb and language es: nothing', { sources: ['appstore-gb'], langs: ['es'] }, 0, { unknown: 0 }],
  ])('%s', (_name, filter, mentions, languages) => {
    const r = run(filter);
    expect(r.mentions).toBe(mentions);
    expect(r.languages).toEqual(languages);
  });

  it('applies to the previous period too, so a topic is compared like with like', () => {
    const r = run({ channels: ['reddit'] });
    expect(r.topics).toEqual([
      { id: 'lost-luggage', mentions: 2, negativeShare: 1, previousPeriodMentions: 1, change: 1 },
      { id: 'refunds', mentions: 1, negativeShare: 1, previousPeriodMentions: 0, change: null },
    ]);
    expect(r.previousPeriod.mentions).toBe(1);
  });
});

describe('drill-down lists exactly the mentions behind a figure', () => {
  const { columns, index, state } = vocFromLog(scenario(), { fromMs: FROM, toMs: TO });
  const opts = { fromMs: FROM, toMs: TO };
  it.each<[VocFigure, string[]]>([
    [{ kind: 'period' }, ['m1', 'm2', 'm3', 'm4', 'm5', 'm7', 'm8']],
    [{ kind: 'period', previous: true }, ['p1', 'p2']],
    [{ kind: 'week', start: '2026-11-16', sentiment: 'negative' }, ['m1', 'm4']],
    [{ kind: 'week', start: '2026-11-23', sentiment: 'unjudged' }, ['m7']],
    [{ kind: 'topic', id: 'refunds' }, ['m1', 'm4', 'm5']],
    [{ kind: 'topic', id: 'refunds', previous: true }, ['p1']],
    [{ kind: 'term', term: 'app update' }, ['m1', 'm2', 'm3', 'm4', 'm5', 'm7', 'm8']],
    [{ kind: 'term', term: 'app', previous: true }, ['p1', 'p2']],
    [{ kind: 'source', sourceId: 'appstore-gb', channel: 'appstore', measure: 'breach' }, ['m2', 'm3']],
    [{ kind: 'source', sourceId: 'appstore-es', channel: 'appstore', measure: 'negative' }, ['m4']],
    [{ kind: 'source', sourceId: 'r-acme', channel: 'reddit', measure: 'answered' }, ['m5', 'm7']],
    [{ kind: 'lang', lang: 'es' }, ['m4', 'm8']],
  ])('%j', (fig, ids) => {
    expect(vocMembers(columns, index, state, opts, fig)).toEqual(ids);
  });

  it('every week, topic, source and language count equals its drill-down', () => {
    const r = computeVoc(columns, index, state, opts);
    for (const w of r.weeks) expect(vocMembers(columns, index, state, opts, { kind: 'week', start: w.start })).toHaveLength(w.mentions);
    for (const t of r.topics) expect(vocMembers(columns, index, state, opts, { kind: 'topic', id: t.id })).toHaveLength(t.mentions);
    for (const t of r.rising) expect(vocMembers(columns, index, state, opts, { kind: 'term', term: t.term })).toHaveLength(t.mentions);
    for (const s of r.sources) expect(vocMembers(columns, index, state, opts, { kind: 'source', sourceId: s.sourceId, channel: s.channel })).toHaveLength(s.mentions);
    for (const [lang, n] of Object.entries(r.languages)) expect(vocMembers(columns, index, state, opts, { kind: 'lang', lang })).toHaveLength(n);
  });
});

describe('terms', () => {
  it.each<[string, string[]]>([
    ['The app update broke login', ['the', 'app', 'update', 'broke', 'login']],
    ['Reembolsó YA!! https://t.co/x @acme #refund', ['reembolso', 'ya', 'refund']],
    ["I don't like it, 2 stars", ['dont', 'like', 'it', 'stars']],
  ])('tokens of %j', (text, tokens) => expect(tokensOf(text)).toEqual(tokens));

  it('forms phrases from neighbours only, never across a stop word', () => {
    const stop = stopWordsFor(['en']);
    expect(termsOf(tokensOf('lost my bag at the gate'), stop)).toEqual(['lost', 'bag', 'gate']);
    expect(termsOf(tokensOf('app update app update'), stop)).toEqual(['app', 'update', 'app update', 'update app']);
  });

  it('leaves out the stop words of the languages present only', () => {
    expect(stopWordsFor(['es']).has('no')).toBe(true);
    expect(stopWordsFor(['en']).has('no')).toBe(true);
    expect(stopWordsFor(['de']).has('que')).toBe(false);
    expect(stopWordsFor(['xx']).size).toBe(0);
  });
});

describe('weeks', () => {
  it.each([
    ['2026-11-16T00:00:00Z', '2026-11-16'],
    ['2026-11-22T23:59:59Z', '2026-11-16'],
    ['2026-11-23T00:00:00Z', '2026-11-23'],
    ['1970-01-01T12:00:00Z', '1969-12-29'],
  ])('%s is in the week starting %s (Monday, UTC)', (t, start) => {
    expect(new Date(weekStartMs(Date.parse(t))).toISOString().slice(0, 10)).toBe(start);
  });
});

describe('`npm run voc`', () => {
  it('prints the same report as JSON', () => {
    const r = cli('--input', FILE, '--from', '2026-11-16', '--to', '2026-11-30T00:00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXPECTED);
  });

  it.each<[string[], number, RegExp]>([
    [['--from', '2026-11-16'], 2, /--input FILE is required/],
    [['--input', FILE, '--from', 'last week'], 2, /--from must be an ISO 8601/],
    [['--input', FILE, '--from', '2026-11-30', '--to', '2026-11-16'], 2, /must be before --to/],
    [['--input', FILE, '--frm', 'x'], 2, /Unknown option/],
    [['--team', 'postgres://x@127.0.0.1/earshot', '--input', FILE], 2, /not both/],
    [['--team', 'mysql://x@127.0.0.1/earshot'], 2, /postgres/],
    [['--input', join(ROOT, 'tests/fixtures-local/voc/missing.jsonl')], 1, /cannot read the input/],
  ])('%j exits %i', (args, code, message) => {
    const r = cli(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('names the bad line of a broken log and exits 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/voc.ts', '--input', '-'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: `${readFileSync(FILE, 'utf8').split('\n')[0]}\n{"type":"replied","at":"2026-11-16T10:00:00Z","mentionId":"m1"}\n`,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 2: replied\.agent/);
  });
});
