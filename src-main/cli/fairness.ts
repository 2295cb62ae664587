/**
 * `npm run --silent fairness -- (--input FILE | --team URL) [--policy FILE] [--now ISO] [--by GROUP]`:
 * reads an exported event log (JSON lines), or the team database's log, and prints the SLA and
 * fairness report as JSON on stdout. The same computeFairness the app's report screen uses, so a
 * team lead can check the app's figures.
 *
 * --input FILE   the event log; "-" reads standard input.
 * --team URL     the team database (postgres://...; EARSHOT_DATABASE_URL when URL is "env"): every
 *                seat's work, read in log order, nothing written.
 * --policy FILE  an SLA policy (INTERFACES.md), or an array of policy versions
 *                [{ "from": ISO, "policy": {...} }, ...] where each applies to mentions whose clock
 *                starts at or after its `from` (earlier mentions get the default policy).
 *                Without it, the default policy: 60 minutes, around the clock.
 * --now ISO      the moment the report is "as of" (default: the current time). Events after it are
 *                ignored, so a report on an old export can be reproduced exactly.
 * --by GROUP     compare groups instead of reach tiers: tier (default), channel, lang, sentiment,
 *                topic, source, plan or standing (the last two from the mention line's `customer`).
 *                The report then also has "by" and "groups", and the ratio, interval, warning and
 *                sentence are over those groups (INTERFACES.md "Fairness report").
 *
 * Exit status: 0 done; 1 the input could not be read or has a bad line (stderr names the line and
 * the field); 2 bad arguments or a bad policy file (stderr says what is wrong, where).
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { DEFAULT_POLICY } from '../shared/sla/policy';
import { computeFairness } from '../shared/sla/fairness';
import { GROUP_BYS, isGroupBy, type GroupBy } from '../shared/sla/groups';
import { checkLogSource, readLogInput } from './log-input';
import { CliExit, readPolicyFile, runCli } from './policy-file';

const USAGE = `usage: npm run --silent fairness -- (--input FILE | --team URL) [--policy FILE] [--now ISO] [--by ${GROUP_BYS.join('|')}]`;

function parseNow(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const dt = DateTime.fromISO(raw, { zone: 'utc' });
  if (!dt.isValid) throw new CliExit(2, `--now must be an ISO 8601 date-time such as 2026-11-20T18:00:00Z, got "${raw}"`);
  return dt.toJSDate();
}

async function run(argv: string[]): Promise<string> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, team: { type: 'string' }, policy: { type: 'string' }, now: { type: 'string' }, by: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new CliExit(2, `${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) return `${USAGE}\n`;
  checkLogSource(values, USAGE);
  const now = parseNow(values.now);
  if (values.by !== undefined && !isGroupBy(values.by)) throw new CliExit(2, `--by must be one of ${GROUP_BYS.join(', ')}; got "${values.by}"`);
  const by = values.by as GroupBy | undefined;
  const { policy, changes } = values.policy ? readPolicyFile(values.policy) : { policy: DEFAULT_POLICY, changes: [] };

  const events = await readLogInput(values);
  const report = computeFairness(events, { policy, changes, now, by });
  return `${JSON.stringify(report, null, 2)}\n`;
}

await runCli('fairness', run);
