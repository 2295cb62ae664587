/**
 * The fairness-ratio intervals already worked out (src-main/shared/sla/stats.ts remembers them by
 * the samples they came from), kept in `meta` so that a new session's first report does not draw
 * 2,000 resamples again for every week of a year that did not change. A cache of a pure function:
 * a remembered interval is the one the same samples give when worked out, so the figures are the
 * same with or without it, and a failed save costs time only.
 */
import type { EarshotDb } from '../db/schema';
import { getMeta, metaKey, putMeta } from '../db/meta';
import { intervalsAdded, knownIntervals, rememberIntervals, type RatioInterval } from '../../src-main/shared/sla/stats';
import { whenQuiet } from './facts-idle';

// 2: keys by the order-free hash of each sample (stats.ts sampleKey, stop 46); entries under the
// earlier keys would never be found again, so a save of 1 reads as none.
const VERSION = 2;

interface Stored {
  version: number;
  entries: Array<[string, RatioInterval]>;
}

const INTERVALS = metaKey<Stored>('reportIntervals', (raw) => {
  const v = raw as Partial<Stored> | undefined;
  return v?.version === VERSION && Array.isArray(v.entries) ? (v as Stored) : undefined;
});

/** The read of each database's stored intervals, and how many had been added when last saved (intervalsAdded). */
const loaded = new Map<string, Promise<void>>();
let saved = 0;

/**
 * Takes in the stored intervals, once per database and session. A caller that asks while the read
 * runs (a report beside the worker's start-ahead) waits for that same read.
 */
export function loadIntervals(db: EarshotDb): Promise<void> {
  let read = loaded.get(db.name);
  if (!read) {
    read = getMeta(db, INTERVALS).then(
      (s) => {
        if (s) rememberIntervals(s.entries);
        saved = Math.max(saved, intervalsAdded());
      },
      () => undefined, // a cache: without it the intervals are worked out
    );
    loaded.set(db.name, read);
  }
  return read;
}

/**
 * Stores the intervals when the last report worked out new ones (not awaited by the report), also
 * once as many are kept as can be, when each new one takes the place of the oldest.
 */
export function saveIntervals(db: EarshotDb): void {
  if (intervalsAdded() === saved) return;
  saved = intervalsAdded();
  putMeta(db, INTERVALS, { version: VERSION, entries: knownIntervals() }).catch((e: unknown) => console.error('earshot: the report intervals could not be saved; they are worked out again next time', e));
}

/**
 * After a report that worked out new intervals: they are stored once no report was asked for a
 * moment (whenQuiet), like the outcome columns. Written at once, the put (12 KB) came right after a
 * new session's first report, and its commit, slow that time (0.5 s of IndexedDB's thread in a trace
 * at 200,000 mentions, 2,000 new ones just written), held up the reads of the All time report a lead
 * asked for next.
 */
export function saveIntervalsWhenQuiet(db: EarshotDb): void {
  whenQuiet(db.name, () => saveIntervals(db), 'intervals');
}