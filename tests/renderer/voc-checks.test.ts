/**
 * The VoC screen checks its stored facts the fairness report's way (reports/facts-store.ts): its
 * first figures count no event (the old-writes marker is read with the window; the count of every
 * event waits until the screen is idle), and a drill-down, which must list exactly the mentions
 * behind a figure, has that check run at once instead of waiting for idle.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { confirmVoc, forgetVocState, runVoc, runVocMembers } from '../../src-renderer/voc/voc-engine';
import { forgetVocColumnsInMemory } from '../../src-renderer/voc/voc-store';

const DAY = 86_400_000;
const END = Date.now() - 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

async function seeded(name: string): Promise<{ db: EarshotDb; req: { dbName: string; fromMs: number; toMs: number; filter: Record<string, never> } }> {
  setPolicyRecords([]);
  const db = new EarshotDb(name);
  await db.open();
  await importLog(db, generateDemoHistory({ endMs: END, days: 28 }));
  const req = { dbName: db.name, fromMs: END - 14 * DAY, toMs: END, filter: {} };
  expect((await runVoc(req, db)).how).toContain('facts built');
  await new Promise((r) => setTimeout(r, 100));
  forgetVocColumnsInMemory(db.name);
  forgetVocState(db.name);
  forgetFactsInMemory(db.name);
  return { db, req };
}

describe('the VoC screen checks its facts as the fairness report does', () => {
  afterEach(() => {
    setFactsIdleMs(5000);
    vi.restoreAllMocks();
  });

  it('counts no event for its first figures; the count runs once idle and confirms them', async () => {
    const { db, req } = await seeded('voc-checks-1');
    setFactsIdleMs(50);
    const counts = vi.spyOn(db.events, 'count');
    const first = await runVoc({ ...req, early: true }, db);
    expect(first.how).toContain('facts stored');
    expect(first.checked).toBe(false);
    expect(counts).not.toHaveBeenCalled();
    expect(await confirmVoc(db.name)).toBe(true);
    // The count ran when idle, and only then.
    expect(counts).toHaveBeenCalled();
  });

  it('a drill-down does not wait for idle: the check runs at once and a write behind the app is seen', async () => {
    const { db, req } = await seeded('voc-checks-2');
    // Idle never comes within the test: only a check run at once can answer.
    setFactsIdleMs(600_000);
    const first = await runVoc({ ...req, early: true }, db);
    expect(first.checked).toBe(false);
    // Written straight into IndexedDB below the window, without the marker: the first figures miss it.
    const base = (await db.mentions.limit(1).toArray())[0]!;
    const createdMs = END - 10 * DAY;
    await db.mentions.put({ ...base, id: 'behind-1', createdAt: iso(createdMs), createdMs, clockStartMs: createdMs, dueAt: createdMs + 3_600_000, status: 'new', open: 1 });
    await db.events.put({ id: 'mention:behind-1', type: 'mention', mentionId: 'behind-1', at: iso(createdMs + 60_000) });
    const members = await runVocMembers({ ...req, figure: { kind: 'period' } }, db);
    expect(members).toContain('behind-1');
    expect(members).toHaveLength(first.report.mentions + 1);
  });
});
