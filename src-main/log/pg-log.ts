/**
 * The team's log in PostgreSQL (../shared/DESIGN.md "The log is the system of record"): a table in
 * Earshot's schema, appended to by every seat and tailed with LISTEN/NOTIFY to wake plus a read by
 * position.
 *
 * Positions become visible in order: every appending transaction first locks the one-row counter
 * `log_head` and hands out positions from it, so appends are serialised and a transaction holding
 * position N commits before any transaction can take N+1. A reader asking for "after N" therefore
 * never misses a late commit, which a bare bigserial would allow (the sequence value is taken at
 * insert, commits happen in any order). tests/integration/team/pg-log-order.test.ts proves both.
 *
 * Appends are idempotent by entry id (an id already present reports its position), all-or-nothing
 * per call, and retried on a dropped connection (safe: ids), so nothing is half-written.
 */
import type pg from 'pg';
import { LogEntryEnvelopeSchema, type LogEntry } from '../shared/log-entry';
import type { AppendResult, LogStore, PositionedEntry } from './log-store';
import { connectClient, createPool, explainDbError, isConnectionError, parseDatabaseUrl, TeamDatabaseError, type TeamDb } from '../team/pg-connect';
import { migrate } from '../team/migrate';
import { createLogger, type Logger } from '../core/log';

/** An entry larger than this is refused: it would slow every seat's replay. */
export const MAX_ENTRY_BYTES = 1_000_000;
const APPEND_TRIES = 3;

export interface PgLogOptions {
  databaseUrl: string;
  /** Who appends (stored beside each entry, for diagnosis); the agent id or a seat id. */
  seat: string;
  schema?: string;
  log?: Logger;
  /** A fallback read of the head in case a notification was lost (default 5 s). */
  pollMs?: number;
}

export interface PreparedEntry {
  id: string;
  type: string;
  json: string;
}

/** Checks the envelope of every entry; refuses the whole batch, naming the bad entry and field. */
export function prepareEntries(entries: readonly LogEntry[]): PreparedEntry[] {
  return entries.map((e, i) => {
    const r = LogEntryEnvelopeSchema.safeParse(e);
    if (!r.success) {
      const what = r.error.issues.map((x) => `${x.path.map(String).join('.') || '(entry)'}: ${x.message}`).join('; ');
      const id = typeof (e as { id?: unknown })?.id === 'string' ? ` (id ${(e as { id: string }).id})` : '';
      throw new TeamDatabaseError(`Log entry ${i + 1} of ${entries.length}${id} is not valid (${what}); nothing of this batch was appended`, 'invalid');
    }
    const json = JSON.stringify(e);
    if (Buffer.byteLength(json) > MAX_ENTRY_BYTES) {
      throw new TeamDatabaseError(`Log entry ${e.id} is larger than ${MAX_ENTRY_BYTES} bytes; nothing of this batch was appended`, 'invalid');
    }
    return { id: e.id, type: e.type, json };
  });
}

export function logChannel(schema: string): string {
  return `${schema}_log`;
}

/**
 * The statements of one append, on a client already inside a transaction (the caller commits).
 * Exported so the ordering test can hold several appending transactions open at once.
 */
export async function appendInTransaction(client: pg.ClientBase, schema: string, seat: string, batch: readonly PreparedEntry[]): Promise<{ results: AppendResult[]; head: number }> {
  const s = `"${schema}"`;
  // The row lock that serialises appends: held until this transaction ends.
  const headRow = await client.query<{ position: string }>(`SELECT position FROM ${s}.log_head FOR UPDATE`);
  let head = Number(headRow.rows[0]?.position ?? 0);
  const ids = [...new Set(batch.map((b) => b.id))];
  const existing = new Map<string, number>();
  const found = await client.query<{ id: string; position: string }>(`SELECT id, position FROM ${s}.log WHERE id = ANY($1::text[])`, [ids]);
  for (const r of found.rows) existing.set(r.id, Number(r.position));
  const results: AppendResult[] = [];
  const fresh: Array<PreparedEntry & { position: number }> = [];
  for (const b of batch) {
    const had = existing.get(b.id);
    if (had !== undefined) {
      results.push({ id: b.id, position: had, duplicate: true });
      continue;
    }
    head += 1;
    existing.set(b.id, head);
    fresh.push({ ...b, position: head });
    results.push({ id: b.id, position: head, duplicate: false });
  }
  if (fresh.length > 0) {
    const ins = await client.query(
      `INSERT INTO ${s}.log (position, id, type, entry, seat)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [fresh.map((f) => f.position), fresh.map((f) => f.id), fresh.map((f) => f.type), fresh.map((f) => f.json), fresh.map(() => seat)],
    );
    // Under the counter lock no other append can race us; a shortfall means the table was edited by hand.
    if (ins.rowCount !== fresh.length) throw new TeamDatabaseError('The log table changed under the append lock; nothing of this batch was appended', 'invalid');
    await client.query(`UPDATE ${s}.log_head SET position = $1`, [head]);
    await client.query(`SELECT pg_notify($1, $2)`, [logChannel(schema), String(head)]);
  }
  return { results, head };
}

export class PgLogStore implements LogStore {
  readonly backend = 'postgres' as const;
  private readonly listeners = new Set<(head: number) => void>();
  private readonly connectionListeners = new Set<(up: boolean) => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private listener: pg.Client | undefined;
  private lastHead = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private backoffMs = 200;
  private readonly log: Logger;

  private constructor(
    readonly db: TeamDb,
    private readonly pool: pg.Pool,
    private readonly seat: string,
    log: Logger | undefined,
    private readonly pollMs: number,
    /** The log's id (log_head.log_id): a renderer's position from another log starts it from 0. */
    readonly logId: string,
  ) {
    this.log = log ?? createLogger('pg-log');
  }

  /** Connects, creates or migrates the tables, and starts tailing. Throws a TeamDatabaseError that says what is wrong. */
  static async open(opts: PgLogOptions): Promise<PgLogStore> {
    const db = parseDatabaseUrl(opts.databaseUrl, opts.schema);
    const first = await connectClient(db);
    try {
      await migrate(first, db.schema, db.where);
    } catch (e) {
      throw explainDbError(e, db);
    } finally {
      await first.end().catch(() => undefined);
    }
    const pool = createPool(db);
    let logId: string;
    try {
      logId = String((await pool.query(`SELECT log_id FROM "${db.schema}".log_head`)).rows[0]?.log_id);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw explainDbError(e, db);
    }
    const store = new PgLogStore(db, pool, opts.seat, opts.log, opts.pollMs ?? 5000, logId);
    store.lastHead = await store.head();
    await store.listen();
    store.pollTimer = setInterval(() => void store.checkHead(), store.pollMs);
    store.pollTimer.unref();
    return store;
  }

  get schema(): string {
    return this.db.schema;
  }

  append(entries: readonly LogEntry[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new TeamDatabaseError('The team log is closed', 'invalid'));
    let batch: PreparedEntry[];
    try {
      batch = prepareEntries(entries);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    if (batch.length === 0) return Promise.resolve([]);
    const p = this.appendWithRetry(batch);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  private async appendWithRetry(batch: PreparedEntry[]): Promise<AppendResult[]> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= APPEND_TRIES; attempt++) {
      let client: pg.PoolClient | undefined;
      // A checked-out client has no error listener of the pool's: a server going away between two
      // statements must not become an uncaught 'error' event (the next statement fails instead).
      const ignore = (): void => undefined;
      try {
        client = await this.pool.connect();
        client.on('error', ignore);
        await client.query('BEGIN');
        const { results, head } = await appendInTransaction(client, this.db.schema, this.seat, batch);
        await client.query('COMMIT');
        client.off('error', ignore);
        client.release();
        this.fire(head);
        return results;
      } catch (e) {
        lastError = e;
        if (client) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.off('error', ignore);
          // A broken connection must not go back to the pool.
          client.release(isConnectionError(e) ? (e as Error) : undefined);
        }
        // A dropped connection may or may not have committed: trying again is safe, ids dedupe.
        if (!isConnectionError(e) || this.closed) break;
        await sleep(100 * attempt);
      }
    }
    const why = explainDbError(lastError, this.db);
    throw new TeamDatabaseError(`${why.message}; nothing of this batch was appended (an entry that did reach the log is kept once: appending it again is safe)`, why.kind);
  }

  async read(after: number, limit: number): Promise<PositionedEntry[]> {
    try {
      const r = await this.pool.query<{ position: string; entry: string }>(
        `SELECT position, entry FROM "${this.db.schema}".log WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, limit],
      );
      return r.rows.map((row) => ({ position: Number(row.position), entry: JSON.parse(row.entry) as LogEntry }));
    } catch (e) {
      throw explainDbError(e, this.db);
    }
  }

  /** Entries of one type after a position, oldest first (index log_type_position, migration 4). */
  async readOfType(type: string, after: number, limit: number): Promise<PositionedEntry[]> {
    try {
      const r = await this.pool.query<{ position: string; entry: string }>(
        `SELECT position, entry FROM "${this.db.schema}".log WHERE type = $1 AND position > $2 ORDER BY position LIMIT $3`,
        [type, after, limit],
      );
      return r.rows.map((row) => ({ position: Number(row.position), entry: JSON.parse(row.entry) as LogEntry }));
    } catch (e) {
      throw explainDbError(e, this.db);
    }
  }

  /** The last entry of one type, if any. */
  async latestOfType(type: string): Promise<PositionedEntry | undefined> {
    try {
      const r = await this.pool.query<{ position: string; entry: string }>(
        `SELECT position, entry FROM "${this.db.schema}".log WHERE type = $1 ORDER BY position DESC LIMIT 1`,
        [type],
      );
      const row = r.rows[0];
      return row ? { position: Number(row.position), entry: JSON.parse(row.entry) as LogEntry } : undefined;
    } catch (e) {
      throw explainDbError(e, this.db);
    }
  }

  /** The raw JSON text of entries, exactly as appended (for byte-for-byte comparisons and exports). */
  async readRaw(after: number, limit: number): Promise<Array<{ position: number; json: string }>> {
    const r = await this.pool.query<{ position: string; entry: string }>(
      `SELECT position, entry FROM "${this.db.schema}".log WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, limit],
    );
    return r.rows.map((row) => ({ position: Number(row.position), json: row.entry }));
  }

  async head(): Promise<number> {
    try {
      const r = await this.pool.query<{ position: string }>(`SELECT position FROM "${this.db.schema}".log_head`);
      return Number(r.rows[0]?.position ?? 0);
    } catch (e) {
      throw explainDbError(e, this.db);
    }
  }

  onAppend(cb: (head: number) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Told when the tailing connection is lost (false) and back (true). */
  onConnection(cb: (up: boolean) => void): () => void {
    this.connectionListeners.add(cb);
    return () => this.connectionListeners.delete(cb);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    await Promise.allSettled([...this.inFlight]);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private fire(head: number): void {
    if (head <= this.lastHead) return;
    this.lastHead = head;
    for (const cb of this.listeners) {
      try {
        cb(head);
      } catch (e) {
        this.log.warn('an onAppend listener failed', { why: (e as Error).message });
      }
    }
  }

  private async checkHead(): Promise<void> {
    if (this.closed) return;
    try {
      this.fire(await this.head());
    } catch {
      // unreachable: the listener's reconnect loop reports it
    }
  }

  private async listen(): Promise<void> {
    const client = await connectClient(this.db);
    client.on('notification', (n) => {
      const head = Number(n.payload);
      if (Number.isFinite(head)) this.fire(head);
    });
    const lost = (): void => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      this.log.warn('lost the team database; reconnecting', { where: this.db.where });
      for (const cb of this.connectionListeners) cb(false);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.query(`LISTEN "${logChannel(this.db.schema)}"`);
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.listen().then(
        () => {
          this.backoffMs = 200;
          this.log.info('team database back', { where: this.db.where });
          for (const cb of this.connectionListeners) cb(true);
          // Notifications sent while we were away are gone: read the head.
          void this.checkHead();
        },
        () => {
          this.backoffMs = Math.min(this.backoffMs * 2, 5000);
          this.scheduleReconnect();
        },
      );
    }, this.backoffMs);
    this.reconnectTimer.unref();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
