/**
 * Who else has a mention open or is drafting a reply (so two agents do not write the same answer),
 * and the roster of the team's agents (id, name, role) that assigning picks from.
 *
 * Presence is one row per seat with a heartbeat; a change is announced with NOTIFY so other seats
 * re-read at once, and a row whose heartbeat is older than `expireMs` (30 s) counts as gone, so a
 * seat that died stops showing within half a minute without anyone cleaning up after it.
 */
import type pg from 'pg';
import { AgentSchema, type Agent, type Presence } from '../shared/team';
import { connectClient, type TeamDb } from './pg-connect';
import { createLogger, type Logger } from '../core/log';

export interface PresenceOptions {
  db: TeamDb;
  pool: pg.Pool;
  seat: string;
  /** This seat's agent, registered in the roster at start. */
  agent: Agent;
  heartbeatMs?: number;
  expireMs?: number;
  log?: Logger;
}

export class PresenceService {
  private listener: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Fires when the oldest other seat's presence expires, so it vanishes on time, not a heartbeat later. */
  private expiry: NodeJS.Timeout | undefined;
  private current: { mentionId: string | null; activity: Presence['activity'] } = { mentionId: null, activity: 'viewing' };
  private others: Presence[] = [];
  private readonly listeners = new Set<(others: Presence[]) => void>();
  private stopped = false;
  private readonly heartbeatMs: number;
  private readonly expireMs: number;
  private readonly log: Logger;

  constructor(private readonly opts: PresenceOptions) {
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.expireMs = opts.expireMs ?? 30_000;
    this.log = opts.log ?? createLogger('presence');
  }

  private get s(): string {
    return `"${this.opts.db.schema}"`;
  }
  private get channel(): string {
    return `${this.opts.db.schema}_presence`;
  }

  async start(): Promise<void> {
    await registerAgent(this.opts.pool, this.opts.db.schema, this.opts.agent);
    await this.beat();
    await this.listen().catch((e: unknown) => this.log.warn('presence: cannot listen; relying on the heartbeat', { why: (e as Error).message }));
    await this.refresh();
    this.heartbeat = setInterval(() => {
      void this.beat()
        .then(() => this.refresh())
        .catch(() => undefined);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** This seat's agent has `mentionId` open (null: none), viewing or drafting a reply. */
  async set(mentionId: string | null, activity: Presence['activity'] = 'viewing'): Promise<void> {
    this.current = { mentionId, activity };
    await this.beat();
  }

  /** Other seats' presence, fresh ones only. */
  list(): Presence[] {
    const cutoff = Date.now() - this.expireMs;
    return this.others.filter((p) => Date.parse(p.heartbeatAt) >= cutoff);
  }

  onChange(cb: (others: Presence[]) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.expiry);
    await this.opts.pool.query(`DELETE FROM ${this.s}.presence WHERE seat = $1`, [this.opts.seat]).catch(() => undefined);
    await this.opts.pool.query(`SELECT pg_notify($1, $2)`, [this.channel, this.opts.seat]).catch(() => undefined);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.opts.pool.query(
      `INSERT INTO ${this.s}.presence (seat, agent, mention_id, activity, heartbeat_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (seat) DO UPDATE SET agent = EXCLUDED.agent, mention_id = EXCLUDED.mention_id, activity = EXCLUDED.activity, heartbeat_at = now()`,
      [this.opts.seat, this.opts.agent.id, this.current.mentionId, this.current.activity],
    );
    await this.opts.pool.query(`SELECT pg_notify($1, $2)`, [this.channel, this.opts.seat]);
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    // Ages are computed by the server's clock, so seats with skewed clocks agree on what expired.
    const r = await this.opts.pool.query<{ seat: string; agent: string; mention_id: string | null; activity: string; heartbeat_at: Date; age_ms: number }>(
      `SELECT seat, agent, mention_id, activity, heartbeat_at, (extract(epoch FROM now() - heartbeat_at) * 1000)::float8 AS age_ms
       FROM ${this.s}.presence WHERE seat <> $1 AND heartbeat_at > now() - make_interval(secs => $2::float8 / 1000) ORDER BY seat`,
      [this.opts.seat, this.expireMs],
    );
    this.others = r.rows.map((row) => ({
      seat: row.seat,
      agent: row.agent,
      mentionId: row.mention_id,
      activity: row.activity === 'drafting' ? 'drafting' : 'viewing',
      heartbeatAt: new Date(Date.now() - row.age_ms).toISOString(),
    }));
    this.emit();
  }

  private emit(): void {
    clearTimeout(this.expiry);
    const fresh = this.list();
    for (const cb of this.listeners) cb(fresh);
    if (this.stopped || fresh.length === 0) return;
    const next = Math.min(...fresh.map((p) => Date.parse(p.heartbeatAt))) + this.expireMs;
    this.expiry = setTimeout(() => this.emit(), Math.max(0, next - Date.now()) + 5);
    this.expiry.unref();
  }

  private async listen(): Promise<void> {
    const c = await connectClient(this.opts.db);
    c.on('notification', (n) => {
      if (n.payload !== this.opts.seat) void this.refresh().catch(() => undefined);
    });
    await c.query(`LISTEN "${this.channel}"`);
    this.listener = c;
  }
}

/** Adds an agent to the roster unless it is there (a name or role the lead set is kept). */
export async function registerAgent(pool: pg.Pool, schema: string, agent: Agent): Promise<void> {
  const a = AgentSchema.parse(agent);
  await pool.query(`INSERT INTO "${schema}".agent (id, name, role) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [a.id, a.name, a.role]);
}

/**
 * The seat's own config names it (team.name / team.role): those fields win over what the roster
 * had, fields the config leaves out keep the roster's value (the id stands in for a missing name).
 */
export async function describeAgent(pool: pg.Pool, schema: string, id: string, fields: { name?: string; role?: Agent['role'] }): Promise<void> {
  if (fields.name === undefined && fields.role === undefined) return;
  const a = AgentSchema.partial().parse({ id, ...fields });
  await pool.query(`UPDATE "${schema}".agent SET name = coalesce($2, name), role = coalesce($3, role), updated_at = now() WHERE id = $1`, [
    a.id,
    a.name ?? null,
    a.role ?? null,
  ]);
}

/** Adds or updates an agent in the team's roster. */
export async function upsertAgent(pool: pg.Pool, schema: string, agent: Agent): Promise<void> {
  const a = AgentSchema.parse(agent);
  await pool.query(
    `INSERT INTO "${schema}".agent (id, name, role) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, updated_at = now()`,
    [a.id, a.name, a.role],
  );
}

/** The team's agents, by id. */
export async function listAgents(pool: pg.Pool, schema: string): Promise<Agent[]> {
  const r = await pool.query<Agent>(`SELECT id, name, role FROM "${schema}".agent ORDER BY id`);
  return r.rows.map((row) => AgentSchema.parse(row));
}
