/**
 * The fairness intervals kept in `meta` (reports/intervals-store.ts) are read once per database and
 * session, and a caller that asks while that read runs (a report sent beside the report worker's
 * start-ahead) waits for the same read instead of going on without them. Once as many are kept as
 * can be, a new one (taking the oldest one's place) is still stored.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { loadIntervals, saveIntervals, saveIntervalsWhenQuiet } from '../../src-renderer/reports/intervals-store';
import { postponeIdle, setIdleMs, whenQuiet } from '../../src-renderer/reports/facts-idle';
import { bootstrapMedianRatio, forgetIntervals, intervalsAdded, intervalsKnown, rememberIntervals, type RatioInterval } from '../../src-main/shared/sla/stats';
import { freshDb } from './helpers/db';

beforeEach(() => forgetIntervals());
afterEach(() => forgetIntervals());

describe('the stored fairness intervals', () => {
  it('are taken in by every caller that asks while they are read, from one read', async () => {
    const db = await freshDb();
    // Two intervals worked out and saved, as a report would; then a new session forgets them.
    bootstrapMedianRatio(Float64Array.from([1, 2, 3, 40]), Float64Array.from([1, 1, 2, 2]), { resamples: 50 });
    bootstrapMedianRatio(Float64Array.from([5, 6, 7]), Float64Array.from([1, 2, 9]), { resamples: 50 });
    expect(intervalsKnown()).toBe(2);
    saveIntervals(db);
    await new Promise((r) => setTimeout(r, 50));
    forgetIntervals();
    const reads: string[] = [];
    db.meta.hook('reading', (v: unknown) => {
      reads.push((v as { key?: string }).key ?? '');
      return v;
    });
    const first = loadIntervals(db).then(() => intervalsKnown());
    const second = loadIntervals(db).then(() => intervalsKnown());
    expect(await second, 'the second caller waited for the read').toBe(2);
    expect(await first).toBe(2);
    await loadIntervals(db);
    expect(reads, 'one read for all three').toEqual(['reportIntervals']);
  });

  it('are stored again when a new one takes the place of the oldest, once as many are kept as can be', async () => {
    const db = await freshDb();
    const interval = (k: number): RatioInterval => bootstrapMedianRatio(Float64Array.from([k, k + 2]), Float64Array.from([1, 2]), { resamples: 5 });
    let k = 0;
    // Fill the cache until a new interval no longer makes it larger.
    for (let before = -1; intervalsKnown() !== before; ) {
      before = intervalsKnown();
      interval(++k);
    }
    const stored = async (): Promise<Array<[string, RatioInterval]>> => ((await db.meta.get('reportIntervals'))?.value as { entries?: Array<[string, RatioInterval]> } | undefined)?.entries ?? [];
    // The newest stored entry's key once a save has come in (saves are not awaited by reports).
    const newestAfterSave = (before: string | undefined): Promise<string> =>
      vi.waitFor(async () => {
        const newest = (await stored()).at(-1)?.[0];
        expect(newest).not.toBe(before);
        return newest!;
      });
    saveIntervals(db);
    const first = await newestAfterSave(undefined);
    const full = intervalsKnown();
    interval(++k);
    expect(intervalsKnown(), 'still as many: the new one took the oldest one\'s place').toBe(full);
    saveIntervals(db);
    await newestAfterSave(first);
    // A new session takes back what was stored: the newest interval is among it, so asking for it works nothing out.
    const entries = await stored();
    forgetIntervals();
    rememberIntervals(entries);
    const known = intervalsAdded();
    interval(k);
    expect(intervalsAdded(), 'the newest interval was stored').toBe(known);
    interval(1);
    expect(intervalsAdded(), 'the oldest, dropped, is worked out again').toBe(known + 1);
  });

  it('cost a failed read nothing but time: the report works them out', async () => {
    const db = await freshDb();
    db.close();
    await expect(loadIntervals(db)).resolves.toBeUndefined();
    expect(intervalsKnown()).toBe(0);
  });

  it('are stored once no report was asked for a moment, beside the outcome columns waiting too, not at once', async () => {
    const db = await freshDb();
    setIdleMs(40);
    try {
      bootstrapMedianRatio(Float64Array.from([1, 2, 3, 40]), Float64Array.from([1, 1, 2, 2]), { resamples: 50 });
      const storedNow = async (): Promise<boolean> => (await db.meta.get('reportIntervals')) !== undefined;
      const other = vi.fn();
      whenQuiet(db.name, other);
      saveIntervalsWhenQuiet(db);
      await new Promise((r) => setTimeout(r, 25));
      // A report asked for meanwhile: the wait starts again.
      postponeIdle(db.name);
      await new Promise((r) => setTimeout(r, 25));
      expect(await storedNow()).toBe(false);
      expect(other).not.toHaveBeenCalled();
      await vi.waitFor(async () => expect(await storedNow()).toBe(true));
      // The outcome columns' save waiting in its own slot ran too: neither replaced the other.
      expect(other).toHaveBeenCalledTimes(1);
    } finally {
      setIdleMs(5000);
    }
  });
});
