import { describe, it, expect, beforeAll, vi } from 'vitest';
import type { EarshotDb, MentionRecord } from '../../src-renderer/db/schema';
import { rowsWithAnyOf } from '../../src-renderer/db/range-reads';
import { freshDb, ingest, mention, at } from './helpers/db';

const id = (i: number): string => `x:${String(i).padStart(4, '0')}`;

/** What one read per value gives: each value's keys ascending, in value order, each key once. */
async function perValue(db: EarshotDb, index: string, values: readonly string[]): Promise<string[]> {
  const keys = new Set<string>();
  for (const v of values) for (const k of await db.mentions.where(index).equals(v).primaryKeys()) keys.add(k);
  return [...keys];
}

describe('rowsWithAnyOf: rows by key range inside the page transaction, as one read per value gives', () => {
  let db: EarshotDb;
  beforeAll(async () => {
    db = await freshDb();
    // 600 stored mentions: ids x:0000..x:1198 (even numbers), 7 conversations, every third with replies.
    await ingest(
      db,
      Array.from({ length: 600 }, (_, k) => mention(id(2 * k), at(k), { conversationId: `c${k % 7}` })),
    );
    await db.mentions.bulkUpdate(Array.from({ length: 200 }, (_, k) => ({ key: id(6 * k), changes: { replyIds: [`r${6 * k}`, `r${6 * k + 1}`] } })));
  });

  /** `byValue`: the runs are crowded, so (nearly) every value is its own request; else one request per run of 64. */
  const cases: Array<{ what: string; index: string; values: string[]; keysOf: (m: MentionRecord) => unknown; byValue: boolean }> = [
    // Sparse values over a crowded range: runs of 64 values 18 ids apart span > 128 stored keys each.
    { what: 'ids spread over the store (crowded runs, read value by value)', index: ':id', values: Array.from({ length: 150 }, (_, k) => id(9 * k)), keysOf: (m) => m.id, byValue: true },
    // Dense values: a run holds few stored keys, so it is one range read.
    { what: 'ids close together (one range per run), mostly missing', index: ':id', values: Array.from({ length: 300 }, (_, k) => id(1100 + k)).reverse(), keysOf: (m) => m.id, byValue: false },
    { what: 'no stored id at all', index: ':id', values: ['y:1', 'y:2', 'x:99999'], keysOf: (m) => m.id, byValue: false },
    { what: 'conversation ids, repeated and missing, in caller order', index: 'conversationId', values: ['c3', 'none', 'c0', 'c3', 'c6'], keysOf: (m) => m.conversationId, byValue: true },
    { what: 'conversation ids nobody has (one range)', index: 'conversationId', values: ['d2', 'd1'], keysOf: (m) => m.conversationId, byValue: false },
    // x:1188 holds r1188 and r1189, x:1194 holds r1194 and r1195.
    { what: 'a row the range finds between the values, holding neither, is left out', index: 'replyIds', values: ['r1190', 'r1187'], keysOf: (m) => m.replyIds ?? [], byValue: false },
    { what: 'reply ids found in one range', index: 'replyIds', values: ['r1194', 'r1189', 'r1195'], keysOf: (m) => m.replyIds ?? [], byValue: false },
    {
      what: 'reply ids (multi-entry: a row reached by two values once)',
      index: 'replyIds',
      values: [...Array.from({ length: 400 }, (_, k) => `r${3 * k}`), 'r7', 'r6', 'r1'],
      keysOf: (m) => m.replyIds ?? [],
      byValue: false,
    },
  ];

  for (const c of cases) {
    it(c.what, async () => {
      const want = c.index === ':id' ? (await db.mentions.bulkGet(c.values)).flatMap((m) => (m ? [m.id] : [])) : await perValue(db, c.index, c.values);
      const wantIds = [...new Set(want)];
      const storeReads = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
      const indexReads = vi.spyOn(IDBIndex.prototype, 'getAllKeys');
      const got = await db.transaction('rw', db.mentions, db.events, async () => {
        const r = await rowsWithAnyOf(db.mentions, c.index, c.values, c.keysOf);
        const requests = storeReads.mock.calls.length + indexReads.mock.calls.length;
        const runs = Math.ceil(new Set(c.values).size / 64);
        if (c.byValue) expect(requests).toBeGreaterThan(c.values.length / 2);
        else expect(requests).toBe(runs);
        storeReads.mockRestore();
        indexReads.mockRestore();
        // The transaction is still usable after the read (no native step in between).
        await db.events.put({ id: `ev:${c.what}`, type: 'note', at: at(0) });
        return r;
      });
      expect(got.keys).toEqual(wantIds);
      expect([...got.rows.keys()]).toEqual(wantIds);
      expect([...got.rows.values()]).toEqual(await db.mentions.bulkGet(wantIds));
      expect(await db.events.get(`ev:${c.what}`)).toBeDefined();
      // Outside a transaction: the same answer.
      expect((await rowsWithAnyOf(db.mentions, c.index, c.values, c.keysOf)).keys).toEqual(wantIds);
    });
  }

  it('the cases above cover both paths: some answers found, some empty', async () => {
    const found = await db.transaction('r', db.mentions, () => rowsWithAnyOf(db.mentions, ':id', [id(0), id(1), id(1198)], (m) => m.id));
    expect(found.keys).toEqual([id(0), id(1198)]);
    expect((await db.transaction('r', db.mentions, () => rowsWithAnyOf(db.mentions, 'replyIds', [], (m) => m.replyIds))).keys).toEqual([]);
  });
});
