/**
 * Re-tagging after a change of topic rules, outside the log's apply (INTERFACES.md "Topic rules": a
 * `topic-rules` entry re-tags every mention heard before it).
 *
 * Applying the entry only queues the re-tag: the rules and the entry's log position go into meta
 * `retag`, in the apply's own transaction. The re-tag then runs in chunks, each its own transaction
 * over `mentions` and `meta` that moves the queued re-tag's bookmark with the mentions it changed, so
 * a closed window resumes where it stopped and the inbox, the counters and the next pages of the log
 * get their turn between chunks. Re-tagged inside the apply, 20,000 mentions held every read of the
 * inbox for 19.5 s (retag bench); at 200,000 that was minutes of a frozen inbox on every seat.
 *
 * A mention heard after the entry (its arrival's position is past the entry's) was tagged by main
 * with these rules or later ones and is left as it is, as the apply did and as `voc --team` does.
 * A newer `topic-rules` entry replaces a queued one: its re-tag covers every mention the older one
 * would have reached, and starts again from the first.
 */
import { createStore } from 'zustand/vanilla';
import type { EarshotDb, MentionRecord } from './schema';
import { getMeta, metaKey, putMeta } from './meta';
import { recordTopicChanges } from './topic-changes';
import { topicChanges } from './topics';
import { compileRules, TopicRuleSchema, type CompiledRule, type TopicRule } from '../../src-main/shared/enrich/topic-rules';

export interface QueuedRetag {
  rules: TopicRule[];
  /** The log position of the `topic-rules` entry: mentions that arrived after it are not re-tagged. */
  position: number;
  /** The last mention id re-tagged so far (ids in order); absent before the first chunk. */
  after?: string;
  /** Mentions looked at so far. */
  done: number;
  /** Of those, how many got other topics. */
  changed: number;
}

const RETAG = metaKey<QueuedRetag>('retag', (raw) => {
  const v = raw as Partial<QueuedRetag> | undefined;
  if (!v || typeof v.position !== 'number' || typeof v.done !== 'number' || !Array.isArray(v.rules)) return undefined;
  const rules = TopicRuleSchema.array().safeParse(v.rules);
  if (!rules.success || (v.after !== undefined && typeof v.after !== 'string')) return undefined;
  return { rules: rules.data, position: v.position, done: v.done, changed: typeof v.changed === 'number' ? v.changed : 0, ...(v.after !== undefined ? { after: v.after } : {}) };
});

/** Mentions read and re-tagged per transaction. */
const CHUNK = 500;

/** Call inside the apply's read-write transaction (over `meta`), for the `topic-rules` entry at `position`. */
export async function queueRetag(db: EarshotDb, rules: readonly TopicRule[], position: number): Promise<void> {
  await putMeta(db, RETAG, { rules: [...rules], position, done: 0, changed: 0 });
}

/** The queued re-tag, if any. */
export const queuedRetag = (db: EarshotDb): Promise<QueuedRetag | undefined> => getMeta(db, RETAG);

const heardAfter = (m: MentionRecord, position: number): boolean => m.arrival?.position !== undefined && m.arrival.position > position;

let compiledFor: { json: string; compiled: CompiledRule[] } | undefined;
function compiledRules(rules: readonly TopicRule[]): CompiledRule[] {
  const json = JSON.stringify(rules);
  if (compiledFor?.json !== json) compiledFor = { json, compiled: compileRules(rules) };
  return compiledFor.compiled;
}

/**
 * Re-tags the next chunk of the queued re-tag, in one transaction that also moves its bookmark (or
 * removes it after the last mention: then `finished`). Resolves with where it got, undefined when
 * none is queued.
 */
export async function retagNextChunk(db: EarshotDb, chunk = CHUNK): Promise<(QueuedRetag & { finished?: true }) | undefined> {
  return db.transaction('rw', db.mentions, db.meta, async () => {
    const q = await getMeta(db, RETAG);
    if (!q) return undefined;
    const page = await (q.after === undefined ? db.mentions.orderBy('id') : db.mentions.where('id').above(q.after)).limit(chunk).toArray();
    const changes = topicChanges(
      compiledRules(q.rules),
      page.filter((m) => !heardAfter(m, q.position)),
    );
    if (changes.length) {
      // The records were read in this transaction: put them back with their new topics rather than
      // bulkUpdate, which reads each one again.
      const byId = new Map(page.map((m) => [m.id, m]));
      await db.mentions.bulkPut(changes.map((c) => ({ ...byId.get(c.id)!, topics: c.topics })));
      await recordTopicChanges(db, changes);
    }
    const next: QueuedRetag = { ...q, after: page[page.length - 1]?.id ?? q.after, done: q.done + page.length, changed: q.changed + changes.length };
    if (page.length < chunk) {
      await db.meta.delete(RETAG.name);
      return { ...next, finished: true };
    }
    await putMeta(db, RETAG, next);
    return next;
  });
}

/**
 * How far the queued re-tag has got (`progress`, undefined when none runs), and what the last one to
 * finish in this window did (`last`), for the status bar and the Topics screen.
 */
export const retagProgress = createStore<{ progress?: { done: number; total: number }; last?: { total: number; changed: number } }>(() => ({}));

/** Runs the queued re-tag to its end (resolves at once when none is queued). */
export async function runQueuedRetag(db: EarshotDb, chunk = CHUNK): Promise<void> {
  if (!(await queuedRetag(db))) return;
  const total = await db.mentions.count();
  try {
    for (let q = await retagNextChunk(db, chunk); q; q = q.finished ? undefined : await retagNextChunk(db, chunk)) {
      if (q.finished) retagProgress.setState({ last: { total: q.done, changed: q.changed } });
      else retagProgress.setState({ progress: { done: Math.min(q.done, total), total } });
    }
  } finally {
    retagProgress.setState({ progress: undefined });
  }
}
