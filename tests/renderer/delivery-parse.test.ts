/**
 * Pages that arrive together are validated one task at a time, ahead of their write: eight pages
 * arrive at once after hello, and validating them all in the message handlers held back the first
 * write's callbacks and the inbox's first rows (issue 11).
 */
import { describe, it, expect, vi, beforeEach } from 'vitest';
import { freshDb, mentionsPage, logBridge, until } from './helpers/db';
import type { EarshotDb } from '../../src-renderer/db/schema';

const parsed = vi.hoisted(() => ({ pages: 0 }));
vi.mock('../../src-renderer/db/apply', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src-renderer/db/apply')>();
  return {
    ...orig,
    parsePage: (entries: Parameters<typeof orig.parsePage>[0]) => {
      parsed.pages++;
      return orig.parsePage(entries);
    },
  };
});

const { startDelivery } = await import('../../src-renderer/delivery/delivery-client');


describe('delivery validates pages ahead of their write', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    parsed.pages = 0;
  });

  it('validates pages that arrive together one task at a time, and applies them all', async () => {
    const acks: number[] = [];
    const mb = logBridge(4, (position) => acks.push(position));
    const stop = startDelivery(mb.bridge, db);
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 4; i++) mb.emit('entries', mentionsPage([`x:${i + 1}`], i));
    await Promise.resolve();
    await Promise.resolve();
    // Within the task the pages arrived in: only the page written first.
    expect(parsed.pages).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(parsed.pages).toBe(2);
    await until(() => acks[acks.length - 1] === 4);
    expect(parsed.pages).toBe(4);
    expect((await db.mentions.toCollection().primaryKeys()).sort()).toEqual(['x:1', 'x:2', 'x:3', 'x:4']);
    stop();
  });
});
