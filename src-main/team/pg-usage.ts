/**
 * X read counts in the team database (the UsageStore of sources/x/x-usage.ts), so the month's count
 * is the team's, whichever seat polls. Within a month the stored count never goes down: a seat that
 * loaded an older count before a takeover cannot erase reads another seat counted.
 */
import type pg from 'pg';
import type { UsageState, UsageStore } from '../sources/x/x-usage';

export function createPgUsageStore(pool: pg.Pool, schema: string, sourceId: string): UsageStore {
  const s = `"${schema}"`;
  return {
    async load() {
      const r = await pool.query<{ month: string; reads: string; tracking_since: Date }>(`SELECT month, reads, tracking_since FROM ${s}.x_usage WHERE source_id = $1`, [sourceId]);
      const row = r.rows[0];
      return row ? { month: row.month, reads: Number(row.reads), trackingSince: row.tracking_since.toISOString() } : undefined;
    },
    async save(u: UsageState) {
      await pool.query(
        `INSERT INTO ${s}.x_usage AS u (source_id, month, reads, tracking_since) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source_id) DO UPDATE SET
           reads = CASE WHEN u.month = EXCLUDED.month THEN GREATEST(u.reads, EXCLUDED.reads) ELSE EXCLUDED.reads END,
           tracking_since = CASE WHEN u.month = EXCLUDED.month THEN LEAST(u.tracking_since, EXCLUDED.tracking_since) ELSE EXCLUDED.tracking_since END,
           month = EXCLUDED.month
         WHERE u.month <= EXCLUDED.month`,
        [sourceId, u.month, u.reads, u.trackingSince],
      );
    },
  };
}
