/**
 * Poll cursors in the team database, with the methods of core/cursors.ts's CursorStore, so the
 * seat that takes a source over continues from the last since_id and feed validators (ETag,
 * Last-Modified) and no read is paid twice. `get` and `connectedAt` stay synchronous (the poller
 * calls them between awaits): the store keeps the rows in memory, loaded at open and re-read for a
 * source when this seat takes its lease (`refresh`).
 *
 * Given `epochOf` (team mode), a write carries the epoch of this seat's lease on the source
 * (leases.ts) and is dropped unless that is still the source's current epoch, so a seat that lost
 * its lease cannot move a cursor back.
 */
import type pg from 'pg';
import type { CursorStore } from '../core/cursors';
import { createLogger, type Logger } from '../core/log';

/** What the poller uses of a cursor store; both the file store and this one provide it. */
export type CursorStoreLike = Pick<CursorStore, 'get' | 'connectedAt' | 'set' | 'remove' | 'flush'>;

interface Row {
  cursor?: unknown;
  connectedAt: string;
}

export class PgCursorStore implements CursorStoreLike {
  private readonly rows = new Map<string, Row>();
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly epochOf: (sourceId: string) => number | undefined,
    /** Writes need this seat's lease on the source (team mode); off for tools that write alone. */
    private readonly fenced: boolean,
    private readonly log: Logger,
  ) {}

  static async open(pool: pg.Pool, schema: string, opts: { epochOf?: (sourceId: string) => number | undefined; log?: Logger } = {}): Promise<PgCursorStore> {
    const store = new PgCursorStore(pool, schema, opts.epochOf ?? (() => undefined), opts.epochOf !== undefined, opts.log ?? createLogger('pg-cursors'));
    const r = await pool.query<{ source_id: string; cursor: unknown; connected_at: Date }>(`SELECT source_id, cursor, connected_at FROM "${schema}".cursor`);
    for (const row of r.rows) store.rows.set(row.source_id, { cursor: row.cursor ?? undefined, connectedAt: row.connected_at.toISOString() });
    return store;
  }

  /** Re-reads one source's cursor (call when this seat takes the source's lease). */
  async refresh(sourceId: string): Promise<void> {
    const r = await this.pool.query<{ cursor: unknown; connected_at: Date }>(`SELECT cursor, connected_at FROM "${this.schema}".cursor WHERE source_id = $1`, [sourceId]);
    const row = r.rows[0];
    if (row) this.rows.set(sourceId, { cursor: row.cursor ?? undefined, connectedAt: row.connected_at.toISOString() });
    else this.rows.delete(sourceId);
  }

  get(sourceId: string): unknown {
    return this.rows.get(sourceId)?.cursor;
  }

  connectedAt(sourceId: string, now: Date): Date {
    const existing = this.rows.get(sourceId);
    if (existing) return new Date(existing.connectedAt);
    this.rows.set(sourceId, { connectedAt: now.toISOString() });
    // The first seat to connect a source sets the team's time; a later one keeps the earlier.
    this.track(
      this.pool
        .query(`INSERT INTO "${this.schema}".cursor (source_id, connected_at) VALUES ($1, $2) ON CONFLICT (source_id) DO NOTHING`, [sourceId, now])
        .catch((e: unknown) => this.log.warn('could not record when the source was connected', { sourceId, why: (e as Error).message })),
    );
    return now;
  }

  async set(sourceId: string, cursor: unknown, now: Date = new Date()): Promise<void> {
    const row = this.rows.get(sourceId) ?? { connectedAt: now.toISOString() };
    this.rows.set(sourceId, { ...row, cursor });
    const epoch = this.epochOf(sourceId);
    if (this.fenced && epoch === undefined) {
      this.log.warn('cursor not moved: this seat does not hold the source', { sourceId });
      return;
    }
    const s = `"${this.schema}"`;
    // Fenced: the write must carry the source's current lease epoch (a seat that lost the lease
    // has an older one), checked in the same statement that writes.
    const write = this.pool.query(
      `INSERT INTO ${s}.cursor AS c (source_id, cursor, connected_at, epoch, updated_at)
       SELECT $1, $2::jsonb, $3, $4, now()
       WHERE NOT $5::boolean OR $4 >= COALESCE((SELECT epoch FROM ${s}.source_lease WHERE source_id = $1), 0)
       ON CONFLICT (source_id) DO UPDATE SET cursor = EXCLUDED.cursor, epoch = GREATEST(c.epoch, EXCLUDED.epoch), updated_at = now()`,
      [sourceId, JSON.stringify(cursor ?? null), row.connectedAt, epoch ?? 0, this.fenced],
    );
    this.track(write);
    const r = await write;
    if (r.rowCount === 0) this.log.warn('cursor not moved: another seat holds this source now', { sourceId, epoch });
  }

  async remove(sourceId: string): Promise<void> {
    this.rows.delete(sourceId);
    const p = this.pool.query(`DELETE FROM "${this.schema}".cursor WHERE source_id = $1`, [sourceId]);
    this.track(p);
    await p;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    void p.then(
      () => this.pending.delete(p),
      () => this.pending.delete(p),
    );
  }
}
