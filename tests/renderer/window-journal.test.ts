/**
 * The window journal (db/window-journal.ts): every write to events and mentions through EarshotDb,
 * from any database object, is journaled in its transaction, and a new session's report takes in
 * what is new from it alone (reports/facts-window.ts readJournalWindow), with the figures a rebuild
 * gives. What the journal cannot tell (a range deleted, entries dropped, a write behind the app's
 * back) sends the report back to reading the window from the stores.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { currentFacts, forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { factsVerified } from '../../src-renderer/reports/facts-check';
import * as windowRead from '../../src-renderer/reports/facts-window';
import { journalAfter, journalSeq, setJournalMaxRows, windowJournalMiddleware, type JournalPart } from '../../src-renderer/db/window-journal';
import { makeEvent } from '../../src-renderer/db/events';
import { writesMarkMiddleware } from '../../src-renderer/db/writes-mark';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { factsSaved, openReportDb, rebuilt } from './helpers/report-db';
import { answered } from './sla-fixtures';
import { storedRecord } from './helpers/record';

const MIN = 60_000;

/** Eight days of demo history, its facts built and saved, then forgotten as a new session would; returns now. */
async function savedAndForgotten(db: EarshotDb): Promise<number> {
  const now = Date.now();
  await importLog(db, generateDemoHistory({ endMs: now, days: 8 }));
  await currentFacts(db, now);
  await factsSaved(db);
  forgetFactsInMemory(db.name);
  return now;
}

const partsAfter = async (db: EarshotDb, after: number): Promise<JournalPart[]> => (await db.transaction('r', db.meta, () => journalAfter(db, after)))!.parts;

describe('the window journal', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('window-journal');
    setFactsIdleMs(30);
  });
  afterEach(() => {
    setFactsIdleMs(5000);
    setJournalMaxRows();
    vi.restoreAllMocks();
  });

  it('journals each write in its transaction, numbered in commit order, the mentions as the facts read them', async () => {
    const now = Date.now();
    const other = new EarshotDb(db.name);
    await db.transaction('rw', [db.mentions, db.events], async () => {
      await db.mentions.put(storedRecord(now, { id: 'x:1', lang: 'en', arrival: { id: 'mention:x:1', at: new Date(now).toISOString() } }));
      await db.events.bulkPut([makeEvent('assigned', 'x:1', { id: 'e1', agent: 'mk' }), makeEvent('replied', 'x:1', { id: 'e2', agent: 'mk' })]);
    });
    await other.events.delete('e1');
    // A failed add leaves its row out (the row was not written).
    await db.events.bulkAdd([makeEvent('noise', 'x:1', { id: 'e2' }), makeEvent('noise', 'x:1', { id: 'e3' })]).catch(() => undefined);
    expect(await journalSeq(db)).toBe(3);
    const parts = await partsAfter(db, 0);
    expect(parts.map((p) => Object.keys(p))).toEqual([['mentions'], ['events'], ['deletedEvents'], ['events']]);
    expect(parts[0]!.mentions).toEqual([{ id: 'x:1', channel: 'x', createdAt: new Date(now - 30 * MIN).toISOString(), clockStartMs: now - 30 * MIN, sourceId: 'acme', reach: { tier: 'everyday' }, author: { handle: 'dana' }, lang: 'en', arrival: { id: 'mention:x:1', at: new Date(now).toISOString() } }]);
    expect(parts[1]!.events!.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(parts[2]!.deletedEvents).toEqual(['e1']);
    expect(parts[3]!.events!.map((e) => e.id)).toEqual(['e3']);
    expect((await partsAfter(db, 1)).map((p) => Object.keys(p))).toEqual([['deletedEvents'], ['events']]);
    expect(await partsAfter(db, 3)).toEqual([]);
    // Deleted by a query: the rows it found; a store cleared cannot be told row by row.
    await db.events.where('mentionId').equals('x:1').delete();
    expect((await partsAfter(db, 3))[0]!.deletedEvents?.sort()).toEqual(['e2', 'e3']);
    await db.mentions.clear();
    expect((await partsAfter(db, 4)).map((p) => p.unknown)).toEqual([true]);
    other.close();
  });

  it('journals what a schema upgrade writes as "unknown", not row by row', async () => {
    const stores = { events: 'id, at', mentions: 'id', meta: 'key' };
    // As EarshotDb has them: the writes mark puts `meta` in every write's scope.
    const v1 = new Dexie('journal-upgrade');
    v1.use(writesMarkMiddleware);
    v1.use(windowJournalMiddleware);
    v1.version(1).stores(stores);
    await v1.table('events').put(makeEvent('assigned', 'x:1', { id: 'e1' }));
    v1.close();
    const v2 = new Dexie('journal-upgrade');
    v2.use(writesMarkMiddleware);
    v2.use(windowJournalMiddleware);
    v2.version(1).stores(stores);
    v2.version(2)
      .stores(stores)
      .upgrade((tx) => tx.table('events').toCollection().modify((e: { agent?: string }) => void (e.agent = 'moved')));
    await v2.open();
    const parts = (await v2.table('meta').where('key').startsWith('windowJournal:').toArray()).map((r: { value: JournalPart }) => r.value);
    expect(parts).toEqual([{ events: [expect.objectContaining({ id: 'e1' })] }, { unknown: true }]);
    v2.close();
  });

  it('keeps about its most rows: the older half goes, and a reader that had not read it is told so', async () => {
    setJournalMaxRows(10);
    for (let i = 0; i < 8; i++) await db.events.bulkPut([0, 1, 2].map((k) => makeEvent('assigned', 'x:1', { id: `e${i}-${k}` })));
    const seq = await journalSeq(db);
    expect(seq).toBe(8);
    const read = (after: number) => db.transaction('r', db.meta, () => journalAfter(db, after));
    expect(await read(0)).toBeUndefined();
    const kept = await read(seq - 1);
    expect(kept?.parts.map((p) => p.events![0]!.id)).toEqual(['e7-0']);
    const keys = await db.meta.where('key').startsWith('windowJournal:').primaryKeys();
    expect(keys.length).toBeLessThan(8);
  });

  it('a new session takes the new mentions, replies and an undo from the journal alone, with the figures of a rebuild', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 12 }));
    expect((await currentFacts(db, now)).how).toBe('built');
    await factsSaved(db);
    await vi.waitFor(async () => expect((await db.meta.get('reportFactsHeader'))?.value).toHaveProperty('journalSeen'), { timeout: 10_000 });

    // Written in another session (another database object): two answered mentions, then an undo of a reply.
    const other = new EarshotDb(db.name);
    await importLog(other, [...answered('late-1', now - 90 * MIN, 'everyday', 40, 'lb'), ...answered('late-2', now - 80 * MIN, 'mega', 8, 'mk', 'reddit')]);
    const replies = await other.events.where('mentionId').equals('late-1').filter((e) => e.type === 'replied').primaryKeys();
    await other.events.bulkDelete(replies);
    // And an undo of a reply the stored window had seen already (its mention is folded again).
    const header = (await db.meta.get('reportFactsHeader'))!.value as { windowIds: string[] };
    const seenReplies = (await other.events.bulkGet(header.windowIds)).filter((e) => e?.type === 'replied');
    const only = [];
    for (const e of seenReplies) if ((await other.events.where('mentionId').equals(e!.mentionId!).filter((x) => x.type === 'replied').count()) === 1) only.push(e!);
    expect(only.length).toBeGreaterThan(0);
    await other.events.delete(only[0]!.id);
    other.close();

    // No idle save from here on: the rebuild below drops the stored facts, and a save landing
    // after that would be read back instead of built.
    setFactsIdleMs(5000);
    forgetFactsInMemory(db.name);
    const fromJournal = vi.spyOn(windowRead, 'readJournalWindow');
    const fromStores = vi.spyOn(windowRead, 'readWindow');
    const next = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(next.how).toBe('stored');
    expect(await fromJournal.mock.results[0]!.value).toBeDefined();
    expect(fromStores).not.toHaveBeenCalled();
    const oracle = await rebuilt(db.name, now);
    expect(next.report).toEqual(oracle.report.report);
    expect(next.boxes).toEqual(oracle.report.boxes);
    expect(next.skips).toEqual(oracle.report.skips);
    expect(next.read.mentions).toBe(oracle.report.read.mentions);
  });

  it('writes through the app found by the idle check are taken from the journal by the next report', async () => {
    const now = await savedAndForgotten(db);
    expect((await runReport({ dbName: db.name, range: {}, nowMs: now }, db)).how).toBe('stored');
    // Through another database object (as the delivery worker writes), before the idle check runs.
    const other = new EarshotDb(db.name);
    await importLog(other, answered('late-1', now - 30 * MIN, 'everyday', 12, 'lb'));
    other.close();
    expect(await factsVerified(db)).toBe(true);
    setFactsIdleMs(5000); // no idle save racing the rebuild below
    const fromStores = vi.spyOn(windowRead, 'readWindow');
    const next = await runReport({ dbName: db.name, range: {}, nowMs: now + 1 }, db);
    expect(next.how).toBe('memory');
    expect(fromStores).not.toHaveBeenCalled();
    expect(next.report).toEqual((await rebuilt(db.name, now + 1)).report.report);
  });

  it('a write behind the app is found by the idle check, and the next report builds and has it', async () => {
    const now = await savedAndForgotten(db);
    // Raw IndexedDB, as another program would write: not journaled.
    const raw = await new Promise<IDBDatabase>((res, rej) => {
      const q = indexedDB.open(db.name);
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
    const someone = (await db.mentions.orderBy('createdMs').reverse().limit(1).primaryKeys())[0]!;
    await new Promise((res, rej) => {
      const tx = raw.transaction('events', 'readwrite');
      tx.objectStore('events').put(makeEvent('replied', someone, { id: 'behind-1', agent: 'zz', at: new Date(now - MIN).toISOString() }));
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    raw.close();
    const first = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(first.how).toBe('stored');
    expect(await factsVerified(db)).toBe(false);
    const savedTag = ((await db.meta.get('reportFactsHeader'))?.value as { tag?: string } | undefined)?.tag;
    const again = await runReport({ dbName: db.name, range: {}, nowMs: now + 1 }, db);
    expect(again.how).toBe('built');
    // The build's save, in the background, lands before the rebuild below drops the stored facts.
    await vi.waitFor(async () => expect(((await db.meta.get('reportFactsHeader'))?.value as { tag?: string } | undefined)?.tag).not.toBe(savedTag), { timeout: 10_000 });
    expect(again.report).toEqual((await rebuilt(db.name, now + 1)).report.report);
  });
});
