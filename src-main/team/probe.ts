/**
 * Settings' "Test connection": connects to a team database the way a seat would and says, in words
 * a person can act on, whether joining it will work — without creating or changing anything (the
 * tables are created by the first seat that really joins). And the URL as the renderer may see it:
 * with its password masked.
 */
import { LATEST_VERSION } from './migrations/index';
import pg from 'pg';
import { explainDbError, parseDatabaseUrl, type TeamDatabaseError } from './pg-connect';
import type { TeamConnectionResult } from '../shared/team';
import { redact } from '../core/log';

const PROBE_TIMEOUT_MS = 8000;

/** `postgres://earshot:••••@db.example.com:5432/earshot?sslmode=require`: never the password, in the user part or a `password=` parameter. */
export function maskDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (u.password) u.password = '••••';
  for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '••••');
  // URL encodes the bullets; show them as typed.
  return u.toString().replace(/%E2%80%A2/gi, '•');
}

function problemOf(e: TeamDatabaseError, code: string | undefined): TeamConnectionResult['problem'] {
  if (code === '28P01' || code === '28000') return 'password';
  if (code === 'ENOTFOUND' || code === '3D000') return 'url';
  if (e.kind === 'schema') return 'schema';
  if (e.kind === 'unreachable') return 'unreachable';
  if (e.kind === 'config') return 'url';
  return 'other';
}

export async function probeTeamDatabase(url: string, schema?: string): Promise<TeamConnectionResult> {
  let db;
  try {
    db = parseDatabaseUrl(url, schema);
  } catch (e) {
    return { ok: false, problem: 'url', message: redact((e as Error).message) };
  }
  const client = new pg.Client({ ...db.config, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const code = (e as { code?: string }).code;
    if (!code && /timeout/i.test((e as Error).message ?? '')) {
      return { ok: false, problem: 'unreachable', message: `Nothing answered at ${db.where} within ${PROBE_TIMEOUT_MS / 1000} s: the team database is unreachable from here (firewall, VPN, or a wrong host or port)` };
    }
    const err = explainDbError(e, db);
    return { ok: false, problem: problemOf(err, code), message: redact(err.message) };
  }
  try {
    // Two statements: a query naming a missing table fails at planning, even behind a CASE.
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`"${db.schema}".schema_version`]);
    const version = exists.rows[0]?.t ? ((await client.query<{ version: number }>(`SELECT version FROM "${db.schema}".schema_version`)).rows[0]?.version ?? null) : null;
    if (version === null) {
      return { ok: true, message: `Connected to ${db.where}. Earshot's tables are not there yet: the first seat to join creates them (schema "${db.schema}").` };
    }
    if (version > LATEST_VERSION) {
      return {
        ok: false,
        problem: 'schema',
        message: `Connected to ${db.where}, but its Earshot tables are version ${version}, newer than this Earshot understands (${LATEST_VERSION}): a teammate runs a newer Earshot. Update Earshot on this seat first.`,
      };
    }
    const agents = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${db.schema}".agent`).catch(() => ({ rows: [{ n: '0' }] }));
    const n = Number(agents.rows[0]?.n ?? 0);
    return { ok: true, message: `Connected to ${db.where}: Earshot's tables are there (version ${version}), ${n} agent${n === 1 ? '' : 's'} in the roster.` };
  } catch (e) {
    return { ok: false, problem: 'other', message: redact(`The team database ${db.where} answered: ${(e as Error).message}`) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
