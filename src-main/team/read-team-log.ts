/**
 * The team log as an exported event log (INTERFACES.md "Event log export"): one JSON line per
 * workflow entry or mention, oldest first, in log order, without the entry ids. What `fairness
 * --team URL` and `voc --team URL` read, so their figures are the app's. Reads only: it creates
 * nothing in the database (a report must not migrate a team's tables).
 *
 * Follow-ups are derived here as every seat's renderer derives them (shared/follow-ups-log.ts): a
 * mention that joined a conversation carries `followUpOf`, and the reopening it caused follows it as
 * a `reopened` line, as in the app's own export. An entry that fails validation is passed on as it
 * is, so the reader names it as a bad line.
 */
import { EVENT_TYPES } from '../shared/events';
import { FOLLOW_UP_REASON } from '../shared/follow-ups';
import { LogThreads } from '../shared/follow-ups-log';
import { parseLogEntry } from '../shared/log-entry';
import { connectClient, explainDbError, parseDatabaseUrl, TeamDatabaseError } from './pg-connect';

const PAGE = 5000;

export async function readTeamEventLog(url: string, opts: { schema?: string } = {}): Promise<string[]> {
  const db = parseDatabaseUrl(url, opts.schema);
  const client = await connectClient(db);
  try {
    const has = await client.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`"${db.schema}".log`]);
    if (!has.rows[0]?.ok) throw new TeamDatabaseError(`There is no Earshot log in ${db.where} (schema "${db.schema}"): no seat has joined this database yet`, 'config');
    const types = EVENT_TYPES as readonly string[];
    const lines: string[] = [];
    const threads = new LogThreads();
    let after = 0;
    for (;;) {
      const r = await client.query<{ position: string; entry: string }>(
        `SELECT position, entry FROM "${db.schema}".log WHERE position > $1 AND type = ANY($2::text[]) ORDER BY position LIMIT $3`,
        [after, types, PAGE],
      );
      for (const row of r.rows) {
        const raw = JSON.parse(row.entry) as Record<string, unknown>;
        const { id: _id, ...event } = raw;
        const parsed = parseLogEntry(raw);
        const step = 'entry' in parsed ? await threads.next(parsed.entry) : undefined;
        lines.push(JSON.stringify(step ? { ...event, followUpOf: step.rootId } : event));
        if (step?.kind === 'follow-up' && step.reopen && 'entry' in parsed && parsed.entry.type === 'mention') {
          // At the follow-up's own time, as the renderer dates it (src-renderer/db/follow-ups.ts).
          lines.push(JSON.stringify({ type: 'reopened', at: parsed.entry.mention.createdAt, mentionId: step.rootId, reason: FOLLOW_UP_REASON, followUpId: step.id }));
        }
      }
      if (r.rows.length < PAGE) break;
      after = Number(r.rows[r.rows.length - 1]?.position ?? after);
    }
    return lines;
  } catch (e) {
    throw explainDbError(e, db);
  } finally {
    await client.end().catch(() => undefined);
  }
}
