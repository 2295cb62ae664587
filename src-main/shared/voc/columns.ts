/**
 * What the voice-of-the-customer report needs of each mention, in columns: when it was posted and
 * heard, where (source and channel), its language, sentiment, topics, rating, and its words as ids
 * into one vocabulary. The `voc` command builds them from an event log, the app from IndexedDB (and
 * keeps them, so 200,000 mentions read back in tens of milliseconds); report.ts counts over them.
 * Pure: no Node, no DOM.
 */
import type { Channel, Mention } from '../mention';
import { tokensOf } from './terms';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];
/** Filter and table value of a mention without a judged sentiment. */
export const UNJUDGED = 'unjudged';
/** Filter and table value of a mention whose language is not known. */
export const UNKNOWN_LANG = 'unknown';

export interface VocColumns {
  n: number;
  ids: string[];
  createdMs: Float64Array;
  /** When Earshot heard it: a report "as of" an earlier instant leaves it out. */
  arrivalMs: Float64Array;
  /** Index into `sources` (a source id with its channel). */
  source: Uint16Array;
  sources: Array<{ sourceId: string; channel: Channel }>;
  /** Index into `langs`; 0 is `unknown`. */
  lang: Uint16Array;
  langs: string[];
  /** -1 unjudged, else the index in SENTIMENTS. */
  sentiment: Int8Array;
  /** The topics of row i are topic[topicStart[i] .. topicStart[i + 1]), indexes into `topics`. */
  topicStart: Int32Array;
  topic: Uint16Array;
  topics: string[];
  /** 1 to 5; 0 when the mention is not a rated review. */
  rating: Uint8Array;
  /** The words of row i are tok[tokStart[i] .. tokStart[i + 1]), ids into `vocab`. */
  tokStart: Int32Array;
  tok: Int32Array;
  vocab: string[];
}

/** Lookups rebuilt from the columns, never stored. */
export interface VocIndex {
  row: Map<string, number>;
  source: Map<string, number>;
  lang: Map<string, number>;
  topic: Map<string, number>;
  vocab: Map<string, number>;
}

export function emptyColumns(capacity = 1024): VocColumns {
  return {
    n: 0,
    ids: [],
    createdMs: new Float64Array(capacity),
    arrivalMs: new Float64Array(capacity),
    source: new Uint16Array(capacity),
    sources: [],
    lang: new Uint16Array(capacity),
    langs: [UNKNOWN_LANG],
    sentiment: new Int8Array(capacity),
    topicStart: new Int32Array(capacity + 1),
    topic: new Uint16Array(Math.max(16, capacity)),
    topics: [],
    rating: new Uint8Array(capacity),
    tokStart: new Int32Array(capacity + 1),
    tok: new Int32Array(Math.max(64, capacity * 16)),
    vocab: [],
  };
}

export function indexColumns(c: VocColumns): VocIndex {
  const byValue = (xs: readonly string[]): Map<string, number> => new Map(xs.map((x, i) => [x, i]));
  const row = new Map<string, number>();
  for (let i = 0; i < c.n; i++) row.set(c.ids[i]!, i);
  return { row, source: new Map(c.sources.map((s, i) => [sourceKey(s.sourceId, s.channel), i])), lang: byValue(c.langs), topic: byValue(c.topics), vocab: byValue(c.vocab) };
}

export const sourceKey = (sourceId: string, channel: string): string => `${channel}\u0000${sourceId}`;

type Typed = Float64Array | Uint16Array | Int8Array | Uint8Array | Int32Array;
function grown<T extends Typed>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

function intern(list: string[], map: Map<string, number>, value: string): number {
  let i = map.get(value);
  if (i === undefined) {
    i = list.push(value) - 1;
    map.set(value, i);
  }
  return i;
}

/** Adds a mention once (a second add of the same id is ignored); returns its row. */
export function addVocMention(c: VocColumns, ix: VocIndex, m: Pick<Mention, 'id' | 'sourceId' | 'channel' | 'createdAt' | 'lang' | 'sentiment' | 'topics' | 'rating' | 'text' | 'title'>, arrivalMs: number): number {
  const known = ix.row.get(m.id);
  if (known !== undefined) return known;
  const i = c.n;
  c.createdMs = grown(c.createdMs, i + 1);
  c.arrivalMs = grown(c.arrivalMs, i + 1);
  c.source = grown(c.source, i + 1);
  c.lang = grown(c.lang, i + 1);
  c.sentiment = grown(c.sentiment, i + 1);
  c.rating = grown(c.rating, i + 1);
  c.topicStart = grown(c.topicStart, i + 2);
  c.tokStart = grown(c.tokStart, i + 2);
  c.ids[i] = m.id;
  ix.row.set(m.id, i);
  c.createdMs[i] = Date.parse(m.createdAt);
  c.arrivalMs[i] = arrivalMs;
  const sk = sourceKey(m.sourceId, m.channel);
  let s = ix.source.get(sk);
  if (s === undefined) {
    s = c.sources.push({ sourceId: m.sourceId, channel: m.channel }) - 1;
    ix.source.set(sk, s);
  }
  c.source[i] = s;
  c.lang[i] = m.lang ? intern(c.langs, ix.lang, m.lang.toLowerCase()) : 0;
  c.sentiment[i] = m.sentiment ? SENTIMENTS.indexOf(m.sentiment.label) : -1;
  c.rating[i] = m.rating ?? 0;
  const topics = m.topics ?? [];
  let t = c.topicStart[i]!;
  c.topic = grown(c.topic, t + topics.length);
  for (const id of topics) c.topic[t++] = intern(c.topics, ix.topic, id);
  c.topicStart[i + 1] = t;
  const words = tokensOf(m.title ? `${m.title}\n${m.text}` : m.text);
  let k = c.tokStart[i]!;
  c.tok = grown(c.tok, k + words.length);
  for (const w of words) c.tok[k++] = intern(c.vocab, ix.vocab, w);
  c.tokStart[i + 1] = k;
  c.n = i + 1;
  return i;
}

/**
 * Gives rows new topics (re-tagging past mentions): `changes` maps a row to its topics now. The
 * topic column is laid out again once, whatever the number of rows changed.
 */
export function setVocTopics(c: VocColumns, ix: VocIndex, changes: ReadonlyMap<number, readonly string[]>): void {
  if (changes.size === 0) return;
  const starts = new Int32Array(c.topicStart.length);
  let total = 0;
  for (let i = 0; i < c.n; i++) total += changes.get(i)?.length ?? c.topicStart[i + 1]! - c.topicStart[i]!;
  const topic = new Uint16Array(Math.max(16, total));
  let t = 0;
  for (let i = 0; i < c.n; i++) {
    starts[i] = t;
    const now = changes.get(i);
    if (now) for (const id of now) topic[t++] = intern(c.topics, ix.topic, id);
    else for (let k = c.topicStart[i]!; k < c.topicStart[i + 1]!; k++) topic[t++] = c.topic[k]!;
  }
  starts[c.n] = t;
  c.topicStart = starts;
  c.topic = topic;
}

/** The columns cut to their length (for storing: typed arrays clone fast). */
export function trimmedColumns(c: VocColumns): VocColumns {
  const n = c.n;
  return {
    ...c,
    ids: c.ids.slice(0, n),
    createdMs: c.createdMs.slice(0, n),
    arrivalMs: c.arrivalMs.slice(0, n),
    source: c.source.slice(0, n),
    sources: [...c.sources],
    lang: c.lang.slice(0, n),
    langs: [...c.langs],
    sentiment: c.sentiment.slice(0, n),
    topicStart: c.topicStart.slice(0, n + 1),
    topic: c.topic.slice(0, c.topicStart[n]),
    topics: [...c.topics],
    rating: c.rating.slice(0, n),
    tokStart: c.tokStart.slice(0, n + 1),
    tok: c.tok.slice(0, c.tokStart[n]),
    vocab: [...c.vocab],
  };
}
