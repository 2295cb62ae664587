/** `--team URL` for the report commands: the team database's log as event-log text (read only). */
import { readTeamEventLog } from '../team/read-team-log';
import { TeamDatabaseError } from '../team/pg-connect';
import { CliExit } from './policy-file';

/** URL "env" means EARSHOT_DATABASE_URL. Exit 2 for a URL that is wrong as written, 1 otherwise. */
export async function readTeamInput(value: string): Promise<string> {
  const url = value === 'env' ? process.env.EARSHOT_DATABASE_URL : value;
  if (!url) throw new CliExit(2, '--team env: EARSHOT_DATABASE_URL is not set');
  try {
    return (await readTeamEventLog(url)).join('\n');
  } catch (e) {
    if (e instanceof TeamDatabaseError) throw new CliExit(e.kind === 'config' && /URL|sslmode|schema name/.test(e.message) ? 2 : 1, e.message);
    throw e;
  }
}
