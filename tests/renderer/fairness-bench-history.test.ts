/**
 * The fairness benchmark's history writer (run in the page as source text), here over
 * fake-indexeddb: a history written in chunks spreads over its days, and a batch added later lies
 * in its own last day, before `endMs`, so the report counts it as arrived (a later batch once landed
 * 100 days ahead, and the "after new events" rows measured a report that left it out).
 */
import { describe, expect, it } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { PAGE_WRITE_HISTORY } from '../bench/fairness-page';
import { journalAfter, journalSeq, mentionFactsOf } from '../../src-renderer/db/window-journal';
import type { EventRecord, MentionRecord } from '../../src-renderer/db/schema';

const DAY = 86_400_000;

const write = (a: Record<string, unknown>): Promise<{ mentions: number }> => (0, eval)(PAGE_WRITE_HISTORY)(a);

describe('the fairness benchmark history', () => {
  it('spreads a history written in chunks over its days, and puts a later batch in its own last day', async () => {
    // The page's database, under the name the script opens.
    const db = new EarshotDb('earshot');
    await db.delete();
    await db.open();
    const endMs = Date.parse('2026-11-30T00:00:00Z');
    for (const from of [0, 500]) await write({ from, n: 500, total: 1000, days: 30, endMs, seed: 7 });
    const history = await db.mentions.toArray();
    expect(history).toHaveLength(1000);
    const created = history.map((m) => m.createdMs);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(endMs - 30 * DAY);
    expect(Math.max(...created)).toBeLessThan(endMs);
    // Both halves of the period hold about half the mentions: the chunks did not pile up.
    expect(created.filter((c) => c < endMs - 15 * DAY).length).toBeGreaterThan(400);

    const later = endMs + 5 * DAY;
    await write({ from: 1000, start: 1000, n: 200, total: 200, days: 1, endMs: later, seed: 11 });
    const batch = (await db.mentions.toArray()).filter((m) => Number(m.id.split(':')[1]) >= 1000);
    expect(batch).toHaveLength(200);
    for (const m of batch) {
      expect(m.createdMs).toBeGreaterThanOrEqual(later - DAY);
      expect(Date.parse(m.arrival!.at)).toBeLessThan(later + 60_000);
    }
    db.close();
  });

  it('journals a batch as the app does (db/window-journal.ts): its mentions as the facts read them, its events whole', async () => {
    const db = new EarshotDb('earshot');
    await db.delete();
    await db.open();
    // Something journaled by the app first, so the batch's entry follows it.
    await db.events.put({ id: 'first', type: 'assigned', at: new Date().toISOString(), mentionId: 'x' });
    const before = await journalSeq(db);
    await write({ from: 0, start: 0, n: 50, total: 50, days: 1, endMs: Date.now(), seed: 11, journal: true });
    const read = await db.transaction('r', db.meta, () => journalAfter(db, before));
    expect(read?.seq).toBe(before + 1);
    const [m, e] = read!.parts;
    const ids = m!.mentions!.map((x) => x.id);
    expect(ids).toHaveLength(50);
    expect(m!.mentions).toEqual(((await db.mentions.bulkGet(ids)) as MentionRecord[]).map(mentionFactsOf));
    expect(e!.events).toEqual(await db.events.bulkGet(e!.events!.map((x: EventRecord) => x.id)));
    expect(e!.events!.length).toBe((await db.events.count()) - 1);
    db.close();
  });
});
