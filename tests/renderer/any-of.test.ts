import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { keysInTransaction, keysWithAnyOf } from '../../src-renderer/db/any-of';
import { freshDb, ingest, mention, at } from './helpers/db';

describe('keysInTransaction: index keys read natively inside the page transaction', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, [
      mention('x:1', at(0), { conversationId: 'c1' }),
      mention('x:2', at(1), { conversationId: 'c1' }),
      mention('x:3', at(2), { conversationId: 'c2' }),
    ]);
    await db.mentions.update('x:3', { replyIds: ['r1', 'r2'] });
  });

  it('gives each matching key once, in value then key order, like the per-value Dexie reads', async () => {
    const got = await db.transaction('rw', db.mentions, () => keysInTransaction(db.mentions, 'conversationId', ['c2', 'none', 'c1', 'c2']));
    expect(got).toEqual(['x:3', 'x:1', 'x:2']);
    // A multi-entry index reached by two values of one row gives that row once.
    const multi = await db.transaction('rw', db.mentions, () => keysInTransaction(db.mentions, 'replyIds', ['r1', 'r2', 'r3']));
    expect(multi).toEqual(['x:3']);
    expect(await db.transaction('r', db.mentions, () => keysInTransaction(db.mentions, 'replyIds', []))).toEqual([]);
  });

  it('keeps the transaction: a write after it commits with the reads (no PrematureCommitError)', async () => {
    await db.transaction('rw', db.mentions, db.events, async () => {
      const keys = await keysInTransaction(db.mentions, 'conversationId', Array.from({ length: 300 }, (_, i) => (i === 7 ? 'c1' : `none-${i}`)));
      expect(keys).toEqual(['x:1', 'x:2']);
      await db.events.put({ id: 'ev:after', type: 'note', at: at(3) });
      const again = await keysInTransaction(db.mentions, 'conversationId', ['c2']);
      await db.events.put({ id: `ev:${again[0]}`, type: 'note', at: at(4) });
    });
    expect((await db.events.bulkGet(['ev:after', 'ev:x:3'])).every(Boolean)).toBe(true);
  });

  it('outside a transaction it reads the same keys the Dexie way', async () => {
    expect(await keysInTransaction(db.mentions, 'conversationId', ['c1', 'c2'])).toEqual(['x:1', 'x:2', 'x:3']);
    expect(await keysWithAnyOf(db.mentions, 'conversationId', ['c1', 'c2'])).toEqual(['x:1', 'x:2', 'x:3']);
  });
});
