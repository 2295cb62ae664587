/**
 * The live region's counts (a11y/announce-counts.ts): as the clock alone moves, only what fell due
 * since is counted, and the running figure equals a full count; after writes, everything is counted
 * again, but no sooner than the pacing and the settle time allow; never two counts at once.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { announceCounter } from '../../src-renderer/a11y/announce-counts';
import { countMentions, countPastDue } from '../../src-renderer/db/queries';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at, ms } from './helpers/db';

describe('the live region counts', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    // Posted a minute apart: due times a minute apart, some of them on the very same minute.
    await ingest(db, Array.from({ length: 120 }, (_, i) => mention(`x:${i}`, at(i % 90))));
    await actions.resolve(db, ['x:3', 'x:40'], { agent: 'mk' });
    await actions.markNoise(db, ['x:41'], { agent: 'mk' });
    await actions.assign(db, ['x:42'], 'mk', { agent: 'mk' });
  });

  it('by the clock alone: one full count, then what fell due, equal to a full count at every step', async () => {
    const counter = announceCounter(db);
    const firstDue = (await db.mentions.orderBy('dueAt').first())!.dueAt;
    // From before the first due time to after the last, in uneven steps, landing on due times too.
    const steps = [firstDue - 60_000, firstDue, firstDue + 1, firstDue + 59_999, firstDue + 60_000, firstDue + 17 * 60_000 + 5, firstDue + 44 * 60_000, firstDue + 95 * 60_000];
    const seen: number[] = [];
    for (const now of steps) {
      const c = await counter.counts(now);
      expect(c.pastDue, `at +${now - firstDue} ms`).toBe(await countPastDue(db, now));
      expect(c.total).toBe(120);
      seen.push(c.pastDue);
    }
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(117); // all but the two resolved and the one marked noise
    expect(counter.fullCounts).toBe(1);
  });

  it('after writes: everything again, but not before the last count times four has passed', async () => {
    let t = 0;
    // Each reading of the clock moves it a second: the full count "takes" one second.
    const counter = announceCounter(db, () => (t += 1000));
    const now = ms(200);
    expect((await counter.counts(now)).total).toBe(120);
    expect(counter.fullCounts).toBe(1);
    const ended = t; // the count read the clock when it began and when it ended
    await ingest(db, [mention('x:new', at(100))]);
    counter.changed();
    t = ended + 2_999; // read as ended + 3,999 ms
    expect((await counter.counts(now)).total, 'paced: the old figure still').toBe(120);
    expect(counter.fullCounts).toBe(1);
    t = ended + 3_000; // read as ended + 4,000 ms: four times the count's second
    const after = await counter.counts(now);
    expect(after.total).toBe(await countMentions(db));
    expect(after.total).toBe(121);
    expect(after.pastDue).toBe(await countPastDue(db, now));
    expect(counter.fullCounts).toBe(2);
    // Nothing changed since: no full count however late.
    t += 60_000;
    await counter.counts(now + 1);
    expect(counter.fullCounts).toBe(2);
  });

  it('after a write: not within half a second of it, so the inbox reads a mention just heard first', async () => {
    let t = 0;
    const counter = announceCounter(db, () => t);
    await counter.counts(ms(200));
    t = 10_000;
    await ingest(db, [mention('x:new', at(100))]);
    counter.changed();
    t = 10_499;
    expect((await counter.counts(ms(200))).total).toBe(120);
    expect(counter.fullCounts).toBe(1);
    t = 10_500;
    expect((await counter.counts(ms(200))).total).toBe(121);
    expect(counter.fullCounts).toBe(2);
  });

  it('one count at a time: a second ask while one runs gets the same answer', async () => {
    const counter = announceCounter(db);
    const [a, b] = await Promise.all([counter.counts(ms(100)), counter.counts(ms(100))]);
    expect(a).toEqual(b);
    expect(counter.fullCounts).toBe(1);
  });
});
