/**
 * The one wiring point of team mode: `startTeam(...)` connects to the team database, creates or
 * migrates Earshot's tables, and starts every team service; `team.stop()` stops them in reverse
 * order. What the core does with each part:
 *
 * - `log`: the LogStore (PostgreSQL) the core reads, tails and delivers from, instead of the journal.
 * - `uplink.submit(entries)`: how this seat appends its own entries (actions, mentions heard); works
 *   offline (local journal). `status()` / `onStatus(cb)`: the `team-status` hook's data.
 * - `leases`: check `leases.holds(sourceId)` before polling; `onAcquired` / `onLost` (given here)
 *   start and stop the source. `cursors` replaces core/cursors.ts's CursorStore;
 *   `usageStore(id)` replaces the JSON usage file of an X source; `attempts` the reply-attempt file.
 * - `presence.set(mentionId, 'viewing' | 'drafting')`, `presence.onChange(cb)`; `agents()` the roster.
 *
 * Credentials never go into the database: nothing here takes any.
 */
import type pg from 'pg';
import { PgLogStore } from '../log/pg-log';
import { createPool, parseDatabaseUrl, type TeamDb } from './pg-connect';
import { LeaseManager, type LeaseEvents } from './leases';
import { PgCursorStore } from './pg-cursors';
import { createPgUsageStore } from './pg-usage';
import { PgAttemptStore } from './pg-attempts';
import { PresenceService, describeAgent, listAgents, upsertAgent } from './presence';
import { Uplink } from './uplink';
import type { Agent, TeamStatus } from '../shared/team';
import type { UsageStore } from '../sources/x/x-usage';
import { createLogger, type Logger } from '../core/log';

export interface TeamOptions {
  databaseUrl: string;
  /** This seat's agent id (config `team.agent` / `--agent`). */
  agent: string;
  agentName?: string;
  agentRole?: Agent['role'];
  /** The data folder: the offline journal lives there. */
  dataDir: string;
  /** The ids of this seat's sources (it competes for their leases). */
  sourceIds: readonly string[];
  schema?: string;
  /** Distinguishes two seats of one agent (two machines); default agent@pid-random. */
  seat?: string;
  leaseRetryMs?: number;
  presenceHeartbeatMs?: number;
  log?: Logger;
}

export interface Team {
  db: TeamDb;
  seat: string;
  log: PgLogStore;
  uplink: Uplink;
  leases: LeaseManager;
  cursors: PgCursorStore;
  attempts: PgAttemptStore;
  presence: PresenceService;
  usageStore(sourceId: string): UsageStore;
  agents(): Promise<Agent[]>;
  setAgent(agent: Agent): Promise<void>;
  status(): TeamStatus;
  onStatus(cb: (s: TeamStatus) => void): () => void;
  stop(): Promise<void>;
}

/** Starts team mode; throws a TeamDatabaseError with a clear message when it cannot (the seat then runs solo). */
export async function startTeam(opts: TeamOptions, events: LeaseEvents = {}): Promise<Team> {
  const logger = opts.log ?? createLogger('team');
  const db = parseDatabaseUrl(opts.databaseUrl, opts.schema);
  const seat = opts.seat ?? `${opts.agent}@${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const log = await PgLogStore.open({ databaseUrl: opts.databaseUrl, schema: opts.schema, seat, log: logger.child('log') });
  const pool: pg.Pool = createPool(db, 4);
  const started: Array<() => Promise<void>> = [() => log.close(), () => pool.end()];
  let stopping: Promise<void> | undefined;
  // Stops in reverse start order, once (a second call waits for the first).
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const stop of [...started].reverse()) await stop().catch(() => undefined);
    })());
  try {
    const uplink = new Uplink({ log, dataDir: opts.dataDir, logger: logger.child('uplink') });
    await uplink.start();
    started.push(() => uplink.stop());
    log.onConnection((up) => uplink.connection(up));

    // The cursor store fences writes with the lease epoch; the lease manager refreshes cursors on takeover.
    const ref: { leases?: LeaseManager } = {};
    const cursors = await PgCursorStore.open(pool, db.schema, { epochOf: (id) => ref.leases?.epochOf(id), log: logger.child('cursors') });
    started.push(() => cursors.flush());
    const leaseManager = new LeaseManager({
      db,
      seat,
      sourceIds: opts.sourceIds,
      retryMs: opts.leaseRetryMs,
      log: logger.child('leases'),
      async onAcquired(id, epoch) {
        // Continue exactly where the previous holder stopped.
        await cursors.refresh(id);
        await events.onAcquired?.(id, epoch);
      },
      onLost: (id) => events.onLost?.(id),
    });
    ref.leases = leaseManager;
    await leaseManager.start();
    started.push(() => leaseManager.stop());

    const attempts = new PgAttemptStore(db, pool, seat);
    started.push(() => attempts.close());

    const presence = new PresenceService({
      db,
      pool,
      seat,
      agent: { id: opts.agent, name: opts.agentName ?? opts.agent, role: opts.agentRole ?? 'agent' },
      heartbeatMs: opts.presenceHeartbeatMs,
      log: logger.child('presence'),
    });
    await presence.start();
    started.push(() => presence.stop());
    await describeAgent(pool, db.schema, opts.agent, { name: opts.agentName, role: opts.agentRole });

    return {
      db,
      seat,
      log,
      uplink,
      leases: leaseManager,
      cursors,
      attempts,
      presence,
      usageStore: (id) => createPgUsageStore(pool, db.schema, id),
      agents: () => listAgents(pool, db.schema),
      setAgent: (a) => upsertAgent(pool, db.schema, a),
      status: () => uplink.get(),
      onStatus: (cb) => uplink.onStatus(cb),
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
