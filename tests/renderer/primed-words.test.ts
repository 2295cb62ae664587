/**
 * Search words worked out as a page arrives (db/derived.ts primeSearchWords, called by db/apply.ts
 * parsePage) are taken by the write that follows only when they come from the record's own text:
 * the search rows are the same as without priming, and a stale primed text is never indexed.
 */
import { describe, it, expect } from 'vitest';
import { primeSearchWords, tokenize } from '../../src-renderer/db/derived';
import { freshDb, ingest, mention, at } from './helpers/db';
import type { EarshotDb } from '../../src-renderer/db/schema';

const docsOf = async (db: EarshotDb): Promise<string[]> => (await db.search.toArray()).map((r) => `${r.ids}|${r.docs}`);

describe('search words primed ahead of the write', () => {
  it('gives the same search rows as tokenizing in the write (ingest primes them)', async () => {
    const ms = [mention('x:1', at(0), { text: 'Refund still missing after three weeks' }), mention('x:2', at(1), { text: 'Café au lait was cold' })];
    const primedDb = await freshDb();
    await ingest(primedDb, ms); // through parsePage: primed
    const plain = await freshDb();
    await plain.mentions.bulkPut(ms.map((m) => ({ ...m, status: 'new' as const, open: 1 as const, dueAt: 0, createdMs: 0, clockStartMs: 0, authorKey: m.author.key, tags: [] })));
    expect(await docsOf(primedDb)).toEqual(await docsOf(plain));
  });

  it('indexes the record’s own words when the primed text was another', async () => {
    const db = await freshDb();
    primeSearchWords({ ...mention('x:9', at(0)), text: 'zebra crossing' });
    await db.mentions.put({ ...mention('x:9', at(0), { text: 'lost luggage' }), status: 'new', open: 1, dueAt: 0, createdMs: 0, clockStartMs: 0, authorKey: 'x:a', tags: [] });
    const [row] = await db.search.toArray();
    expect(row!.docs).not.toContain('zebra');
    for (const w of tokenize('lost luggage')) expect(row!.docs).toContain(w);
  });
});
