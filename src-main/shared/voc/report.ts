/**
 * The voice-of-the-customer report (INTERFACES.md "Voice-of-the-customer report"): volume per week by
 * sentiment, topics against the previous period, rising terms, sources side by side, languages.
 * Counted over the columns of columns.ts and the state of state.ts; the app's screen and `npm run voc`
 * both call computeVoc, and the screen's drill-downs call vocMembers, which walks the very same rows
 * with the very same tests, so a figure and the mentions behind it can never disagree.
 *
 * - A mention counts in the period holding its createdAt; noise is left out.
 * - The previous period has the same length and ends at `from`.
 * - Weeks start on Monday, 00:00 UTC; every week that overlaps the period is listed, empty or not.
 * - negativeShare is over mentions whose sentiment was judged (null when none was).
 * - change = (mentions - previous) / previous, null when the previous period had none.
 * - Rising terms: words and two-word phrases (stop words of the languages present left out), in at
 *   least MIN_RISING mentions now and in more than before; growth = (now + 1) / (before + 1);
 *   ordered by growth, then by mentions now, then alphabetically; the first RISING_LIMIT.
 * Rounding: minutes and ratings to 0.01, shares and rates to 0.0001, as the fairness report does.
 */
import { medianOfSorted } from '../sla/stats';
import { SENTIMENTS, UNJUDGED, type VocColumns, type VocIndex } from './columns';
import type { VocState } from './state';
import { stopWordsFor } from './stopwords';

export const MIN_RISING = 5;
export const RISING_LIMIT = 20;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface VocFilter {
  channels?: readonly string[];
  sources?: readonly string[];
  topics?: readonly string[];
  /** `negative`, `neutral`, `positive`, or `unjudged`. */
  sentiments?: readonly string[];
  /** Language tags, or `unknown`. */
  langs?: readonly string[];
}

export interface VocOptions {
  fromMs: number;
  toMs: number;
  filter?: VocFilter;
}

export interface VocWeek { start: string; mentions: number; negative: number; neutral: number; positive: number; unjudged: number }
export interface VocTopic { id: string; mentions: number; negativeShare: number | null; previousPeriodMentions: number; change: number | null }
export interface VocTerm { term: string; mentions: number; previousPeriodMentions: number }
export interface VocSource {
  sourceId: string;
  channel: string;
  mentions: number;
  negativeShare: number | null;
  averageRating: number | null;
  medianFirstResponseMinutes: number | null;
  breachRate: number | null;
}

export interface VocReport {
  from: string;
  to: string;
  mentions: number;
  weeks: VocWeek[];
  topics: VocTopic[];
  rising: VocTerm[];
  sources: VocSource[];
  languages: Record<string, number>;
  // Addition to the INTERFACES.md shape: the period the changes are measured against.
  previousPeriod: { from: string; to: string; mentions: number };
}

/** A figure of the report, named so its mentions can be listed (the screen's drill-downs). */
export type VocFigure =
  | { kind: 'period'; previous?: boolean }
  | { kind: 'week'; start: string; sentiment?: string }
  | { kind: 'topic'; id: string; previous?: boolean; negative?: boolean }
  | { kind: 'term'; term: string; previous?: boolean }
  | { kind: 'source'; sourceId: string; channel: string; measure?: 'negative' | 'rated' | 'answered' | 'breach' }
  | { kind: 'lang'; lang: string };

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
const share = (k: number, of: number, d = 4): number | null => (of === 0 ? null : round(k / of, d));
const iso = (ms: number): string => new Date(ms).toISOString();
const sentimentName = (s: number): string => (s < 0 ? UNJUDGED : SENTIMENTS[s]!);

/** Monday 00:00 UTC of the week holding t. */
export function weekStartMs(t: number): number {
  const day = Math.floor(t / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  return (day - ((day + 3) % 7)) * DAY_MS;
}

/** Which rows the filter keeps and how terms are formed, worked out once per report. */
interface Scope {
  fromMs: number;
  toMs: number;
  prevFromMs: number;
  okSource: Uint8Array;
  okLang: Uint8Array;
  /** Index sentiment + 1. */
  okSentiment: Uint8Array;
  /** null: no topic filter. */
  okTopic: Uint8Array | null;
  stop: Uint8Array;
}

function mask(values: readonly string[], wanted: readonly string[] | undefined, name: (v: string, i: number) => string = (v) => v): Uint8Array {
  const m = new Uint8Array(values.length);
  const set = wanted?.length ? new Set(wanted) : null;
  values.forEach((v, i) => (m[i] = !set || set.has(name(v, i)) ? 1 : 0));
  return m;
}

/** 0: outside both periods or filtered out; 1: this period; 2: the previous one. */
function periodOf(c: VocColumns, st: VocState, s: Scope, i: number): 0 | 1 | 2 {
  if (!st.live[i]) return 0;
  const t = c.createdMs[i]!;
  if (t < s.prevFromMs || t >= s.toMs) return 0;
  if (!s.okSource[c.source[i]!] || !s.okLang[c.lang[i]!] || !s.okSentiment[c.sentiment[i]! + 1]) return 0;
  if (s.okTopic) {
    let any = false;
    for (let k = c.topicStart[i]!; k < c.topicStart[i + 1]! && !any; k++) any = s.okTopic[c.topic[k]!] === 1;
    if (!any) return 0;
  }
  return t >= s.fromMs ? 1 : 2;
}

function scopeOf(c: VocColumns, ix: VocIndex, st: VocState, opts: VocOptions): Scope {
  const f = opts.filter ?? {};
  const sourceIds = f.sources?.length ? new Set(f.sources) : null;
  const channels = f.channels?.length ? new Set(f.channels) : null;
  const okSource = new Uint8Array(c.sources.length);
  c.sources.forEach((s, i) => (okSource[i] = (!sourceIds || sourceIds.has(s.sourceId)) && (!channels || channels.has(s.channel)) ? 1 : 0));
  const s: Scope = {
    fromMs: opts.fromMs,
    toMs: opts.toMs,
    prevFromMs: opts.fromMs - (opts.toMs - opts.fromMs),
    okSource,
    okLang: mask(c.langs, f.langs),
    okSentiment: mask([UNJUDGED, ...SENTIMENTS], f.sentiments),
    okTopic: f.topics?.length ? mask(c.topics, f.topics) : null,
    stop: new Uint8Array(c.vocab.length),
  };
  // Stop words of every language among the mentions counted (either period).
  const present = new Uint8Array(c.langs.length);
  for (let i = 0; i < c.n; i++) if (periodOf(c, st, s, i)) present[c.lang[i]!] = 1;
  const langs = c.langs.filter((_, k) => present[k]);
  for (const w of stopWordsFor(langs)) {
    const v = ix.vocab.get(w);
    if (v !== undefined) s.stop[v] = 1;
  }
  return s;
}

/**
 * Calls `each(term)` for every term of row i once: words as their vocab id v (>= 0), two-word
 * phrases as -(a * V + b) - 1 for neighbours a, b (so one number names each term).
 */
function eachTerm(c: VocColumns, stop: Uint8Array, i: number, each: (key: number) => void, seenWord: Int32Array, seenPhrase: Set<number>, stamp: number): void {
  const V = c.vocab.length;
  let prev = -1;
  seenPhrase.clear();
  for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
    const v = c.tok[k]!;
    if (stop[v]) {
      prev = -1;
      continue;
    }
    if (seenWord[v] !== stamp) {
      seenWord[v] = stamp;
      each(v);
    }
    if (prev >= 0) {
      const key = -(prev * V + v) - 1;
      if (!seenPhrase.has(key)) {
        seenPhrase.add(key);
        each(key);
      }
    }
    prev = v;
  }
}

function termName(c: VocColumns, key: number): string {
  if (key >= 0) return c.vocab[key]!;
  const p = -key - 1;
  const V = c.vocab.length;
  return `${c.vocab[Math.floor(p / V)]!} ${c.vocab[p % V]!}`;
}

function termKey(c: VocColumns, ix: VocIndex, term: string): number | undefined {
  const parts = term.split(' ');
  const ids = parts.map((w) => ix.vocab.get(w));
  if (ids.some((x) => x === undefined)) return undefined;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 2) return -(ids[0]! * c.vocab.length + ids[1]!) - 1;
  return undefined;
}

export function computeVoc(c: VocColumns, ix: VocIndex, st: VocState, opts: VocOptions): VocReport {
  const s = scopeOf(c, ix, st, opts);
  const week0 = weekStartMs(s.fromMs);
  const nWeeks = s.toMs > s.fromMs ? Math.floor((weekStartMs(s.toMs - 1) - week0) / WEEK_MS) + 1 : 0;
  const weeks = Array.from({ length: nWeeks }, (_, w) => ({ start: iso(week0 + w * WEEK_MS).slice(0, 10), mentions: 0, negative: 0, neutral: 0, positive: 0, unjudged: 0 }));
  const T = c.topics.length;
  const topicNow = new Int32Array(T);
  const topicBefore = new Int32Array(T);
  const topicNeg = new Int32Array(T);
  const topicJudged = new Int32Array(T);
  const S = c.sources.length;
  const src = Array.from({ length: S }, () => ({ mentions: 0, neg: 0, judged: 0, ratingSum: 0, rated: 0, times: [] as number[], breaches: 0, eligible: 0 }));
  const langs = new Int32Array(c.langs.length);
  const V = c.vocab.length;
  // Words are counted first, in arrays; a two-word phrase is in no more mentions than either of its
  // words, so only phrases of two words already in MIN_RISING mentions now can rise: those alone
  // are counted (the second pass), which leaves the figures as they were and the work small.
  const wordNow = new Int32Array(V);
  const wordBefore = new Int32Array(V);
  const seenWord = new Int32Array(V);
  const counted: number[] = [];
  let now = 0;
  let before = 0;

  for (let i = 0; i < c.n; i++) {
    const p = periodOf(c, st, s, i);
    if (!p) continue;
    counted.push(p === 1 ? i : -i - 1);
    const words = p === 1 ? wordNow : wordBefore;
    for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
      const v = c.tok[k]!;
      if (s.stop[v] || seenWord[v] === i + 1) continue;
      seenWord[v] = i + 1;
      words[v]!++;
    }
    const sent = c.sentiment[i]!;
    if (p === 2) {
      before++;
      for (let k = c.topicStart[i]!; k < c.topicStart[i + 1]!; k++) topicBefore[c.topic[k]!]!++;
      continue;
    }
    now++;
    const w = weeks[Math.floor((weekStartMs(c.createdMs[i]!) - week0) / WEEK_MS)]!;
    w.mentions++;
    w[sentimentName(sent) as 'negative']++;
    for (let k = c.topicStart[i]!; k < c.topicStart[i + 1]!; k++) {
      const t = c.topic[k]!;
      topicNow[t]!++;
      if (sent >= 0) topicJudged[t]!++;
      if (sent === 0) topicNeg[t]!++;
    }
    const so = src[c.source[i]!]!;
    so.mentions++;
    if (sent >= 0) so.judged++;
    if (sent === 0) so.neg++;
    if (c.rating[i]) {
      so.rated++;
      so.ratingSum += c.rating[i]!;
    }
    const fr = st.firstResponseMinutes[i]!;
    if (!Number.isNaN(fr)) so.times.push(fr);
    if (st.breach[i]) so.eligible++;
    if (st.breach[i] === 2) so.breaches++;
    langs[c.lang[i]!]!++;
  }

  const topics: VocTopic[] = [];
  for (let t = 0; t < T; t++) {
    if (!topicNow[t] && !topicBefore[t]) continue;
    topics.push({
      id: c.topics[t]!,
      mentions: topicNow[t]!,
      negativeShare: share(topicNeg[t]!, topicJudged[t]!),
      previousPeriodMentions: topicBefore[t]!,
      change: topicBefore[t] ? round((topicNow[t]! - topicBefore[t]!) / topicBefore[t]!, 4) : null,
    });
  }
  topics.sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const phraseNow = new Map<number, number>();
  const phraseBefore = new Map<number, number>();
  const seenPhrase = new Set<number>();
  for (const r of counted) {
    const i = r >= 0 ? r : -r - 1;
    const counts = r >= 0 ? phraseNow : phraseBefore;
    seenPhrase.clear();
    let prev = -1;
    for (let k = c.tokStart[i]!; k < c.tokStart[i + 1]!; k++) {
      const v = c.tok[k]!;
      if (s.stop[v]) {
        prev = -1;
        continue;
      }
      if (prev >= 0 && wordNow[prev]! >= MIN_RISING && wordNow[v]! >= MIN_RISING) {
        const key = -(prev * V + v) - 1;
        if (!seenPhrase.has(key)) {
          seenPhrase.add(key);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      prev = v;
    }
  }
  const rising: Array<VocTerm & { growth: number }> = [];
  const consider = (key: number, n: number, prev: number): void => {
    if (n >= MIN_RISING && n > prev) rising.push({ term: termName(c, key), mentions: n, previousPeriodMentions: prev, growth: (n + 1) / (prev + 1) });
  };
  for (let v = 0; v < V; v++) consider(v, wordNow[v]!, wordBefore[v]!);
  for (const [key, n] of phraseNow) consider(key, n, phraseBefore.get(key) ?? 0);
  rising.sort((a, b) => b.growth - a.growth || b.mentions - a.mentions || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));

  const sources: VocSource[] = [];
  src.forEach((so, k) => {
    if (!so.mentions) return;
    const sorted = Float64Array.from(so.times).sort();
    const med = medianOfSorted(sorted);
    sources.push({
      sourceId: c.sources[k]!.sourceId,
      channel: c.sources[k]!.channel,
      mentions: so.mentions,
      negativeShare: share(so.neg, so.judged),
      averageRating: so.rated ? round(so.ratingSum / so.rated, 2) : null,
      medianFirstResponseMinutes: med === null ? null : round(med, 2),
      breachRate: share(so.breaches, so.eligible),
    });
  });
  sources.sort((a, b) => b.mentions - a.mentions || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0) || (a.channel < b.channel ? -1 : 1));

  const languages: Record<string, number> = {};
  [...c.langs.keys()]
    .filter((k) => langs[k] || k === 0)
    .sort((a, b) => langs[b]! - langs[a]! || (c.langs[a]! < c.langs[b]! ? -1 : 1))
    .forEach((k) => (languages[c.langs[k]!] = langs[k]!));

  return {
    from: iso(s.fromMs),
    to: iso(s.toMs),
    mentions: now,
    weeks,
    topics,
    rising: rising.slice(0, RISING_LIMIT).map(({ term, mentions, previousPeriodMentions }) => ({ term, mentions, previousPeriodMentions })),
    sources,
    languages,
    previousPeriod: { from: iso(s.prevFromMs), to: iso(s.fromMs), mentions: before },
  };
}

/** The ids of the mentions behind one figure of computeVoc's report, with the same options. */
export function vocMembers(c: VocColumns, ix: VocIndex, st: VocState, opts: VocOptions, fig: VocFigure): string[] {
  const s = scopeOf(c, ix, st, opts);
  const wantPrevious = 'previous' in fig && fig.previous === true;
  const out: string[] = [];
  const seenWord = new Int32Array(c.vocab.length);
  const seenPhrase = new Set<number>();
  const key = fig.kind === 'term' ? termKey(c, ix, fig.term) : undefined;
  const topic = fig.kind === 'topic' ? ix.topic.get(fig.id) : undefined;
  for (let i = 0; i < c.n; i++) {
    const p = periodOf(c, st, s, i);
    if (p !== (wantPrevious ? 2 : 1)) continue;
    const sent = c.sentiment[i]!;
    let hit = false;
    switch (fig.kind) {
      case 'period':
        hit = true;
        break;
      case 'week':
        hit = iso(weekStartMs(c.createdMs[i]!)).slice(0, 10) === fig.start && (fig.sentiment === undefined || sentimentName(sent) === fig.sentiment);
        break;
      case 'topic':
        for (let k = c.topicStart[i]!; k < c.topicStart[i + 1]! && !hit; k++) hit = c.topic[k] === topic;
        if (fig.negative) hit &&= sent === 0;
        break;
      case 'term':
        if (key !== undefined) eachTerm(c, s.stop, i, (k) => (hit ||= k === key), seenWord, seenPhrase, i + 1);
        break;
      case 'source': {
        const so = c.sources[c.source[i]!]!;
        hit = so.sourceId === fig.sourceId && so.channel === fig.channel;
        if (fig.measure === 'negative') hit &&= sent === 0;
        if (fig.measure === 'rated') hit &&= c.rating[i]! > 0;
        if (fig.measure === 'answered') hit &&= !Number.isNaN(st.firstResponseMinutes[i]!);
        if (fig.measure === 'breach') hit &&= st.breach[i] === 2;
        break;
      }
      case 'lang':
        hit = c.langs[c.lang[i]!] === fig.lang;
        break;
    }
    if (hit) out.push(c.ids[i]!);
  }
  return out;
}
