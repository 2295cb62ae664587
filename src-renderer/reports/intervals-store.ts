/**
 * The fairness-ratio intervals already worked out (src-main/shared/sla/stats.ts remembers them by
 * the samples they came from), kept in `meta` so that a new session's first report does not draw
 * 2,000 resamples again for every week of a year that did not change. A cache of a pure function:
 * a remembered interval is the one the same samples give when worked out, so the figures are the
 * same with or without it, and a failed save costs time only.
 */
import type { EarshotDb } from '../db/schema';
import { getMeta, metaKey, putMeta } from '../db/meta';
import { intervalsKnown, knownIntervals, rememberIntervals, type RatioInterval } from '../../src-main/shared/sla/stats';

const VERSION = 1;

interface Stored {
  version: number;
  entries: Array<[string, RatioInterval]>;
}

const INTERVALS = metaKey<Stored>('reportIntervals', (raw) => {
  const v = raw as Partial<Stored> | undefined;
  return v?.version === VERSION && Array.isArray(v.entries) ? (v as Stored) : undefined;
});

/** Databases whose stored intervals were taken in, and how many were known when last saved. */
const loaded = new Set<string>();
let saved = 0;

/** Takes in the stored intervals, once per database and session. */
export async function loadIntervals(db: EarshotDb): Promise<void> {
  if (loaded.has(db.name)) return;
  loaded.add(db.name);
  const s = await getMeta(db, INTERVALS).catch(() => undefined);
  if (s) rememberIntervals(s.entries);
  saved = Math.max(saved, intervalsKnown());
}

/** Stores the intervals when the last report worked out new ones (not awaited by the report). */
export function saveIntervals(db: EarshotDb): void {
  if (intervalsKnown() === saved) return;
  saved = intervalsKnown();
  putMeta(db, INTERVALS, { version: VERSION, entries: knownIntervals() }).catch((e: unknown) => console.error('earshot: the report intervals could not be saved; they are worked out again next time', e));
}
