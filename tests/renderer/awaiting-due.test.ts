/**
 * The awaiting mentions' due times held in memory (db/awaiting-due.ts) stay equal to the index's
 * own counts through writes of every kind and size: read once, then kept from the due changes each
 * committed write tells (db/due-changes.ts), with the range read again only after a clear. Changes
 * from another context (the delivery worker) come over a BroadcastChannel, possibly late and out of
 * order; a test channel stands in for that context.
 */
import { describe, it, expect, vi } from 'vitest';
import { awaitingDue, awaitingFullReads, storedMentions } from '../../src-renderer/db/awaiting-due';
import { DUE_SEQ, onDueChanges, type DueChange } from '../../src-renderer/db/due-changes';
import { getMeta } from '../../src-renderer/db/meta';
import { awaitingDueBetween, countPastDue } from '../../src-renderer/db/queries';
import type { EarshotDb } from '../../src-renderer/db/schema';
import * as actions from '../../src-renderer/db/actions';
import { freshDb, ingest, mention, at, ms } from './helpers/db';
import { trackRequest } from '../../src-renderer/lib/report-requests';

const mk = { agent: 'mk' };
/** Lets the write's change notice reach the tracker (Dexie sends it after the commit). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function expectSameAsIndex(db: EarshotDb, label: string): Promise<void> {
  const due = await awaitingDue(db);
  expect(await storedMentions(db), `${label}: every mention`).toBe(await db.mentions.count());
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
  it('equal the index counts through ingest, assign, resolve, noise, reopen, undo and writes of 80 and 600, read once', async () => {
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

    await ingest(db, Array.from({ length: 80 }, (_, i) => mention(`y:${i}`, at(i))));
    await actions.resolve(db, Array.from({ length: 70 }, (_, i) => `y:${i}`), mk);
    await ingest(db, Array.from({ length: 600 }, (_, i) => mention(`z:${i}`, at(i % 240))));
    await settle();
    await expectSameAsIndex(db, 'after writes of 80, 70 and 600');
    expect(awaitingFullReads(db), 'no write of any size reads the range again').toBe(1);
  });

  it('read the ids in chunks and stay equal to the store through writes made between the chunks', async () => {
    const db = await freshDb();
    const id = (i: number): string => `x:${String(i).padStart(3, '0')}`;
    await ingest(db, Array.from({ length: 60 }, (_, i) => mention(id(i), at(i))));
    let done = false;
    const reading = storedMentions(db, 8).then(() => (done = true));
    // The due times come before the ids (the banner does not wait for them); a second ask meanwhile
    // gets the same read, not what was held before it.
    const [first, second] = await Promise.all([awaitingDue(db, 8), awaitingDue(db, 8)]);
    expect(done, 'the due times came first').toBe(false);
    expect(first.pastDue(ms(200), 'late')).toBe(60);
    expect(second.pastDue(ms(200), 'late')).toBe(60);
    // Ids before and after the chunks read so far, added and deleted while the chunks are read.
    await ingest(db, [mention('x:000a', at(1)), mention('x:999', at(2))]);
    expect(done, 'the writes came while the chunks were read').toBe(false);
    await db.mentions.bulkDelete([id(1), id(59)]);
    await ingest(db, [mention('x:030a', at(3))]);
    await actions.resolve(db, [id(40)], mk);
    await reading;
    await settle();
    await expectSameAsIndex(db, 'after writes between the chunks');
    expect(awaitingFullReads(db)).toBe(1);
  });

  it('read no more chunks of ids while a report is worked out; the due times do not wait', async () => {
    const db = await freshDb();
    const id = (i: number): string => `x:${String(i).padStart(3, '0')}`;
    await ingest(db, Array.from({ length: 60 }, (_, i) => mention(id(i), at(i))));
    let finish: () => void = () => undefined;
    void trackRequest(new Promise<void>((r) => (finish = r)));
    const reads = vi.spyOn(db.mentions, 'where');
    let total: number | undefined;
    const reading = storedMentions(db, 8).then((n) => (total = n));
    expect((await awaitingDue(db, 8)).pastDue(ms(200), 'late'), 'the banner counts at once').toBe(60);
    await new Promise((r) => setTimeout(r, 50));
    const chunksRead = reads.mock.calls.filter(([index]) => String(index) === ':id').length;
    expect(chunksRead, 'no chunk after the first while the report runs').toBe(0);
    expect(total).toBeUndefined();
    finish();
    await reading;
    expect(total).toBe(60);
    expect(reads.mock.calls.filter(([index]) => String(index) === ':id').length, 'the other 52 ids in chunks of 8').toBe(7);
  });

  it('read the range again after the mentions are cleared, and only then', async () => {
    const db = await freshDb();
    await ingest(db, Array.from({ length: 5 }, (_, i) => mention(`x:${i}`, at(i))));
    expect((await awaitingDue(db)).pastDue(ms(200), 'late')).toBe(5);
    await db.mentions.clear();
    await ingest(db, [mention('x:after', at(0))]);
    await settle();
    await expectSameAsIndex(db, 'after a clear');
    expect(awaitingFullReads(db)).toBe(2);
  });
});

describe('awaiting due times, when the read fails', () => {
  it('the next ask reads again', async () => {
    const db = await freshDb();
    await ingest(db, [mention('x:1', at(0))]);
    vi.spyOn(db, 'transaction').mockImplementationOnce((() => Promise.reject(new Error('disk gone'))) as never);
    await expect(awaitingDue(db)).rejects.toThrow('disk gone');
    expect((await awaitingDue(db)).pastDue(ms(200), 'late')).toBe(1);
    expect(awaitingFullReads(db)).toBe(1);
  });
});

describe('due changes told by each write', () => {
  it('carry increasing numbers in commit order, stored with the write; an aborted write tells nothing', async () => {
    const db = await freshDb();
    const heard: DueChange[] = [];
    const stop = onDueChanges((c) => c.db === db.name && heard.push(c));
    await ingest(db, [mention('x:1', at(0))]);
    const dueAt = (await db.mentions.get('x:1'))!.dueAt;
    await actions.assign(db, ['x:1'], 'mk', mk);
    await actions.resolve(db, ['x:1'], mk);
    await db
      .transaction('rw', db.mentions, async () => {
        await db.mentions.update('x:1', { status: 'new' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await settle();
    stop();
    const told = heard.flatMap((c) => ('due' in c ? c.due.filter(([id]) => id === 'x:1').map(([, d]) => d) : []));
    expect(told, 'new, assigned (same due time), resolved (not waiting)').toEqual([dueAt, dueAt, null]);
    const seqs = heard.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(await getMeta(db, DUE_SEQ), 'the last number is stored').toBe(seqs.at(-1));
    expect((await db.mentions.get('x:1'))!.status, 'the aborted write did not land').toBe('resolved');
  });
});

describe('due changes from another context', () => {
  it('apply per mention in commit order, whatever order they arrive in; none older than the last read', async () => {
    const db = await freshDb();
    await ingest(db, [mention('x:1', at(0)), mention('x:2', at(0))]);
    await awaitingDue(db);
    const seq = (await getMeta(db, DUE_SEQ))!;
    const other = new BroadcastChannel('earshot-due-changes');
    const heard = (n: number): Promise<void> =>
      new Promise((resolve) => {
        let left = n;
        const stop = onDueChanges((c) => c.db === db.name && --left === 0 && (stop(), resolve()));
      });
    // The other context's later write (x:9 resolved) arrives first; its earlier one (x:9 and x:3 due
    // at 7 minutes) after it. (Fractions: numbers between this context's writes.)
    let h = heard(2);
    other.postMessage({ db: db.name, seq: seq + 0.5, due: [['x:9', null]], unread: [], gone: [] } satisfies DueChange);
    other.postMessage({ db: db.name, seq: seq + 0.25, due: [['x:9', ms(7)], ['x:3', ms(7)]], unread: [], gone: [] } satisfies DueChange);
    await h;
    const due = await awaitingDue(db);
    expect(due.pastDue(ms(200), 'late'), 'x:1, x:2 and x:3; x:9 stays resolved').toBe(3);
    expect(due.dueBetween(ms(7), ms(7))).toBe(1);
    expect(await storedMentions(db), 'x:1, x:2, x:3 and x:9').toBe(4);
    // Older than what was read: ignored.
    h = heard(1);
    other.postMessage({ db: db.name, seq: seq - 5, due: [['x:2', null]], unread: [], gone: [] } satisfies DueChange);
    await h;
    expect((await awaitingDue(db)).pastDue(ms(200), 'late')).toBe(3);
    // Deleted over there.
    h = heard(1);
    other.postMessage({ db: db.name, seq: seq + 0.6, due: [], unread: [], gone: ['x:2'] } satisfies DueChange);
    await h;
    expect((await awaitingDue(db)).pastDue(ms(200), 'late')).toBe(2);
    expect(await storedMentions(db)).toBe(3);
    // A clear: read again; a change older than the clear that arrives after it is ignored.
    await db.mentions.clear();
    await ingest(db, [mention('x:after', at(0))]);
    await settle();
    await expectSameAsIndex(db, 'after the clear');
    h = heard(1);
    other.postMessage({ db: db.name, seq: seq + 0.75, due: [['x:late', ms(1)]], unread: [], gone: [] } satisfies DueChange);
    await h;
    await expectSameAsIndex(db, 'after a late change from before the clear');
    expect(await storedMentions(db)).toBe(await db.mentions.count());
    expect(awaitingFullReads(db)).toBe(2);
    other.close();
  });
});
