/**
 * The event log a report command reads: `--input FILE` ("-" for standard input) or `--team URL` (the
 * team database's log, read only). Bad lines are listed with their number and the field at fault.
 */
import { readFileSync } from 'node:fs';
import { parseEventLog, type LogEvent } from '../shared/events';
import { readTeamEventLog } from '../team/read-team-log';
import { TeamDatabaseError } from '../team/pg-connect';
import { CliExit } from './policy-file';

/** Bad lines listed on stderr before "and N more": enough to see a pattern, not a flood. */
const MAX_LINE_ERRORS = 20;

/** URL "env" means EARSHOT_DATABASE_URL. Exit 2 for a URL that is wrong as written, 1 otherwise. */
async function readTeamInput(value: string): Promise<string> {
  const url = value === 'env' ? process.env.EARSHOT_DATABASE_URL : value;
  if (!url) throw new CliExit(2, '--team env: EARSHOT_DATABASE_URL is not set');
  try {
    return (await readTeamEventLog(url)).join('\n');
  } catch (e) {
    if (e instanceof TeamDatabaseError) throw new CliExit(e.kind === 'config' && /URL|sslmode|schema name/.test(e.message) ? 2 : 1, e.message);
    throw e;
  }
}

/** Exactly one of --input and --team (the usage line ends each message). */
export function checkLogSource(from: { input?: string; team?: string }, usage: string): void {
  if (from.input && from.team) throw new CliExit(2, `give --input FILE or --team URL, not both\n${usage}`);
  if (!from.input && !from.team) throw new CliExit(2, `--input FILE is required (or --team URL)\n${usage}`);
}

export async function readLogInput(from: { input?: string; team?: string }): Promise<LogEvent[]> {
  let text: string;
  if (from.team) {
    text = await readTeamInput(from.team);
  } else {
    try {
      text = readFileSync(from.input === '-' ? 0 : (from.input as string), 'utf8');
    } catch (e) {
      throw new CliExit(1, `cannot read the input ${from.input}: ${(e as Error).message}`);
    }
  }
  const { events, errors } = parseEventLog(text);
  if (errors.length > 0) {
    const source = from.team ? 'the team log' : from.input;
    const shown = errors.slice(0, MAX_LINE_ERRORS).map((e) => `${source} ${from.team ? 'entry' : 'line'} ${e.line}: ${e.message}`);
    if (errors.length > MAX_LINE_ERRORS) shown.push(`... and ${errors.length - MAX_LINE_ERRORS} more bad lines`);
    throw new CliExit(1, `the event log has ${errors.length} bad line${errors.length === 1 ? '' : 's'}:\n${shown.join('\n')}`);
  }
  return events;
}
