/**
 * The `meta` table: small singletons keyed by name. Every key is named here (MetaKeyName, so two
 * owners can never pick the same one) and declared by its owner with metaKey(name, parse): the
 * value's type, and how a stored value is checked on the way back in (a value from an older
 * version, or a damaged one, reads as undefined: the owner rebuilds or falls back to defaults;
 * never a cast).
 */
import type { EarshotDb } from './schema';

/** Each key and its owner. */
export type MetaKeyName =
  /** Who I am and how I work: db/settings.ts. */
  | 'settings'
  /** Which log and how far of it this database holds: db/apply.ts. */
  | 'position'
  /** The team's saved replies: db/team-data.ts (written by the log), composer/saved-replies.ts. */
  | 'savedReplies'
  /** The report's facts cache: reports/facts-save.ts. */
  | 'reportFacts'
  /** The facts cache's bookkeeping alone, read before the columns arrive: reports/facts-save.ts. */
  | 'reportFactsHeader'
  /** The report's outcome columns worked out over the stored facts, tagged as theirs: reports/facts-save.ts. */
  | 'reportOutcomes'
  /** Fairness-ratio intervals already worked out: reports/intervals-store.ts. */
  | 'reportIntervals'
  /** The voice-of-the-customer columns cache: voc/voc-store.ts. */
  | 'vocColumns'
  /** Each mention's first-response outcome, worked out for the VoC report: voc/voc-store.ts. */
  | 'vocOutcomes'
  /** Whether the demo history was seeded or removed: demo-history/seed.ts. */
  | 'demoHistory'
  /** Bumped when events dated in the past are written or deleted: db/old-writes.ts. */
  | 'oldWrites'
  /** Moved by every write the report's facts could have to take in: db/writes-mark.ts. */
  | 'writes'
  /** A re-tag after new topic rules, queued by the log's apply and run in chunks: db/retag-queue.ts. */
  | 'retag'
  /** Numbers each write to the mentions, so the due changes it tells are put in commit order: db/due-changes.ts. */
  | 'dueSeq'
  /** The window journal's head (its entries are under `windowJournal:`): db/window-journal.ts. */
  | 'windowJournalHead';

/**
 * Not a singleton, so not a MetaKeyName: db/topic-changes.ts keeps its journal of re-tagged mentions
 * under the prefix `topicsChanged:` (one key per chunk, read by key range).
 */

export interface MetaKey<T> {
  readonly name: MetaKeyName;
  /** The stored value as T, or undefined when it is not one (older version, damaged). */
  readonly parse: (raw: unknown) => T | undefined;
}

export function metaKey<T>(name: MetaKeyName, parse: (raw: unknown) => T | undefined): MetaKey<T> {
  return { name, parse };
}

/** The value under the key, checked; undefined when absent or not of the key's type. */
export async function getMeta<T>(db: EarshotDb, key: MetaKey<T>): Promise<T | undefined> {
  const row = await db.meta.get(key.name);
  return row === undefined ? undefined : key.parse(row.value);
}

export async function hasMeta(db: EarshotDb, key: MetaKey<unknown>): Promise<boolean> {
  return (await db.meta.get(key.name)) !== undefined;
}

export async function putMeta<T>(db: EarshotDb, key: MetaKey<T>, value: T): Promise<void> {
  await db.meta.put({ key: key.name, value });
}

export async function deleteMeta(db: EarshotDb, key: MetaKey<unknown>): Promise<void> {
  await db.meta.delete(key.name);
}

/** For checks: a plain object's fields, or undefined. */
export function record(raw: unknown): Record<string, unknown> | undefined {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}
