/**
 * Creates or migrates Earshot's tables in the team database. All pending steps run in one
 * transaction with the schema-version row, under a transaction advisory lock so two seats starting
 * at once do not both migrate. A database at a NEWER version than this Earshot knows is refused
 * (nothing changed): an older seat must not write into tables it does not understand.
 */
import type pg from 'pg';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { TeamDatabaseError } from './pg-connect';

export async function migrate(client: pg.Client | pg.PoolClient, schema: string, where: string, migrations = MIGRATIONS): Promise<{ from: number; to: number }> {
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('earshot-migrate:' || $1::text))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_version (
      one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const row = await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version`);
    const from = row.rows[0]?.version ?? 0;
    if (from > latest) {
      throw new TeamDatabaseError(
        `The team database ${where} has Earshot schema version ${from}, newer than this Earshot understands (${latest}). ` +
          'A teammate runs a newer Earshot: update Earshot on this seat. Nothing was changed.',
        'schema',
      );
    }
    for (const m of migrations) {
      if (m.version <= from) continue;
      await client.query(m.up(`"${schema}"`));
    }
    if (from < latest) {
      await client.query(
        `INSERT INTO "${schema}".schema_version (version) VALUES ($1) ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version, applied_at = now()`,
        [latest],
      );
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, latest) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export { LATEST_VERSION };
