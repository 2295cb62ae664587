/**
 * One poller per source across the team (../shared/DESIGN.md "Polling in a team"). Of the seats
 * that have a source (same id), the one holding its lease polls it. A lease is a session advisory
 * lock taken on this seat's own connection: when the seat dies (even SIGKILL) the server closes the
 * session and the lock is free at once; seats without it try again every `retryMs`.
 *
 * The lease connection asks the server to probe a silent client (TCP keepalives), so a seat whose
 * machine vanished loses its leases within about half a minute, and the holder checks its own
 * connection every `retryMs`: a seat that cannot reach the database stops polling (onLost) before
 * another seat can have taken over. Each acquisition bumps the source's `epoch`; stores that write
 * for a source (cursors) use it to refuse a late write from a seat that lost the lease.
 */
import type pg from 'pg';
import { connectClient, type TeamDb } from './pg-connect';
import { createLogger, type Logger } from '../core/log';

export interface LeaseEvents {
  /** This seat now polls the source; `epoch` fences writes made under this lease. */
  onAcquired?(sourceId: string, epoch: number): void | Promise<void>;
  /** This seat must stop polling the source (released, connection lost, or stop()). */
  onLost?(sourceId: string): void;
}

export interface LeaseManagerOptions extends LeaseEvents {
  db: TeamDb;
  seat: string;
  sourceIds: readonly string[];
  /** How often a seat without a lease tries again, and the holder checks its connection (default 5 s). */
  retryMs?: number;
  log?: Logger;
}

export class LeaseManager {
  private client: pg.Client | undefined;
  private readonly held = new Map<string, { key: number; epoch: number }>();
  private wanted: Set<string>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private cycle: Promise<void> = Promise.resolve();
  private readonly retryMs: number;
  private readonly log: Logger;

  constructor(private readonly opts: LeaseManagerOptions) {
    this.wanted = new Set(opts.sourceIds);
    this.retryMs = opts.retryMs ?? 5000;
    this.log = opts.log ?? createLogger('leases');
  }

  /** Starts trying for leases; resolves after the first round (the seat may or may not hold any). */
  async start(): Promise<void> {
    this.running = true;
    await this.round();
  }

  /** True while this seat holds the source's lease: check it before each poll. */
  holds(sourceId: string): boolean {
    return this.held.has(sourceId);
  }

  /** The epoch of the lease this seat holds on a source (undefined: not held). */
  epochOf(sourceId: string): number | undefined {
    return this.held.get(sourceId)?.epoch;
  }

  heldSources(): string[] {
    return [...this.held.keys()];
  }

  /** The seat's sources changed: leases of removed ones are released, new ones tried at once. */
  async setSources(ids: readonly string[]): Promise<void> {
    this.wanted = new Set(ids);
    await this.round();
  }

  /** Releases every lease (closing the connection) and stops trying. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.cycle.catch(() => undefined);
    this.dropAll();
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private round(): Promise<void> {
    // One round at a time, chained, so setSources and the timer never interleave statements.
    this.cycle = this.cycle.catch(() => undefined).then(() => this.tryOnce());
    return this.cycle;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.round(), this.retryMs);
    this.timer.unref();
  }

  private async tryOnce(): Promise<void> {
    if (!this.running) return;
    try {
      const c = await this.connection();
      // The holder's check that its session (and so its locks) is still there.
      await c.query('SELECT 1');
      for (const [id, lease] of [...this.held]) {
        if (this.wanted.has(id)) continue;
        await c.query(`SELECT pg_advisory_unlock(hashtext($1::text), $2)`, [`earshot:${this.opts.db.schema}`, lease.key]);
        this.lose(id);
      }
      for (const id of this.wanted) {
        if (this.held.has(id) || !this.running) continue;
        await this.tryAcquire(c, id);
      }
    } catch (e) {
      this.log.warn('lease connection lost; stopping every poll this seat held', { why: (e as Error).message, held: this.held.size });
      this.dropAll();
      const c = this.client;
      this.client = undefined;
      await c?.end().catch(() => undefined);
    } finally {
      this.schedule();
    }
  }

  private async tryAcquire(c: pg.Client, id: string): Promise<void> {
    const s = `"${this.opts.db.schema}"`;
    await c.query(`INSERT INTO ${s}.source_lease (source_id) VALUES ($1) ON CONFLICT DO NOTHING`, [id]);
    const k = await c.query<{ lock_key: number }>(`SELECT lock_key FROM ${s}.source_lease WHERE source_id = $1`, [id]);
    const key = k.rows[0]?.lock_key;
    if (key === undefined) return;
    const got = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1::text), $2) AS ok`, [`earshot:${this.opts.db.schema}`, key]);
    if (!got.rows[0]?.ok) return;
    const e = await c.query<{ epoch: string }>(
      `UPDATE ${s}.source_lease SET epoch = epoch + 1, holder = $2, acquired_at = now() WHERE source_id = $1 RETURNING epoch`,
      [id, this.opts.seat],
    );
    const epoch = Number(e.rows[0]?.epoch ?? 0);
    this.held.set(id, { key, epoch });
    this.log.info('took the lease: this seat polls the source now', { sourceId: id, epoch });
    try {
      await this.opts.onAcquired?.(id, epoch);
    } catch (err) {
      this.log.warn('starting the source after taking its lease failed', { sourceId: id, why: (err as Error).message });
    }
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const c = await connectClient(this.opts.db);
    // Let the server notice a vanished seat within ~25 s and end its session (freeing its locks).
    await c.query(`SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`);
    const lost = (): void => {
      if (this.client !== c) return;
      this.client = undefined;
      this.dropAll();
    };
    c.on('error', lost);
    c.on('end', lost);
    this.client = c;
    return c;
  }

  private lose(id: string): void {
    if (!this.held.delete(id)) return;
    try {
      this.opts.onLost?.(id);
    } catch (err) {
      this.log.warn('stopping the source after losing its lease failed', { sourceId: id, why: (err as Error).message });
    }
  }

  private dropAll(): void {
    for (const id of [...this.held.keys()]) this.lose(id);
  }
}
