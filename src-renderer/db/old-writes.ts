/**
 * A marker of writes that land in the past: bumped, in the writer's own transaction, whenever
 * events dated more than a day before the write are stored (a replay of the log, an imported log,
 * the demo history) or old events are deleted. The report's stored facts (reports/facts-store.ts)
 * read recent events only, and compare this marker instead of counting every event (a count of
 * 800,000 events took 0.3-1.5 s on every report); recent writes are seen in the window they read.
 */
import type { EarshotDb } from './schema';
import { getMeta, metaKey, putMeta, record } from './meta';

const OLD_WRITES = metaKey<{ seq: number }>('oldWrites', (raw) => {
  const v = record(raw);
  return v && typeof v.seq === 'number' ? { seq: v.seq } : undefined;
});

/** Older than this before the write counts as old (the report's window reaches two days back). */
export const OLD_WRITE_MS = 86_400_000;

/** Call inside a read-write transaction that includes `meta`, beside the events it writes. */
export async function noteOldWrites(db: EarshotDb, events: ReadonlyArray<{ at: string }>, nowMs = Date.now()): Promise<void> {
  const limit = nowMs - OLD_WRITE_MS;
  // An unreadable date counts as old: the reports then read everything again.
  if (events.some((e) => !(Date.parse(e.at) >= limit))) await bumpOldWrites(db);
}

/** The same, for writes whose dates are not at hand (deleting a mention's history). */
export async function bumpOldWrites(db: EarshotDb): Promise<void> {
  await putMeta(db, OLD_WRITES, { seq: ((await getMeta(db, OLD_WRITES))?.seq ?? 0) + 1 });
}

/** The marker now (0: never bumped). */
export async function oldWritesSeq(db: EarshotDb): Promise<number> {
  return (await getMeta(db, OLD_WRITES))?.seq ?? 0;
}
