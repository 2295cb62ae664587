/** A fresh database for the report tests: opened, with no SLA policy records (the default policy applies). */
import { EarshotDb } from '../../../src-renderer/db/schema';
import { setPolicyRecords } from '../../../src-renderer/db/policies';
import { haveSaved } from '../../../src-renderer/reports/facts-save';
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
