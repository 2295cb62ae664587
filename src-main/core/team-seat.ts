/**
 * How a core joins its team: starts the team services (src-main/team/start-team.ts) or, when that
 * fails (wrong URL or password, a database of a newer schema, unreachable), keeps the seat solo and
 * says why. A seat that cannot join must still work: its mentions and actions go to the journal.
 */
import type { TeamChoice } from '../config/team-config';
import { startTeam, type Team } from '../team/start-team';
import type { LeaseEvents } from '../team/leases';
import type { TeamStatus } from '../shared/team';
import { redact, type Logger } from './log';

export interface TeamSeatOptions {
  choice: TeamChoice;
  dataDir: string;
  sourceIds: readonly string[];
  log: Logger;
  /** How often a seat without a lease tries again (tests shorten it). */
  leaseRetryMs?: number;
}

export type TeamSeat = { team: Team; status: TeamStatus } | { team: undefined; status: TeamStatus };

export async function joinTeam(opts: TeamSeatOptions, events: LeaseEvents): Promise<TeamSeat> {
  try {
    const team = await startTeam(
      {
        databaseUrl: opts.choice.databaseUrl,
        agent: opts.choice.agent,
        agentName: opts.choice.agentName,
        agentRole: opts.choice.agentRole,
        dataDir: opts.dataDir,
        sourceIds: opts.sourceIds,
        leaseRetryMs: opts.leaseRetryMs,
        log: opts.log,
      },
      events,
    );
    opts.log.info(`team mode: connected as ${opts.choice.agent}`);
    return { team, status: team.status() };
  } catch (e) {
    // The message names what to fix; the URL's password never appears in it (pg-connect.ts).
    const why = redact(e instanceof Error ? e.message : String(e));
    const message = `Could not join the team database, running solo: ${why}`;
    opts.log.error(message);
    return { team: undefined, status: { state: 'solo', waiting: 0, message } };
  }
}
