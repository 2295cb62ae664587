/**
 * The filter choices' distinct keys (db/distinct-keys.ts) seek past each string key instead of
 * stepping over its duplicates: they must be exactly the keys Dexie's uniqueKeys() gives, in the same
 * order, with keys that are prefixes of others, keys that differ only after a U+0000, multi-entry
 * indexes and mentions without the field.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import 'fake-indexeddb/auto';
import type { EarshotDb, MentionRecord } from '../../src-renderer/db/schema';
import { distinctKeys } from '../../src-renderer/db/distinct-keys';
import { facetValues } from '../../src-renderer/db/facets';
import { knownAgents, knownFacets, knownSources, knownTags } from '../../src-renderer/db/queries';
import { freshDb, ingest, mention, at } from './helpers/db';

let db: EarshotDb;
beforeEach(async () => {
  db = await freshDb();
});

const SOURCES = ['acme', 'acme', 'acme\u0000', 'acme\u0000x', 'acme-2', 'ac', 'b', 'acme', 'ac'];
const TAGS = [['billing'], ['billing', 'bill'], [], ['bill\u0000ing', 'billing'], ['z'], ['billing']];

async function seed(): Promise<void> {
  await ingest(db, SOURCES.map((s, i) => mention(`m${i}`, at(i), { sourceId: s })));
  const rows = (await db.mentions.toArray()) as MentionRecord[];
  await db.mentions.bulkPut(rows.map((m, i) => ({ ...m, tags: TAGS[i % TAGS.length]!, ...(i % 3 ? { assignee: i % 2 ? 'mk' : 'lb' } : {}) })));
}

describe('distinct keys of an index', () => {
  it('are the keys uniqueKeys() gives, in its order', async () => {
    await seed();
    for (const index of ['sourceId', 'tags', 'assignee', 'facets', 'dueAt']) {
      const expected = await db.mentions.orderBy(index).uniqueKeys();
      expect(await distinctKeys(db, 'mentions', index), index).toEqual(expected);
    }
    expect(await knownSources(db)).toEqual(['ac', 'acme', 'acme\u0000', 'acme\u0000x', 'acme-2', 'b']);
    expect(await knownTags(db)).toEqual(['bill', 'bill\u0000ing', 'billing', 'z']);
    expect(await knownAgents(db)).toEqual(['lb', 'mk']);
    expect(await knownFacets(db)).toEqual(facetValues((await db.mentions.orderBy('facets').uniqueKeys()).map(String)));
  });

  it('are none on an empty table', async () => {
    expect(await distinctKeys(db, 'mentions', 'sourceId')).toEqual([]);
    expect(await knownTags(db)).toEqual([]);
  });
});
