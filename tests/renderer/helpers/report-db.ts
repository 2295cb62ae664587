/** A fresh database for the report tests: opened, with no SLA policy records (the default policy applies). */
import { EarshotDb } from '../../../src-renderer/db/schema';
import { setPolicyRecords } from '../../../src-renderer/db/policies';
import { haveSaved } from '../../../src-renderer/reports/facts-save';
import { currentFacts, dropFacts, type Loaded } from '../../../src-renderer/reports/facts-store';
import { runReport } from '../../../src-renderer/reports/engine';
import { expect, vi } from 'vitest';

let n = 0;

export async function openReportDb(prefix: string): Promise<EarshotDb> {
  const db = new EarshotDb(`${prefix}-${++n}`);
  await db.open();
  setPolicyRecords([]);
  return db;
}

/** Waits until the report's facts, saved in the background after a report, are stored (not a fixed sleep). */
export async function factsSaved(db: EarshotDb): Promise<void> {
  await vi.waitFor(async () => expect(await haveSaved(db)).toBe(true), { timeout: 10_000 });
}

/**
 * The oracle of the incremental paths: the facts built from scratch over the whole database (on a
 * connection of its own, the stored ones dropped first) and the all-time report as of `nowMs` over them.
 */
export async function rebuilt(name: string, nowMs: number): Promise<{ loaded: Loaded; report: Awaited<ReturnType<typeof runReport>> }> {
  const fresh = new EarshotDb(name);
  await dropFacts(fresh);
  const loaded = await currentFacts(fresh, nowMs);
  expect(loaded.how).toBe('built');
  return { loaded, report: await runReport({ dbName: name, range: {}, nowMs }, fresh) };
}
