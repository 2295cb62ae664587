/**
 * The live region's counts (a11y/announce-counts.ts) come from what is held in memory: as the clock
 * moves and through writes of every size, both equal a full count of the store, with the store read
 * once.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { announceCounts } from '../../src-renderer/a11y/announce-counts';
import { awaitingFullReads } from '../../src-renderer/db/awaiting-due';
import { countMentions, countPastDue } from '../../src-renderer/db/queries';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at, ms } from './helpers/db';

const mk = { agent: 'mk' };

describe('the live region counts', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    // Posted a minute apart: due times a minute apart, some of them on the very same minute.
    await ingest(db, Array.from({ length: 120 }, (_, i) => mention(`x:${i}`, at(i % 90))));
    await actions.resolve(db, ['x:3', 'x:40'], mk);
    await actions.markNoise(db, ['x:41'], mk);
    await actions.assign(db, ['x:42'], 'mk', mk);
  });

  it('by the clock alone: equal to a full count at every step', async () => {
    const firstDue = (await db.mentions.orderBy('dueAt').first())!.dueAt;
    // From before the first due time to after the last, in uneven steps, landing on due times too.
    const steps = [firstDue - 60_000, firstDue, firstDue + 1, firstDue + 59_999, firstDue + 60_000, firstDue + 17 * 60_000 + 5, firstDue + 44 * 60_000, firstDue + 95 * 60_000];
    const seen: number[] = [];
    for (const now of steps) {
      const c = await announceCounts(db, now);
      expect(c.pastDue, `at +${now - firstDue} ms`).toBe(await countPastDue(db, now));
      expect(c.total).toBe(120);
      seen.push(c.pastDue);
    }
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(117); // all but the two resolved and the one marked noise
    expect(awaitingFullReads(db)).toBe(1);
  });

  it('after writes of one, 70 and 300 mentions, deletes and a resolve: equal to a full count, the store read once', async () => {
    const now = ms(200);
    expect((await announceCounts(db, now)).total).toBe(120);
    await ingest(db, [mention('x:new', at(100))]);
    await ingest(db, Array.from({ length: 70 }, (_, i) => mention(`x:${i + 100}`, at(i)))); // 20 of them rewrites
    await ingest(db, Array.from({ length: 300 }, (_, i) => mention(`y:${i}`, at(i % 200))));
    await actions.resolve(db, ['y:1', 'y:2'], mk);
    await db.mentions.bulkDelete(['x:0', 'x:1', 'y:299']);
    await db.mentions.delete('x:2');
    const after = await announceCounts(db, now);
    expect(after.total).toBe(await countMentions(db));
    expect(after.total).toBe(120 + 1 + 50 + 300 - 4);
    expect(after.pastDue).toBe(await countPastDue(db, now));
    expect(awaitingFullReads(db)).toBe(1);
  });
});
