/**
 * The awaiting mentions' due times held in memory (db/awaiting-due.ts) stay equal to the index's
 * own counts through writes of every kind: read once, then only the mentions a write touched, and
 * the whole range again after a write too big for Dexie to name its keys.
 */
import { describe, it, expect, vi } from 'vitest';
import Dexie from 'dexie';
import { awaitingDue, awaitingFullReads } from '../../src-renderer/db/awaiting-due';
import { awaitingDueBetween, countPastDue } from '../../src-renderer/db/queries';
import type { EarshotDb } from '../../src-renderer/db/schema';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at, ms } from './helpers/db';

const mk = { agent: 'mk' };
/** Lets the write's change notice reach the tracker (Dexie sends it after the commit). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function expectSameAsIndex(db: EarshotDb, label: string): Promise<void> {
  const due = await awaitingDue(db);
  for (const minutes of [-30, 0, 59, 60, 61, 75, 120, 200]) {
    const now = ms(minutes);
    expect(due.pastDue(now, 'late'), `${label}: late at ${minutes}`).toBe(await countPastDue(db, now, 'late'));
    expect(due.pastDue(now, 'soon'), `${label}: soon at ${minutes}`).toBe(await countPastDue(db, now, 'soon'));
    const soon = await Promise.all(awaitingDueBetween(db, now, now + 15 * 60_000, true).map((c) => c.count()));
    expect(due.dueBetween(now, now + 15 * 60_000), `${label}: due within 15 min of ${minutes}`).toBe(soon[0]! + soon[1]!);
    const firsts = (await Promise.all(awaitingDueBetween(db, now, Infinity, true).map((c) => c.limit(1).keys()))).flatMap((k) => (k[0] ? [(k[0] as unknown as [string, number])[1]] : []));
    expect(due.nextDue(now), `${label}: next due from ${minutes}`).toBe(firsts.length ? Math.min(...firsts) : undefined);
  }
}

describe('awaiting due times in memory', () => {
  it('equal the index counts through ingest, assign, resolve, noise, reopen, undo and a bulk write', async () => {
    const db = await freshDb();
    await ingest(db, Array.from({ length: 30 }, (_, i) => mention(`x:${i}`, at(i * 3))));
    await expectSameAsIndex(db, 'first read');
    expect(awaitingFullReads(db)).toBe(1);

    await ingest(db, [mention('x:new', at(10))]);
    await actions.assign(db, ['x:1', 'x:2'], 'mk', mk);
    const undo = await actions.resolve(db, ['x:3', 'x:4', 'x:5'], mk);
    await actions.markNoise(db, ['x:6'], mk);
    await actions.reopen(db, ['x:3'], mk);
    await actions.undo(db, undo, mk);
    await settle();
    await expectSameAsIndex(db, 'after small writes');
    expect(awaitingFullReads(db), 'small writes: only the mentions they touched').toBe(1);

    await ingest(db, Array.from({ length: 80 }, (_, i) => mention(`y:${i}`, at(i))));
    await settle();
    // A write of 80 names a range: the range is read again, once the pacing after the last full
    // read allows (four times as long as that read took).
    await vi.waitFor(async () => {
      await awaitingDue(db);
      expect(awaitingFullReads(db)).toBe(2);
    }, { timeout: 5_000, interval: 20 });
    await expectSameAsIndex(db, 'after a write of 80');
  });
});

describe('awaiting due times, asked while a read is under way', () => {
  it('a write seen after the read was asked for gets a read of its own, not the one under way', async () => {
    const db = await freshDb();
    await ingest(db, [mention('x:1', at(0))]);
    await awaitingDue(db);
    await ingest(db, [mention('x:2', at(0))]);
    await settle();
    // The tracker's read of x:2 is held until the gate opens.
    let open = (): void => {};
    const gate = new Promise<void>((r) => (open = r));
    const real = db.mentions.bulkGet.bind(db.mentions);
    vi.spyOn(db.mentions, 'bulkGet').mockImplementationOnce((keys) => Dexie.Promise.resolve(gate).then(() => real(keys)));
    const first = awaitingDue(db);
    await ingest(db, [mention('x:3', at(0))]);
    await settle();
    const second = awaitingDue(db);
    open();
    expect((await first).pastDue(ms(200), 'late')).toBeGreaterThanOrEqual(2);
    expect((await second).pastDue(ms(200), 'late')).toBe(3);
  });
});
