/**
 * Which team database a seat joins, and as whom: `--team URL` over the config file's
 * `team.databaseUrl` over EARSHOT_DATABASE_URL; `--agent ID` over `team.agent`. No URL anywhere
 * means solo. A URL without an agent, or a malformed one, is a configuration error (exit 2) that
 * says what to fix; the URL's password is never repeated in a message.
 */
import { ConfigError, TeamConfigSchema, type Config } from './config';
import { parseDatabaseUrl, TeamDatabaseError } from '../team/pg-connect';
import type { Agent } from '../shared/team';

/** What the core needs to start team mode (src-main/team/start-team.ts takes the rest from the core). */
export interface TeamChoice {
  databaseUrl: string;
  agent: string;
  agentName?: string;
  agentRole?: Agent['role'];
}

export function resolveTeam(args: { team?: string; agent?: string }, config: Config | undefined, env: NodeJS.ProcessEnv): TeamChoice | undefined {
  const url = args.team ?? config?.team?.databaseUrl ?? env.EARSHOT_DATABASE_URL;
  if (!url) {
    if (args.agent) throw new ConfigError('--agent needs a team database: add --team URL (or team.databaseUrl in the config file, or EARSHOT_DATABASE_URL)');
    return undefined;
  }
  const agent = args.agent ?? config?.team?.agent;
  if (!agent) throw new ConfigError('team mode needs this seat\'s agent id: add --agent ID (or team.agent in the config file), e.g. --agent mk');
  const checked = TeamConfigSchema.shape.agent.safeParse(agent);
  if (!checked.success) throw new ConfigError(`--agent ${JSON.stringify(agent)}: ${checked.error.issues[0]?.message ?? 'not a valid agent id'}`);
  try {
    parseDatabaseUrl(url);
  } catch (e) {
    if (e instanceof TeamDatabaseError) throw new ConfigError(e.message);
    throw e;
  }
  return { databaseUrl: url, agent, agentName: config?.team?.name, agentRole: config?.team?.role };
}

/**
 * The desktop app's choice at start: what was saved in Settings' Team section (the user's latest
 * word), else the config file's `team` block or EARSHOT_DATABASE_URL as in browser mode. A bad
 * config here cannot stop the window from opening: the seat runs solo and the message says why.
 */
export function desktopTeamChoice(
  saved: { databaseUrl: string; agent: string; name?: string; role?: Agent['role'] } | undefined,
  config: Config | undefined,
  env: NodeJS.ProcessEnv,
): { team?: TeamChoice; problem?: string } {
  if (saved) return { team: { databaseUrl: saved.databaseUrl, agent: saved.agent, agentName: saved.name, agentRole: saved.role } };
  try {
    return { team: resolveTeam({}, config, env) };
  } catch (e) {
    if (e instanceof ConfigError) return { problem: e.message };
    throw e;
  }
}
