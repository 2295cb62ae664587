/** A fresh database for the report tests: opened, with no SLA policy records (the default policy applies). */
import { EarshotDb } from '../../../src-renderer/db/schema';
import { setPolicyRecords } from '../../../src-renderer/db/policies';

let n = 0;

export async function openReportDb(prefix: string): Promise<EarshotDb> {
  const db = new EarshotDb(`${prefix}-${++n}`);
  await db.open();
  setPolicyRecords([]);
  return db;
}
