/**
 * How a seat reaches the team database: the URL (config `team.databaseUrl` or EARSHOT_DATABASE_URL)
 * turned into `pg` options, TLS as libpq's `sslmode` means it, and connection failures turned into
 * sentences a team lead can act on. The password is registered for redaction and never appears in
 * a message: places are named as `host:port/database`.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { redactSecret } from '../core/log';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** The schema all of Earshot's tables live in; an identifier, never quoted user text. */
export const DEFAULT_SCHEMA = 'earshot';
const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,40}$/;

export class TeamDatabaseError extends Error {
  override name = 'TeamDatabaseError';
  constructor(
    message: string,
    /** `config`: fix the URL, password or version before retrying; `unreachable`: retry later. */
    readonly kind: 'config' | 'unreachable' | 'schema' | 'invalid',
  ) {
    super(message);
  }
}

export interface TeamDb {
  /** Options for `new pg.Client` / `new pg.Pool`. */
  config: pg.ClientConfig;
  /** `host:port/database`, for messages (no user, no password). */
  where: string;
  schema: string;
  sslmode: SslMode;
}

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_RE.test(schema)) {
    throw new TeamDatabaseError(`"${schema}" is not usable as Earshot's schema name: use lower-case letters, digits and "_" (at most 41)`, 'config');
  }
  return schema;
}

/** Parses and checks a `postgres://` URL; throws a TeamDatabaseError that says what is wrong. */
export function parseDatabaseUrl(url: string, schema: string = DEFAULT_SCHEMA): TeamDb {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TeamDatabaseError('The team database URL is not a URL; it looks like postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require', 'config');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new TeamDatabaseError(`The team database URL must start with postgres:// (got ${u.protocol}//)`, 'config');
  }
  if (!u.hostname) throw new TeamDatabaseError('The team database URL has no host', 'config');
  const password = decodeURIComponent(u.password);
  redactSecret(password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  const port = u.port ? Number(u.port) : 5432;
  const where = `${u.hostname}:${port}/${database}`;
  const rawMode = u.searchParams.get('sslmode') ?? 'disable';
  if (!SSL_MODES.includes(rawMode as SslMode)) {
    throw new TeamDatabaseError(`sslmode=${rawMode} in the team database URL is not one of ${SSL_MODES.join(', ')}`, 'config');
  }
  const sslmode = rawMode as SslMode;
  const rootCert = u.searchParams.get('sslrootcert');
  let ca: string | undefined;
  if (rootCert) {
    try {
      ca = readFileSync(rootCert, 'utf8');
    } catch (e) {
      throw new TeamDatabaseError(`sslrootcert=${rootCert}: cannot read the CA certificate (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'config');
    }
  }
  return {
    where,
    schema: checkSchemaName(schema),
    sslmode,
    config: {
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port,
      database,
      user: decodeURIComponent(u.username) || undefined,
      password: password || undefined,
      ssl: sslOptions(sslmode, ca),
      application_name: 'earshot',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    },
  };
}

/**
 * libpq's meanings: `require` encrypts without checking the certificate (as psql does), `verify-ca`
 * checks the chain, `verify-full` the chain and the host name. `prefer`/`allow` cannot fall back in
 * node-postgres, so they connect without TLS, like `disable`; managed databases should be given
 * `verify-full` (and `sslrootcert` when their CA is not a public one).
 */
function sslOptions(mode: SslMode, ca: string | undefined): pg.ClientConfig['ssl'] {
  switch (mode) {
    case 'require':
      return ca ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false };
    case 'verify-ca':
      return { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ca, rejectUnauthorized: true };
    default:
      return false;
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** True when the error means "the database cannot be reached now" (retry later), not a bad request. */
export function isConnectionError(e: unknown): boolean {
  if (e instanceof TeamDatabaseError) return e.kind === 'unreachable';
  const err = e as { code?: string; message?: string };
  if (err?.code && UNREACHABLE_CODES.has(err.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|Client was closed/i.test(err?.message ?? '');
}

/** Turns a connect or query failure into a TeamDatabaseError with words a person can act on. */
export function explainDbError(e: unknown, db: Pick<TeamDb, 'where' | 'config'>): TeamDatabaseError {
  if (e instanceof TeamDatabaseError) return e;
  const err = e as { code?: string; message?: string };
  const user = db.config.user ?? '(no user)';
  switch (err?.code) {
    case 'ENOTFOUND':
      return new TeamDatabaseError(`The team database host in ${db.where} is not known (DNS): check the URL`, 'config');
    case 'ECONNREFUSED':
      return new TeamDatabaseError(`Nothing answers at ${db.where.split('/')[0]}: the team database is down or the URL's host or port is wrong`, 'unreachable');
    case '28P01':
      return new TeamDatabaseError(`The team database ${db.where} refused the password for user "${user}": check the URL's password`, 'config');
    case '28000':
      return new TeamDatabaseError(`The team database ${db.where} does not let user "${user}" in from here (${err.message}): ask its administrator`, 'config');
    case '3D000':
      return new TeamDatabaseError(`There is no database at ${db.where}: create it first, or fix the URL`, 'config');
    case '42501':
      return new TeamDatabaseError(`User "${user}" may not create Earshot's tables in ${db.where} (${err.message}): grant CREATE on the database, or let an administrator run Earshot once`, 'config');
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(err?.message ?? '')) {
    return new TeamDatabaseError(`TLS to ${db.where} failed (${err.message}): check sslmode and sslrootcert in the URL`, 'config');
  }
  if (isConnectionError(e)) return new TeamDatabaseError(`Lost the team database ${db.where} (${err.message ?? err.code})`, 'unreachable');
  return new TeamDatabaseError(`The team database ${db.where} answered: ${err?.message ?? String(e)}`, 'invalid');
}

/** Opens one client or throws an explained error. */
export async function connectClient(db: TeamDb): Promise<pg.Client> {
  const client = new pg.Client(db.config);
  // An error on an idle connection (server gone) must not crash the process; owners watch 'end'.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw explainDbError(e, db);
  }
  return client;
}

export function createPool(db: TeamDb, max = 4): pg.Pool {
  const pool = new pg.Pool({ ...db.config, max, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client lost: the pool replaces it on next use
  // A client checked out and between statements has no pool listener; a server going away then
  // must not become an uncaught 'error' event (its next statement fails, and is handled there).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
