/**
 * Reply attempts in the team database (the ReplyAttemptStore contract of sources/x/x-attempts.ts):
 * an attempt is recorded `sending` BEFORE its POST leaves, so no reply is posted twice from any
 * seat, and the single-seat reconciliation (an attempt left `sending`/`unknown` is checked on X
 * before any new POST) works for a seat that died mid-send.
 *
 * Across seats, going to `sending` is guarded twice:
 * - a session advisory lock on this store's own connection is held from `sending` until the
 *   attempt leaves that state: while one seat's POST may be in flight, no other seat can start one
 *   for the same attempt; when that seat dies its session ends and the lock with it;
 * - the row must still be what this store last read with `get` (compare-and-set on its version), so
 *   a seat acting on a stale read (the attempt was `sent` meanwhile) is refused.
 * A refused put throws: the replier then sends nothing and says why.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { ReplyAttempt, ReplyAttemptStore } from '../sources/x/x-attempts';
import { connectClient, type TeamDb } from './pg-connect';

const RecordSchema = z.object({ attemptId: z.string().min(1), state: z.string(), updatedAt: z.string() }).passthrough();

export class PgAttemptStore implements ReplyAttemptStore {
  /** What `get` last returned per attempt: the version a move to `sending` must still find. */
  private readonly seen = new Map<string, number | null>();
  private readonly locked = new Set<string>();
  private lockClient: pg.Client | undefined;

  constructor(
    private readonly db: TeamDb,
    private readonly pool: pg.Pool,
    private readonly seat: string,
  ) {}

  async get(attemptId: string): Promise<ReplyAttempt | undefined> {
    const r = await this.pool.query<{ record: unknown; version: string }>(`SELECT record, version FROM "${this.db.schema}".reply_attempt WHERE attempt_id = $1`, [attemptId]);
    const row = r.rows[0];
    this.seen.set(attemptId, row ? Number(row.version) : null);
    if (!row) return undefined;
    const rec = RecordSchema.safeParse(row.record);
    return rec.success ? (rec.data as unknown as ReplyAttempt) : undefined;
  }

  async put(attempt: ReplyAttempt): Promise<void> {
    const s = `"${this.db.schema}"`;
    const id = attempt.attemptId;
    if (attempt.state === 'sending') {
      if (!this.locked.has(id)) {
        const c = await this.lockConnection();
        const got = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1::text), hashtext($2::text)) AS ok`, [`earshot-reply:${this.db.schema}`, id]);
        if (!got.rows[0]?.ok) throw new Error('another seat is sending this same reply right now');
        this.locked.add(id);
      }
      const expected = this.seen.get(id);
      const r =
        expected === undefined || expected === null
          ? await this.pool.query(
              `INSERT INTO ${s}.reply_attempt (attempt_id, state, record, seat, updated_at) VALUES ($1, $2, $3::jsonb, $4, now())
               ON CONFLICT (attempt_id) DO NOTHING RETURNING version`,
              [id, attempt.state, JSON.stringify(attempt), this.seat],
            )
          : await this.pool.query(
              `UPDATE ${s}.reply_attempt SET state = $2, record = $3::jsonb, seat = $4, version = version + 1, updated_at = now()
               WHERE attempt_id = $1 AND version = $5 RETURNING version`,
              [id, attempt.state, JSON.stringify(attempt), this.seat, expected],
            );
      if (r.rowCount === 0) {
        await this.unlock(id);
        throw new Error('this reply was changed by another seat meanwhile; send again to see where it stands');
      }
      this.seen.set(id, Number((r.rows[0] as { version: string }).version));
      return;
    }
    const r = await this.pool.query<{ version: string }>(
      `INSERT INTO ${s}.reply_attempt AS a (attempt_id, state, record, seat, updated_at) VALUES ($1, $2, $3::jsonb, $4, now())
       ON CONFLICT (attempt_id) DO UPDATE SET state = EXCLUDED.state, record = EXCLUDED.record, seat = EXCLUDED.seat, version = a.version + 1, updated_at = now()
       RETURNING version`,
      [id, attempt.state, JSON.stringify(attempt), this.seat],
    );
    this.seen.set(id, r.rows[0] ? Number(r.rows[0].version) : null);
    await this.unlock(id);
  }

  async close(): Promise<void> {
    const c = this.lockClient;
    this.lockClient = undefined;
    this.locked.clear();
    await c?.end().catch(() => undefined);
  }

  private async unlock(id: string): Promise<void> {
    if (!this.locked.delete(id)) return;
    await this.lockClient?.query(`SELECT pg_advisory_unlock(hashtext($1::text), hashtext($2::text))`, [`earshot-reply:${this.db.schema}`, id]).catch(() => undefined);
  }

  private async lockConnection(): Promise<pg.Client> {
    if (this.lockClient) return this.lockClient;
    const c = await connectClient(this.db);
    const lost = (): void => {
      if (this.lockClient !== c) return;
      this.lockClient = undefined;
      this.locked.clear();
    };
    c.on('error', lost);
    c.on('end', lost);
    this.lockClient = c;
    return c;
  }
}
