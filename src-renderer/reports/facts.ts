/**
 * What the fairness report needs to know of each mention, folded from its events and kept in
 * columns: when its clock started, its channel and tier, its first reply (time, agent), its current
 * owner, whether it is noise, and every skip. Reading a year of raw events out of IndexedDB takes
 * tens of seconds; these columns for 200,000 mentions read back in tens of milliseconds.
 *
 * The folding mirrors src-main/shared/sla/outcomes.ts exactly (earliest reply; the later of
 * assigned/unassigned and of noise/unnoise; every skip), so the minimal log rebuilt from the facts
 * (minimalLogOf) gives computeFairness the same figures as the full log the app exports.
 * Pure: no Dexie, no DOM.
 */
import { CHANNELS, REACH_TIERS, type Channel, type Mention, type ReachTier } from '../../src-main/shared/mention';
import type { LogEvent } from '../../src-main/shared/events';
import type { EventRecord } from '../db/schema';
import type { MentionFacts } from '../db/window-journal';
import { handleKey } from '../customers/match';
import { StringIndex } from './string-index';

export interface SkipFact {
  id: string;
  mentionId: string;
  ms: number;
  agent: string;
  takenMentionId: string;
  reason?: string;
  note?: string;
}

export interface Facts {
  n: number;
  ids: string[];
  channel: Uint8Array;
  tier: Uint8Array;
  createdMs: Float64Array;
  /** NaN when the clock starts at the post time (no backfill). */
  clockStartMs: Float64Array;
  arrivalMs: Float64Array;
  /** +Infinity: no reply yet. */
  replyMs: Float64Array;
  replyAgent: Int32Array;
  /** -Infinity: never assigned or unassigned. */
  ownerMs: Float64Array;
  /** -1: nobody. */
  ownerAgent: Int32Array;
  noiseMs: Float64Array;
  noiseOn: Uint8Array;
  /** 1: a follow-up merged into an answered conversation, or our own post (not a new request). */
  followUp: Uint8Array;
  /**
   * What `fairness --by` groups on (v3): indexes into `strings` (-1: none) for the language, the
   * source, the author's `channel:handle` (matched to the CRM import at report time, so a new
   * import counts at once) and the topic ids joined by TOPIC_SEP; sentiment as SENTIMENTS index + 1
   * (0: none) with its score.
   */
  lang: Int32Array;
  source: Int32Array;
  handle: Int32Array;
  topics: Int32Array;
  sentiment: Uint8Array;
  sentimentScore: Float32Array;
  strings: string[];
  agents: string[];
  skips: SkipFact[];
}

/** When row i's SLA clock started: its backfilled start, else its post time (outcomes.ts clockStartMs). */
export const clockOf = (f: Facts, i: number): number => (Number.isNaN(f.clockStartMs[i]!) ? f.createdMs[i]! : f.clockStartMs[i]!);

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const TOPIC_SEP = '\u001f';

export type Columns = Omit<Facts, 'n' | 'ids' | 'agents' | 'skips' | 'strings'>;
/** The columns and their typed arrays (facts-save.ts stores them in one Blob). */
export const COLUMNS: Record<keyof Columns, new (n: number) => Float64Array | Float32Array | Uint8Array | Int32Array> = {
  channel: Uint8Array,
  tier: Uint8Array,
  createdMs: Float64Array,
  clockStartMs: Float64Array,
  arrivalMs: Float64Array,
  replyMs: Float64Array,
  replyAgent: Int32Array,
  ownerMs: Float64Array,
  ownerAgent: Int32Array,
  noiseMs: Float64Array,
  noiseOn: Uint8Array,
  followUp: Uint8Array,
  lang: Int32Array,
  source: Int32Array,
  handle: Int32Array,
  topics: Int32Array,
  sentiment: Uint8Array,
  sentimentScore: Float32Array,
};

/** Lookups that are rebuilt from the columns, never stored. */
export interface FactsIndex {
  row: RowIndex;
  agent: Map<string, number>;
  skipIds: Set<string>;
  string: StringIndex;
}

/**
 * A mention's row by its id, without a map of every id: the facts are built by reading the mentions
 * in id order, so the rows up to the first arrival added later are sorted by id and a binary search
 * finds them (IndexedDB and `<` order strings alike, by UTF-16 code units); the rows appended since
 * sit in a small map. Making a map of 200,000 ids took a new session 0.2-0.4 s.
 */
export class RowIndex {
  private readonly sorted: number;
  private readonly extra = new Map<string, number>();

  constructor(private readonly f: Pick<Facts, 'ids' | 'n'>) {
    const ids = f.ids;
    let k = f.n > 0 ? 1 : 0;
    while (k < f.n && ids[k - 1]! < ids[k]!) k++;
    this.sorted = k;
    for (let i = k; i < f.n; i++) if (!this.extra.has(ids[i]!)) this.extra.set(ids[i]!, i);
  }

  get(id: string): number | undefined {
    const ids = this.f.ids;
    let lo = 0;
    let hi = this.sorted;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid;
    }
    return this.extra.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** A row appended after the index was made. */
  set(id: string, i: number): void {
    this.extra.set(id, i);
  }
}

export function emptyFacts(capacity = 1024): Facts {
  const cols = Object.fromEntries(Object.entries(COLUMNS).map(([k, T]) => [k, new T(capacity)])) as unknown as Columns;
  return { n: 0, ids: [], agents: [], skips: [], strings: [], ...cols };
}

const revisions = new WeakMap<Facts, number>();

/** How many times these facts were changed in place since made (a fold of new events: facts-build.ts). */
export const factsRevision = (f: Facts): number => revisions.get(f) ?? 0;

/** Said by whoever changes facts already handed out: what was computed from them before is out of date. */
export function factsChanged(f: Facts): void {
  revisions.set(f, factsRevision(f) + 1);
}

/** `stringOrder`: the string table's order as a save stored it (string-index.ts), if any. */
export function indexFacts(f: Facts, stringOrder?: unknown): FactsIndex {
  return { row: new RowIndex(f), agent: new Map(f.agents.map((a, i) => [a, i])), skipIds: new Set(f.skips.map((s) => s.id)), string: new StringIndex(f.strings, stringOrder) };
}

function grow(f: Facts, need: number): void {
  const cap = f.channel.length;
  if (need <= cap) return;
  const next = Math.max(need, cap * 2);
  for (const [k, T] of Object.entries(COLUMNS) as Array<[keyof Columns, new (n: number) => Float64Array | Float32Array | Uint8Array | Int32Array]>) {
    const col = new T(next);
    col.set(f[k] as never);
    (f as unknown as Record<string, unknown>)[k] = col;
  }
}

function agentId(f: Facts, ix: FactsIndex, agent: string): number {
  let a = ix.agent.get(agent);
  if (a === undefined) {
    a = f.agents.push(agent) - 1;
    ix.agent.set(agent, a);
  }
  return a;
}

function stringId(f: Facts, ix: FactsIndex, s: string | null | undefined): number {
  if (s === undefined || s === null || s === '') return -1;
  let k = ix.string.get(s);
  if (k === undefined) {
    k = f.strings.push(s) - 1;
    ix.string.set(s, k);
  }
  return k;
}

const str = (f: Facts, k: number): string | undefined => (k < 0 ? undefined : f.strings[k]);

/** Adds a mention (once); returns its row. Its arrival: `arrivalMs`, else the one on its record (schema v7). */
export function addMention(f: Facts, ix: FactsIndex, m: MentionFacts, arrivalMs = m.arrival ? Date.parse(m.arrival.at) : undefined): number {
  const known = ix.row.get(m.id);
  if (known !== undefined) return known;
  grow(f, f.n + 1);
  const i = f.n++;
  f.ids[i] = m.id;
  ix.row.set(m.id, i);
  f.channel[i] = CHANNELS.indexOf(m.channel);
  f.tier[i] = REACH_TIERS.indexOf(m.reach.tier);
  f.createdMs[i] = Date.parse(m.createdAt);
  f.clockStartMs[i] = m.clockStartAt ? Date.parse(m.clockStartAt) : Number.NaN;
  f.arrivalMs[i] = arrivalMs ?? (m.receivedAt ? Date.parse(m.receivedAt) : m.clockStartMs);
  f.followUp[i] = m.threadRootId ? 1 : 0;
  f.lang[i] = stringId(f, ix, m.lang);
  f.source[i] = stringId(f, ix, m.sourceId);
  f.handle[i] = m.author.handle ? stringId(f, ix, handleKey(m.channel, m.author.handle)) : -1;
  f.topics[i] = m.topics?.length ? stringId(f, ix, m.topics.join(TOPIC_SEP)) : -1;
  f.sentiment[i] = m.sentiment ? SENTIMENTS.indexOf(m.sentiment.label) + 1 : 0;
  f.sentimentScore[i] = m.sentiment?.score ?? 0;
  clearFolded(f, i);
  return i;
}

/** Clears what a mention's events fold into (first reply, owner, noise), before folding them (again). */
export function clearFolded(f: Facts, i: number): void {
  f.replyMs[i] = Infinity;
  f.replyAgent[i] = -1;
  f.ownerMs[i] = -Infinity;
  f.ownerAgent[i] = -1;
  f.noiseMs[i] = -Infinity;
  f.noiseOn[i] = 0;
}

/** A mention's topics after they were re-tagged (the topic journal, db/topic-changes.ts). */
export function setTopics(f: Facts, ix: FactsIndex, i: number, topics: readonly string[]): void {
  f.topics[i] = topics.length ? stringId(f, ix, topics.join(TOPIC_SEP)) : -1;
}

/** Folds one event into its mention's facts. Idempotent, so a window read twice does no harm. */
export function foldEvent(f: Facts, ix: FactsIndex, e: EventRecord): void {
  const i = e.mentionId === undefined ? undefined : ix.row.get(e.mentionId);
  if (i === undefined) return;
  const ms = Date.parse(e.at);
  switch (e.type) {
    case 'mention':
      f.arrivalMs[i] = ms;
      break;
    case 'replied':
      if (ms < f.replyMs[i]! && e.agent) [f.replyMs[i], f.replyAgent[i]] = [ms, agentId(f, ix, e.agent)];
      break;
    case 'assigned':
    case 'unassigned':
      if (e.type === 'assigned' && e.data?.lostTo !== undefined) break; // a take that lost owns nothing
      if (ms >= f.ownerMs[i]!) [f.ownerMs[i], f.ownerAgent[i]] = [ms, e.type === 'assigned' && e.agent ? agentId(f, ix, e.agent) : -1];
      break;
    case 'noise':
    case 'unnoise':
      if (ms >= f.noiseMs[i]!) [f.noiseMs[i], f.noiseOn[i]] = [ms, e.type === 'noise' ? 1 : 0];
      break;
    case 'skipped': {
      const taken = e.data?.takenMentionId;
      if (ix.skipIds.has(e.id) || !e.agent || typeof taken !== 'string') break;
      ix.skipIds.add(e.id);
      const reason = typeof e.data?.reason === 'string' ? e.data.reason : undefined;
      const note = typeof e.data?.note === 'string' ? e.data.note : undefined;
      f.skips.push({ id: e.id, mentionId: e.mentionId!, ms, agent: e.agent, takenMentionId: taken, ...(reason ? { reason } : {}), ...(note ? { note } : {}) });
      break;
    }
  }
}

export interface FactsFilter {
  fromMs?: number;
  toMs?: number;
  channels?: readonly Channel[];
}

/** Rows whose clock started in the range, on the chosen channels. */
export function selectRows(f: Facts, r: FactsFilter): number[] {
  const from = r.fromMs ?? -Infinity;
  const to = r.toMs ?? Infinity;
  const ch = r.channels?.length ? new Set(r.channels.map((c) => CHANNELS.indexOf(c))) : undefined;
  const rows: number[] = [];
  const { clockStartMs, createdMs } = f;
  for (let i = 0; i < f.n; i++) {
    // clockOf, written out: a call per row cost a new session's worker 11-14 ms over 200,000 rows.
    const backfilled = clockStartMs[i]!;
    const start = backfilled === backfilled ? backfilled : createdMs[i]!;
    if (start >= from && start < to && (!ch || ch.has(f.channel[i]!))) rows.push(i);
  }
  return rows;
}

/**
 * The same rows, ordered by clock start to the minute (ties in row order). The report's weekly
 * series sorts its mentions by clock start; handed them nearly in order, that sort is one pass
 * instead of 200,000 comparisons of objects. Any order gives the same figures.
 */
export function byClock(f: Facts, rows: readonly number[]): number[] {
  const SLOTS = 4_194_304; // 2^22 rows; minutes since 1970 times this stays far below 2^53
  if (f.n > SLOTS) return [...rows];
  const keys = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const start = clockOf(f, i);
    keys[k] = Math.max(0, Math.floor(start / 60_000)) * SLOTS + i;
  }
  keys.sort();
  const out = new Array<number>(rows.length);
  for (let k = 0; k < keys.length; k++) out[k] = keys[k]! % SLOTS;
  return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The smallest event log with the same figures as the full one: each mention, its first reply, its
 * last owner change, its last noise change and its skips. Mentions carry only what the report reads.
 */
export function minimalLogOf(f: Facts, rows: readonly number[]): LogEvent[] {
  const out: LogEvent[] = [];
  const chosen = new Set<string>();
  for (const i of rows) {
    const id = f.ids[i]!;
    chosen.add(id);
    const clock = f.clockStartMs[i]!;
    const mention = {
      id,
      channel: CHANNELS[f.channel[i]!]!,
      text: '',
      createdAt: iso(f.createdMs[i]!),
      ...(Number.isNaN(clock) ? {} : { clockStartAt: iso(clock) }),
      author: { key: '', handle: '', name: '', followers: null },
      reach: { score: 0, tier: REACH_TIERS[f.tier[i]!]! },
      ...groupFields(f, i),
    } satisfies Mention;
    out.push({ type: 'mention', at: iso(f.arrivalMs[i]!), mention, ...(f.followUp[i] ? { followUpOf: 'merged' } : {}) });
    if (f.replyMs[i]! !== Infinity) out.push({ type: 'replied', at: iso(f.replyMs[i]!), mentionId: id, agent: f.agents[f.replyAgent[i]!]! });
    if (f.ownerMs[i]! !== -Infinity) {
      const a = f.ownerAgent[i]!;
      out.push(a >= 0 ? { type: 'assigned', at: iso(f.ownerMs[i]!), mentionId: id, agent: f.agents[a]! } : { type: 'unassigned', at: iso(f.ownerMs[i]!), mentionId: id });
    }
    if (f.noiseMs[i]! !== -Infinity) out.push({ type: f.noiseOn[i] ? 'noise' : 'unnoise', at: iso(f.noiseMs[i]!), mentionId: id });
  }
  for (const s of f.skips) {
    if (!chosen.has(s.mentionId)) continue;
    const reason = s.reason === 'other' && s.note ? `other: ${s.note}` : s.reason;
    out.push({ type: 'skipped', at: iso(s.ms), mentionId: s.mentionId, agent: s.agent, takenMentionId: s.takenMentionId, ...(reason ? { reason } : {}) });
  }
  return out;
}

/** What a mention carries that `fairness --by` groups on (the channel and tier aside). */
export function groupFields(f: Facts, i: number): Pick<Mention, 'sourceId' | 'lang' | 'sentiment' | 'topics'> {
  const lang = str(f, f.lang[i]!);
  const topics = str(f, f.topics[i]!);
  const s = f.sentiment[i]!;
  return {
    sourceId: str(f, f.source[i]!) ?? 'earshot',
    ...(lang ? { lang } : {}),
    ...(s ? { sentiment: { label: SENTIMENTS[s - 1]!, score: Math.round(f.sentimentScore[i]! * 1000) / 1000 } } : {}),
    ...(topics ? { topics: topics.split(TOPIC_SEP) } : {}),
  };
}

/** The author's `channel:handle` (how the CRM import matches customers), if known. */
export const handleOf = (f: Facts, i: number): string | undefined => str(f, f.handle[i]!);

/** Reach tiers by mention id, for naming the tier of a mention taken out of order. */
export function tierOf(f: Facts, ix: FactsIndex, id: string): ReachTier | undefined {
  const i = ix.row.get(id);
  return i === undefined ? undefined : REACH_TIERS[f.tier[i]!];
}

/** The first `n` values of a column, in a column `room` longer (zeros past `n`, as a new column's). */
function sliced<T extends Float64Array | Float32Array | Uint8Array | Int32Array>(col: T, n: number, room: number): T {
  const out = new (col.constructor as new (length: number) => T)(n + room);
  out.set(col.subarray(0, n));
  return out;
}

/** The columns cut to their length (with `room` rows past it), for storing (typed arrays clone fast). */
export function trimmed(f: Facts, room = 0): Facts {
  const cols = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, sliced(f[k as keyof Columns], f.n, room)])) as unknown as Columns;
  return { n: f.n, ids: f.ids.slice(0, f.n), agents: [...f.agents], skips: [...f.skips], strings: [...f.strings], ...cols };
}
