import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { runVoc, forgetVocState } from '../../src-renderer/voc/voc-engine';
import { forgetVocColumnsInMemory } from '../../src-renderer/voc/voc-store';

const END = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

describe('VoC columns kept in IndexedDB', () => {
  it('a new session reads the stored columns back and counts the same figures as the build', async () => {
    setPolicyRecords([]);
    const db = new EarshotDb('voc-store-1');
    await db.open();
    await importLog(db, generateDemoHistory({ endMs: END, days: 21 }));
    const req = { dbName: db.name, fromMs: END - 14 * DAY, toMs: END, filter: {} };
    const built = await runVoc(req, db);
    expect(built.how).toContain('columns built');
    await new Promise((r) => setTimeout(r, 50)); // the background write of the columns
    const stored = (await db.meta.get('vocColumns'))?.value as { version: number; columns: { ids: unknown; vocab: unknown } };
    expect(stored.version).toBe(2);
    expect(typeof stored.columns.ids).toBe('string'); // one value, not one per mention
    forgetVocColumnsInMemory(db.name);
    forgetVocState(db.name);
    forgetFactsInMemory(db.name);
    const again = await runVoc(req, db);
    expect(again.how).toContain('columns stored');
    expect(again.report).toEqual(built.report);
    expect(again.report.mentions).toBeGreaterThan(0);
    expect(again.report.rising.length).toBeGreaterThan(0);
    // A second new session: the facts were not written back (nothing changed), the figures hold.
    forgetVocColumnsInMemory(db.name);
    forgetVocState(db.name);
    forgetFactsInMemory(db.name);
    expect((await runVoc(req, db)).report).toEqual(built.report);
  });
});
