/**
 * Three seats on one team database: 3,000 mentions and 3,000 other entries appended from all of
 * them in random interleavings (with repeats of already-appended ids, as a retry would make).
 * Every seat reads the same sequence byte for byte, with 0 lost and 0 duplicated, and each seat's
 * tail (onAppend + read by position) reaches the same head.
 */
import { describe, expect, it } from 'vitest';
import { usePgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import type { LogEntry } from '../../../src-main/shared/log-entry';

const server = usePgServer();

/** A small deterministic PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mention(i: number): LogEntry {
  return {
    id: `m:x:18600000000${String(i).padStart(8, '0')}`,
    type: 'mention',
    at: new Date(Date.UTC(2026, 10, 20, 14, 0, i % 60)).toISOString(),
    mention: { id: `x:18600000000${String(i).padStart(8, '0')}`, text: `ünïcode ✓ "quoted" mention ${i}`, author: { key: `x:${i % 97}`, followers: i * 13 } },
  };
}

function action(i: number): LogEntry {
  const types = ['assigned', 'replied', 'resolved', 'tagged', 'noted'];
  return { id: `a:${i}`, type: types[i % types.length] as string, at: new Date(Date.UTC(2026, 10, 20, 15, 0, i % 60)).toISOString(), mentionId: `x:18600000000${String(i % 3000).padStart(8, '0')}`, agent: `agent${i % 3}` };
}

async function readAll(store: PgLogStore): Promise<string[]> {
  const out: string[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readRaw(after, 1000);
    if (page.length === 0) return out;
    for (const p of page) {
      expect(p.position).toBe(after + 1); // no gap as seen by a reader
      after = p.position;
      out.push(p.json);
    }
  }
}

describe('three seats on one team log', () => {
  it('6,000 entries appended from three seats in random interleavings: every seat reads the same sequence, none lost or duplicated', async () => {
    const url = await server.createDatabase();
    const seats = await Promise.all(['a', 'b', 'c'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    const heads = seats.map(() => 0);
    seats.forEach((s, i) => s.onAppend((h) => (heads[i] = Math.max(heads[i] as number, h))));

    const all = [...Array.from({ length: 3000 }, (_, i) => mention(i)), ...Array.from({ length: 3000 }, (_, i) => action(i))];
    const rand = rng(8);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [all[i], all[j]] = [all[j] as LogEntry, all[i] as LogEntry];
    }
    // Each seat appends its own random share in random batch sizes, concurrently with the others;
    // some batches repeat entries another seat may already have appended.
    const shares: LogEntry[][] = [[], [], []];
    for (const e of all) (shares[Math.floor(rand() * 3)] as LogEntry[]).push(e);
    const acked = new Map<string, number>();
    await Promise.all(
      seats.map(async (seat, k) => {
        const mine = shares[k] as LogEntry[];
        let i = 0;
        while (i < mine.length) {
          const n = 1 + Math.floor(rand() * 40);
          const batch = mine.slice(i, i + n);
          if (rand() < 0.1) batch.push(all[Math.floor(rand() * all.length)] as LogEntry);
          i += n;
          const results = await seat.append(batch);
          for (const r of results) {
            const before = acked.get(r.id);
            if (before !== undefined) expect(r.position).toBe(before); // a repeat reports the same position
            acked.set(r.id, r.position);
          }
        }
      }),
    );
    // Any entry the random repeats appended first still appears once.
    const missing = all.filter((e) => !acked.has(e.id));
    if (missing.length) await seats[0]?.append(missing);

    const views = await Promise.all(seats.map((s) => readAll(s)));
    expect(views[0]).toHaveLength(6000);
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    const ids = (views[0] as string[]).map((j) => (JSON.parse(j) as { id: string }).id);
    expect(new Set(ids).size).toBe(6000);
    expect(new Set(ids)).toEqual(new Set(all.map((e) => e.id)));
    // Byte for byte what was appended.
    const byId = new Map(all.map((e) => [e.id, JSON.stringify(e)]));
    for (const j of views[0] as string[]) expect(j).toBe(byId.get((JSON.parse(j) as { id: string }).id));

    // Every seat's tail woke up to the final head.
    await expect.poll(() => Math.min(...heads), { timeout: 10_000 }).toBe(6000);
    await Promise.all(seats.map((s) => s.close()));
  }, 120_000);

  it('appending the same id twice stores it once and reports its first position', async () => {
    const url = await server.createDatabase();
    const a = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    const b = await PgLogStore.open({ databaseUrl: url, seat: 'b' });
    const e = { id: 'n1', type: 'noted', at: '2026-11-20T14:00:00.000Z', text: 'x' };
    expect(await a.append([e])).toEqual([{ id: 'n1', position: 1, duplicate: false }]);
    expect(await b.append([e, { ...e, id: 'n2' }, e])).toEqual([
      { id: 'n1', position: 1, duplicate: true },
      { id: 'n2', position: 2, duplicate: false },
      { id: 'n1', position: 1, duplicate: true },
    ]);
    expect(await b.head()).toBe(2);
    expect((await a.read(0, 10)).map((p) => [p.position, p.entry.id])).toEqual([
      [1, 'n1'],
      [2, 'n2'],
    ]);
    await a.close();
    await b.close();
  }, 60_000);
});
