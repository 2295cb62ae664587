/**
 * Saving the report's facts (facts-store.ts) only as far as they changed: a new session whose facts
 * did not change (only the window moved with the clock) writes the small header alone, naming the
 * columns it goes with, never the 20 MB columns again; the session after it reads the columns with
 * that header and gives what a full rebuild gives. And a window read over facts that keep their
 * events' times walks no index cursor (Dexie's keys(): one round trip per key).
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { currentFacts, dropFacts, forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { makeEvent } from '../../src-renderer/db/events';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { openReportDb } from './helpers/report-db';
import { answered, logMention } from './sla-fixtures';
import { COLUMNS, type Columns } from '../../src-renderer/reports/facts';
import { roomFor } from '../../src-renderer/reports/facts-save';
import { encodeColumn } from '../../src-renderer/reports/facts-codec';
import type { StoredColumns } from '../../src-renderer/reports/columns-blob';
import { rewriteColumns, storeAsOlder, storedColumns } from './helpers/stored-columns';

const DAY = 86_400_000;

interface Raw {
  tag: string;
  version: number;
  facts: { strings: string | string[]; stringLengths?: Int32Array } & Record<string, unknown>;
  stringOrder?: Int32Array;
  factsTag?: string;
  cutoffMs: number;
  windowAt?: number[];
}
const raw = async (db: EarshotDb, key: string): Promise<Raw> => ((await db.meta.get(key)) as { value: Raw }).value;
const settled = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

describe('the report facts saved as far as they changed', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('facts-save');
    setFactsIdleMs(30);
  });
  afterEach(() => {
    setFactsIdleMs(5000);
    vi.restoreAllMocks();
  });

  it('a new session with no new data writes the header alone, and the next one reads it with the columns', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    // An event dated after now: the window's newest time is the clock's, so the window moves with it.
    const someone = (await db.mentions.limit(1).primaryKeys())[0]!;
    await db.events.add(makeEvent('assigned', someone, { agent: 'later', at: new Date(now + 3 * DAY).toISOString() }));
    expect((await currentFacts(db, now)).how).toBe('built');
    await settled();
    const blob = await raw(db, 'reportFacts');
    const header = await raw(db, 'reportFactsHeader');
    expect(header.tag).toBe(blob.tag);
    expect(blob.windowAt?.length).toBeGreaterThan(0);

    // A new session a day later: nothing new, the window moved.
    forgetFactsInMemory(db.name);
    const later = now + DAY;
    const next = await currentFacts(db, later, { counted: false });
    expect(next.how).toBe('stored');
    expect(await next.checked).toBe(true);
    await settled();
    const blobAfter = await raw(db, 'reportFacts');
    const headerAfter = await raw(db, 'reportFactsHeader');
    expect(blobAfter.tag).toBe(blob.tag);
    expect(headerAfter.tag).not.toBe(blob.tag);
    expect(headerAfter.factsTag).toBe(blob.tag);
    expect(headerAfter.cutoffMs).toBeGreaterThan(header.cutoffMs);

    // The session after: the columns with the newer header, figures as a rebuild's.
    forgetFactsInMemory(db.name);
    const third = await runReport({ dbName: db.name, range: {}, nowMs: later }, db);
    expect(third.how).toBe('stored');
    const rebuiltDb = new EarshotDb(db.name);
    await dropFacts(rebuiltDb);
    const full = await runReport({ dbName: db.name, range: {}, nowMs: later }, rebuiltDb);
    expect(full.how).toBe('built');
    expect(third.report).toEqual(full.report);
    expect(third.boxes).toEqual(full.boxes);
    expect(third.skips).toEqual(full.skips);
  });

  it('new events after a header-only save write the columns again, and a new session reads them', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    const someone = (await db.mentions.limit(1).primaryKeys())[0]!;
    await db.events.add(makeEvent('assigned', someone, { agent: 'later', at: new Date(now + 3 * DAY).toISOString() }));
    await currentFacts(db, now);
    await settled();
    forgetFactsInMemory(db.name);
    await currentFacts(db, now + DAY, { counted: false });
    await settled();
    const before = await raw(db, 'reportFacts');
    await db.events.add(makeEvent('replied', someone, { agent: 'zz', at: new Date(now + DAY - 60_000).toISOString() }));
    expect((await currentFacts(db, now + DAY, { counted: false })).how).toBe('memory');
    await settled();
    const blob = await raw(db, 'reportFacts');
    const header = await raw(db, 'reportFactsHeader');
    expect(blob.tag).not.toBe(before.tag);
    expect(header.tag).toBe(blob.tag);
    forgetFactsInMemory(db.name);
    const again = await runReport({ dbName: db.name, range: {}, nowMs: now + DAY }, db);
    expect(again.how).toBe('stored');
    const rebuiltDb = new EarshotDb(db.name);
    await dropFacts(rebuiltDb);
    expect((await runReport({ dbName: db.name, range: {}, nowMs: now + DAY }, rebuiltDb)).report).toEqual(again.report);
  });

  it('stores the string table joined, with its order: a new session finds its strings without a map, adds none twice, and reads an older save too', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    expect((await currentFacts(db, now)).how).toBe('built');
    await settled();
    const blob = await raw(db, 'reportFacts');
    expect(typeof blob.facts.strings).toBe('string');
    const cols = (await storedColumns(db, 'reportFacts'))!;
    // By tag: the copy read back comes from another realm here.
    expect(Object.prototype.toString.call(cols.get('stringLengths'))).toBe('[object Int32Array]');
    expect(cols.get('stringOrder')?.length).toBe(cols.get('stringLengths')!.length);
    const table = (await currentFacts(db, now, { counted: false })).facts.strings;
    expect(table.length).toBeGreaterThan(20);

    // New mentions: strings of the table again (a language, the demo's source) and new ones with odd characters.
    const known = table.find((x) => /^[a-z]{2}$/.test(x))!;
    await importLog(db, [
      logMention('odd-1', now - 60_000, 'everyday', 'x', { lang: known, author: { key: 'x:odd', handle: 'na\u0000me\u{1F600}', name: 'Odd', followers: 3 } }),
      logMention('odd-2', now - 50_000, 'mega', 'reddit', { lang: 'xx-new', sourceId: table.find((x) => x.startsWith('demo')) ?? 'demo-x', author: { key: 'reddit:odd', handle: 'é\u001fz', name: 'Odd', followers: 9 } }),
      ...answered('odd-3', now - 40_000, 'micro', 2, 'mk', 'x'),
    ]);
    const sessions = async (label: string, ordered: number): Promise<void> => {
      forgetFactsInMemory(db.name);
      const next = await currentFacts(db, now, { counted: false });
      expect(next.how, label).toBe('stored');
      expect(next.ix.string.ordered, label).toBe(ordered);
      const strings = next.facts.strings;
      expect(new Set(strings).size, label).toBe(strings.length);
      for (const s of [known, 'xx-new', 'x:na\u0000me\u{1F600}', 'reddit:é\u001fz']) expect(strings.filter((x) => x === s), `${label}: ${JSON.stringify(s)}`).toHaveLength(1);
      const stored = await runReport({ dbName: db.name, range: {}, nowMs: now, by: 'lang' }, db);
      const rebuiltDb = new EarshotDb(db.name);
      await dropFacts(rebuiltDb);
      forgetFactsInMemory(db.name);
      expect((await runReport({ dbName: db.name, range: {}, nowMs: now, by: 'lang' }, rebuiltDb)).report, label).toEqual(stored.report);
      await settled();
    };
    await sessions('from the stored order', table.length);
    // The save after it stored the table with the new strings, its order sorted.
    const after = await raw(db, 'reportFacts');
    const afterCols = (await storedColumns(db, 'reportFacts'))!;
    const lengths = afterCols.get('stringLengths')!;
    let at = 0;
    const strings = [...lengths].map((n) => (after.facts.strings as string).slice(at, (at += n)));
    expect(strings).toContain('xx-new');
    const order = [...afterCols.get('stringOrder')!];
    expect(order.map((k) => strings[k])).toEqual([...strings].sort((a, b) => (a < b ? -1 : 1)));

    // The oldest save of version 5: the table as an array, no lengths, no order.
    await storeAsOlder(db, 5, { stringsAsArray: true });
    await importLog(db, answered('odd-4', now - 30_000, 'everyday', 3, 'lb', 'x'));
    await sessions('from an array', 0);
  });

  it('reads the window without walking the at index when the times are kept', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    await currentFacts(db, now);
    await settled();
    const collection = Object.getPrototypeOf(db.events.where('at').above('')) as { keys: () => unknown };
    const keys = vi.spyOn(collection, 'keys');
    expect((await currentFacts(db, now, { counted: false })).how).toBe('memory');
    forgetFactsInMemory(db.name);
    expect((await currentFacts(db, now, { counted: false })).how).toBe('stored');
    expect(keys).not.toHaveBeenCalled();
  });
  it('stores the columns in a Blob with their room and reads them back as views of it, exactly; reads saves of versions 6 and 5; builds over a damaged one', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    const built = (await currentFacts(db, now)).facts;
    expect(built.n).toBeGreaterThan(100);
    await settled();
    expect((await raw(db, 'reportFacts')).version).toBe(7);
    const names = Object.keys(COLUMNS) as (keyof Columns)[];
    const stored = (await storedColumns(db, 'reportFacts'))!;
    for (const k of names) expect(stored.get(k)?.length, k).toBe(built.n + roomFor(built.n));
    const sameColumns = (label: string, f: typeof built): void => {
      expect(f.n, label).toBe(built.n);
      for (const k of names) expect([...f[k].subarray(0, f.n)], `${label}: ${k}`).toEqual([...built[k].subarray(0, built.n)]);
    };
    const session = async (label: string, how: string, oneBuffer = false): Promise<void> => {
      forgetFactsInMemory(db.name);
      const next = await currentFacts(db, now, { counted: false });
      expect(next.how, label).toBe(how);
      sameColumns(label, next.facts);
      // Read back from a Blob: every column a view of the one buffer read, none copied.
      if (oneBuffer) expect(new Set(names.map((k) => next.facts[k].buffer)).size, label).toBe(1);
      const report = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
      const rebuiltDb = new EarshotDb(db.name);
      await dropFacts(rebuiltDb);
      forgetFactsInMemory(db.name);
      expect((await runReport({ dbName: db.name, range: {}, nowMs: now }, rebuiltDb)).report, label).toEqual(report.report);
      await settled();
    };
    await session('read back', 'stored', true);

    // A save of version 6: the columns in the value, in their smaller forms (facts-codec.ts).
    const n = built.n;
    await storeAsOlder(db, 6, { form: (_k, col, all) => encodeColumn(col, n, col, all.get('createdMs') as Float64Array) });
    const v6 = await raw(db, 'reportFacts');
    const form = (k: string): unknown => (v6.facts[k] as { as?: string }).as;
    expect([form('replyAgent'), form('clockStartMs'), form('arrivalMs'), form('replyMs'), form('createdMs')]).toEqual(['ints', 'mostly', 'after-post', 'after-post', undefined]);
    await session('version 6', 'stored');
    // A save of version 5: every column in the value as it is.
    await storeAsOlder(db, 5);
    await session('version 5', 'stored');

    // Damaged saves: a column shorter than the rows; a column said to lie past the end of the Blob.
    expect((await raw(db, 'reportFacts')).version).toBe(7);
    await rewriteColumns(db, 'reportFacts', (cols) => cols.set('clockStartMs', cols.get('clockStartMs')!.slice(0, n - 1)));
    await session('a column too short', 'built');
    const v = await raw(db, 'reportFacts');
    const columns = v.facts.columns as StoredColumns;
    const parts = columns.parts.map((p) => (p.name === 'replyMs' ? { ...p, offset: columns.blob.size } : p));
    await db.meta.put({ key: 'reportFacts', value: { ...v, facts: { ...v.facts, columns: { ...columns, parts } } } });
    await session('a column past the end', 'built');
  });
});
