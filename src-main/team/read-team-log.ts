/**
 * The team log as an exported event log (INTERFACES.md "Event log export"): one JSON line per
 * workflow entry or mention, oldest first, in log order, without the entry ids, with what every
 * seat derives from the same entries (follow-ups and their reopenings, mentions re-tagged by a
 * change of topic rules: shared/log-export.ts). What `fairness --team URL` and `voc --team URL`
 * read, so their figures are the app's. Reads only: it creates nothing in the database (a report
 * must not migrate a team's tables).
 */
import { EXPORTED_TYPES, LogExport } from '../shared/log-export';
import { connectClient, explainDbError, parseDatabaseUrl, TeamDatabaseError } from './pg-connect';

const PAGE = 5000;

export async function readTeamEventLog(url: string, opts: { schema?: string } = {}): Promise<string[]> {
  const db = parseDatabaseUrl(url, opts.schema);
  const client = await connectClient(db);
  try {
    const has = await client.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`"${db.schema}".log`]);
    if (!has.rows[0]?.ok) throw new TeamDatabaseError(`There is no Earshot log in ${db.where} (schema "${db.schema}"): no seat has joined this database yet`, 'config');
    const types = EXPORTED_TYPES;
    const out = new LogExport();
    let after = 0;
    for (;;) {
      const r = await client.query<{ position: string; entry: string }>(
        `SELECT position, entry FROM "${db.schema}".log WHERE position > $1 AND type = ANY($2::text[]) ORDER BY position LIMIT $3`,
        [after, types, PAGE],
      );
      for (const row of r.rows) await out.add(JSON.parse(row.entry) as Record<string, unknown>);
      if (r.rows.length < PAGE) break;
      after = Number(r.rows[r.rows.length - 1]?.position ?? after);
    }
    return out.lines();
  } catch (e) {
    throw explainDbError(e, db);
  } finally {
    await client.end().catch(() => undefined);
  }
}
