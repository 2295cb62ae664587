/**
 * The inbox query at 200,000 mentions. IndexedDB in Chromium reads an index key in ~15 µs here, so
 * the whole open queue (120,000 keys) takes about two seconds however it is asked for. The list must
 * not wait for that: the queue is read in due order, a small first chunk so the first rows draw at
 * once, then the rest in one read; each part is filtered and handed over as it arrives.
 *
 * Filters run on indexes and primary keys only: each dimension (channel, tag, word, assignee...) is a
 * set of keys from its own index, and the ordered queue is intersected with them chunk by chunk. When
 * one dimension is small (a tag, "mine", a rare word) its few records are read and sorted instead.
 * Key reads are shaped so IndexedDB answers each with one getAllKeys over one range: Dexie walks a
 * cursor (one event per key) for anyOf, noneOf and reverse.
 */
import type { EarshotDb, MentionRecord } from './schema';
import { facetKey } from './facets';
import { CLOSED_STATUSES, OPEN_STATUSES, effectiveStatuses, isPlain, matchesFilter, searchTerms, type InboxFilter } from './inbox-filter';
import { searchIds } from './search-store';
import { onDueChanges, writtenIds, type DueChange } from './due-changes';
import { keysWithAnyOf } from './any-of';

const QUEUE = '[open+dueAt+createdMs]';
export const STATUS_DUE = '[status+dueAt]';
/** Below this many candidates the filter runs over records in memory instead of over the queue. */
export const SMALL_SET = 4000;

export interface StreamOptions {
  smallSet?: number;
  /** Keys in the first chunk (drawn at once) and in each one after (default: the rest in one read). */
  firstChunk?: number;
  chunk?: number;
  /** Set `cancelled` to stop between chunks (a newer filter replaced this one). */
  signal?: { cancelled: boolean };
  /**
   * Before waiting for the key sets, read this many records at the head of the queue and report the
   * ones that match: they are the first rows of the result (the queue is its order), so the list can
   * draw them while the key sets, which can be a hundred thousand keys, are still being read.
   */
  head?: number;
  /**
   * Awaited once the first rows are reported and before the big key reads: a re-read after a change
   * shows the head of the queue at once and paces the rest of its work here (use-inbox-ids.ts).
   */
  afterFirstRows?: () => Promise<void>;
}

/** Records read by the head read, for the list to draw its first rows without reading them again; `at`, when the read ended. */
const primed = new Map<string, { r: MentionRecord; at: number }>();
const PRIMED_LIMIT = 1000;
const now = (): number => performance.timeOrigin + performance.now();

/** A record the last head reads brought in (a moment old; the list's own read replaces it). */
export function primedRecord(id: string): MentionRecord | undefined {
  return primed.get(id)?.r;
}

/** Whether `primed` forgets what is written from now on (asked for at the first prime). */
let forgetsWrites = false;

/** Forgets the records read before this write committed: the row should not draw what it replaced. */
function forgetWritten(c: DueChange): void {
  const committedAt = c.committedAt ?? Infinity;
  const written = writtenIds(c);
  for (const id of written === 'all' ? [...primed.keys()] : written) if ((primed.get(id)?.at ?? Infinity) <= committedAt) primed.delete(id);
}

function prime(rows: readonly MentionRecord[]): void {
  if (!forgetsWrites) {
    forgetsWrites = true;
    onDueChanges(forgetWritten);
  }
  const at = now();
  for (const r of rows) {
    primed.delete(r.id);
    primed.set(r.id, { r, at });
  }
  while (primed.size > PRIMED_LIMIT) primed.delete(primed.keys().next().value!);
}

/** The first `n` records of the queue (open: due order; closed: most recent first). */
function queueHead(db: EarshotDb, open: 0 | 1, n: number): Promise<MentionRecord[]> {
  const range = db.mentions.where(QUEUE).between([open, -Infinity, -Infinity], [open, Infinity, Infinity], true, true);
  return (open === 1 ? range : range.reverse()).limit(n).toArray();
}

export function keysEqual(db: EarshotDb, index: string, value: string | number): Promise<string[]> {
  return db.mentions.where(index).equals(value).primaryKeys();
}


/** Mentions in these statuses, from the [status+dueAt] index (one key range per status). */
export async function keysOfStatuses(db: EarshotDb, statuses: readonly string[]): Promise<string[]> {
  const parts = await Promise.all(statuses.map((s) => db.mentions.where(STATUS_DUE).between([s, -Infinity], [s, Infinity], true, true).primaryKeys()));
  return parts.flat();
}

/**
 * The queue (open: due order; closed: most recent first), as ids: a first chunk of `first`, then the
 * rest `size` at a time — by default all at once, since one getAllKeys over the remaining range is
 * the cheapest read IndexedDB has (and a descending rest is read ascending and turned around).
 */
export async function* queueChunks(db: EarshotDb, open: 0 | 1, first: number, size = Infinity): AsyncGenerator<string[]> {
  const idx = () => db.mentions.where(QUEUE);
  const lo = [open, -Infinity, -Infinity];
  const hi = [open, Infinity, Infinity];
  const asc = open === 1;
  let n = first;
  let chunk = asc ? await idx().between(lo, hi, true, true).limit(n).primaryKeys() : await idx().between(lo, hi, true, true).reverse().limit(n).primaryKeys();
  while (chunk.length) {
    yield chunk;
    if (chunk.length < n) return;
    // Continue after the last key. Equal queue keys (same due time and post time) are ordered by id,
    // so take the rest of that tie from its own range, then what lies strictly beyond it.
    const lastId = chunk[chunk.length - 1]!;
    const last = await db.mentions.get(lastId);
    if (!last || last.open !== open) throw new QueueMoved();
    const key = [open, last.dueAt, last.createdMs];
    n = size;
    const tie = (await idx().equals(key).primaryKeys()).filter((id) => (asc ? id > lastId : id < lastId));
    let beyond: string[];
    if (asc) beyond = await idx().between(key, hi, false, true).limit(n).primaryKeys();
    else if (n === Infinity) beyond = (await idx().between(lo, key, true, false).primaryKeys()).reverse();
    else beyond = await idx().between(lo, key, true, false).reverse().limit(n).primaryKeys();
    chunk = (asc ? tie : tie.reverse()).concat(beyond);
    if (beyond.length < n) {
      if (chunk.length) yield chunk;
      return;
    }
  }
}

/** The queue changed under a read in progress (its last mention was closed or reopened): read again. */
export class QueueMoved extends Error {
  constructor() {
    super('the queue changed while it was being read');
    this.name = 'QueueMoved';
  }
}

/** Open first by due time then oldest post; closed after, most recent first. */
export function sortByQueue(rows: MentionRecord[]): MentionRecord[] {
  return rows.sort((a, b) => {
    if (a.open !== b.open) return b.open - a.open;
    if (a.open === 1) return a.dueAt - b.dueAt || a.createdMs - b.createdMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return b.dueAt - a.dueAt || b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  });
}

/** The key sets a filter is checked against: ids to keep (all of them must hold) and ids to leave out. */
function readKeySets(db: EarshotDb, f: InboxFilter, me: string, excludedStatuses: readonly string[]) {
  const include: Array<Promise<string[]>> = [];
  const exclude: Array<Promise<string[]>> = [];
  if (f.channels?.length) include.push(keysWithAnyOf(db.mentions, 'channel', f.channels));
  if (f.sources?.length) include.push(keysWithAnyOf(db.mentions, 'sourceId', f.sources));
  if (f.tiers?.length) include.push(keysWithAnyOf(db.mentions, 'reach.tier', f.tiers));
  if (f.tags?.length) include.push(keysWithAnyOf(db.mentions, 'tags', f.tags));
  if (f.langs?.length) include.push(keysWithAnyOf(db.mentions, 'facets', f.langs.map((v) => facetKey('lang', v))));
  if (f.sentiments?.length) include.push(keysWithAnyOf(db.mentions, 'facets', f.sentiments.map((v) => facetKey('sentiment', v))));
  if (f.topics?.length) include.push(keysWithAnyOf(db.mentions, 'facets', f.topics.map((v) => facetKey('topic', v))));
  if (f.only) include.push(Promise.resolve(f.only.ids));
  // Text: the in-memory search rows (db/search-store.ts), every term at the start of a word.
  const terms = searchTerms(f.text);
  const textHits = terms.length ? searchIds(db, terms) : undefined;
  if (textHits) include.push(textHits);
  if (f.assignee === 'mine') include.push(keysEqual(db, 'assignee', me));
  else if (f.assignee?.startsWith('agent:')) include.push(keysEqual(db, 'assignee', f.assignee.slice(6)));
  else if (f.assignee === 'unassigned') exclude.push(db.mentions.orderBy('assignee').primaryKeys());
  else if (f.assignee === 'mine-or-unassigned') {
    exclude.push(
      Promise.all([db.mentions.orderBy('assignee').primaryKeys(), keysEqual(db, 'assignee', me)]).then(([assigned, mine]) => {
        const m = new Set(mine);
        return assigned.filter((id) => !m.has(id));
      }),
    );
  }
  if (excludedStatuses.length) exclude.push(keysOfStatuses(db, excludedStatuses));
  return { include, exclude, textHits };
}

/**
 * Which of `among` match the filter, from key sets alone: no queue order and no record read, so
 * counting unread per view reads each status's keys once (`statusKeys` is shared across views)
 * instead of the whole queue per view.
 */
export async function keysMatching(db: EarshotDb, f: InboxFilter, me: string, among: ReadonlySet<string>, statusKeys: (s: string) => Promise<string[]>): Promise<string[]> {
  const { include, exclude } = readKeySets(db, f, me, []);
  const [inStatus, ins, outs] = await Promise.all([Promise.all(effectiveStatuses(f).map(statusKeys)), Promise.all(include), Promise.all(exclude)]);
  const inSets = ins.map((k) => new Set(k));
  const outSets = outs.map((k) => new Set(k));
  const out: string[] = [];
  for (const ids of inStatus) for (const id of ids) if (among.has(id) && inSets.every((s) => s.has(id)) && !outSets.some((s) => s.has(id))) out.push(id);
  return out;
}

/** Which parts of the queue a filter reads (open first, then closed) and which statuses it leaves out of them. */
function queueParts(f: InboxFilter): { parts: Array<0 | 1>; excludedStatuses: string[] } {
  const statuses = effectiveStatuses(f);
  const wantOpen = statuses.some((s) => OPEN_STATUSES.includes(s));
  const wantClosed = statuses.some((s) => CLOSED_STATUSES.includes(s));
  const excludedStatuses = [...(wantOpen ? OPEN_STATUSES : []), ...(wantClosed ? CLOSED_STATUSES : [])].filter((s) => !statuses.includes(s));
  const parts: Array<0 | 1> = [...(wantOpen ? [1 as const] : []), ...(wantClosed ? [0 as const] : [])];
  return { parts, excludedStatuses };
}

/**
 * The filter's ids among the first `n` of the queue, in queue order: the top of the list, read alone
 * while a whole read is under way. Records, not keys, even where the filter needs none: the rows
 * draw from them (primed), where reading them after the keys waited behind the whole read's next
 * chunk (a polled mention's row drawn 0.46 s after its id, at 100,000 open on disk).
 */
export async function readQueueHead(db: EarshotDb, f: InboxFilter, me: string, n: number): Promise<string[]> {
  const { parts } = queueParts(f);
  if (!parts.length) return [];
  const rows = await queueHead(db, parts[0]!, n);
  prime(rows);
  return rows.filter((r) => matchesFilter(r, f, me)).map((r) => r.id);
}

/**
 * Streams the ids matching the filter in queue order: `onProgress(ids, done)` gets the ids so far
 * after each chunk (a new array each time) and, last, all of them with done = true.
 */
export async function streamFilteredIds(
  db: EarshotDb,
  f: InboxFilter,
  me: string,
  onProgress: (ids: string[], done: boolean) => void,
  opts: StreamOptions = {},
): Promise<string[]> {
  const { parts, excludedStatuses } = queueParts(f);
  // Asked for first, so IndexedDB answers it before the big key reads below.
  // A view with no chips and no status left out reads its first chunk as its first rows already.
  const head = opts.head && parts.length && (!isPlain(f) || excludedStatuses.length) ? queueHead(db, parts[0]!, opts.head) : undefined;

  const pause = opts.afterFirstRows;
  // Asked for before the head is awaited, so IndexedDB answers them in parallel; a paced re-read
  // asks only after its pause, so they do not hold up the writes that arrive meanwhile.
  let keys = pause && head ? undefined : readKeySets(db, f, me, excludedStatuses);

  if (head) {
    const rows = await head;
    prime(rows);
    const first = rows.filter((r) => matchesFilter(r, f, me)).map((r) => r.id);
    if (first.length && !opts.signal?.cancelled) onProgress(first, false);
    if (pause) await pause();
    if (opts.signal?.cancelled) return first;
  }
  keys ??= readKeySets(db, f, me, excludedStatuses);
  const { include, exclude, textHits } = keys;

  const includes = await Promise.all(include);
  const smallest = includes.reduce<string[] | undefined>((a, b) => (!a || b.length < a.length ? b : a), undefined);
  if (smallest && smallest.length <= (opts.smallSet ?? SMALL_SET)) {
    const rows = (await db.mentions.bulkGet([...new Set(smallest)])).filter((r): r is MentionRecord => Boolean(r));
    // The text part was answered by the search rows: check it against their ids, not by re-reading every row's words.
    const hits = textHits && new Set(await textHits);
    const rest: InboxFilter = hits ? { ...f, text: undefined } : f;
    const ids = sortByQueue(rows.filter((r) => matchesFilter(r, rest, me) && (!hits || hits.has(r.id)))).map((r) => r.id);
    onProgress(ids, true);
    return ids;
  }
  const ins = includes.map((k) => new Set(k)).sort((a, b) => a.size - b.size);
  const outs = (await Promise.all(exclude)).map((k) => new Set(k));
  const keep = (id: string): boolean => ins.every((s) => s.has(id)) && !outs.some((s) => s.has(id));
  const plain = !ins.length && !outs.length;

  let out: string[] = [];
  let paused = false;
  for (const open of parts) {
    for await (const chunk of queueChunks(db, open, opts.firstChunk ?? 300, opts.chunk ?? Infinity)) {
      if (opts.signal?.cancelled) return out;
      out = out.concat(plain ? chunk : chunk.filter(keep));
      onProgress(out, false);
      if (pause && !head && !paused) {
        paused = true;
        await pause();
      }
    }
  }
  onProgress(out, true);
  return out;
}
