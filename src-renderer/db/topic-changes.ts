/**
 * A journal of the topics re-tagging rewrote (Topics screen, "apply to past mentions"), kept in
 * `meta` so that what is derived from the mentions and kept elsewhere (the report's facts, the
 * voice-of-the-customer columns, each in its worker and stored) can take just those mentions' new
 * topics instead of being built again from every mention.
 *
 * Each chunk of a re-tag writes one entry in the same transaction as the mentions it changed, so an
 * entry exists exactly when its changes do (a window closed half way keeps both halves in step).
 * Keys sort in the order they were written; a reader remembers the last key it took in.
 */
import type { EarshotDb } from './schema';

const PREFIX = 'topicsChanged:';
/** Wider than any count of chunks, so keys sort as numbers. */
const DIGITS = 12;
/** Just after every key of the journal (':' + 1). */
const END = 'topicsChanged;';

export interface TopicChange {
  id: string;
  topics: string[];
}

interface Entry {
  ids: string[];
  topics: string[][];
}

/** Call inside a read-write transaction over `mentions` and `meta`, beside the writes it records. */
export async function recordTopicChanges(db: EarshotDb, changes: readonly TopicChange[]): Promise<void> {
  if (changes.length === 0) return;
  const last = await lastTopicChange(db);
  const seq = last === '' ? 1 : Number(last.slice(PREFIX.length)) + 1;
  const value: Entry = { ids: changes.map((c) => c.id), topics: changes.map((c) => c.topics) };
  await db.meta.put({ key: PREFIX + String(seq).padStart(DIGITS, '0'), value });
}

/** The key of the newest entry, '' when there is none: a reader built from the mentions now starts after it. */
export async function lastTopicChange(db: EarshotDb): Promise<string> {
  const keys = await db.meta.where('key').between(PREFIX, END, false, false).reverse().limit(1).primaryKeys();
  return keys[0] ?? '';
}

/**
 * The new topics written after entry `after` ('' for all), the later entry winning, and the key to
 * remember. Usually nothing: one short indexed read.
 */
export async function topicChangesAfter(db: EarshotDb, after: string): Promise<{ last: string; topics: Map<string, string[]> }> {
  const rows = await db.meta.where('key').between(after === '' ? PREFIX : after, END, false, false).toArray();
  const topics = new Map<string, string[]>();
  for (const r of rows) {
    const e = r.value as Entry;
    e.ids.forEach((id, k) => topics.set(id, e.topics[k] ?? []));
  }
  return { last: rows.length ? rows[rows.length - 1]!.key : after, topics };
}
