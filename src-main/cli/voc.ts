/**
 * `npm run --silent voc -- (--input FILE | --team URL) [--from ISO] [--to ISO] [--policy FILE]`: the
 * voice-of-the-customer report (INTERFACES.md) of an exported event log, as JSON on stdout. The same
 * computeVoc the app's Voice of the customer screen uses, so the two give the same figures.
 *
 * --input FILE   the event log; "-" reads standard input.
 * --from ISO     the period's start (default: 28 days before --to).
 * --to ISO       the period's end, exclusive (default: now). The report is as of this instant:
 *                events after it have not happened yet, so a past period can be reproduced exactly.
 * --policy FILE  the SLA policy (or its versions) for response times and breaches, as `fairness` reads it.
 * --team URL     the team database's log (postgres://...; EARSHOT_DATABASE_URL when URL is "env"),
 *                read only: every seat's work, as `fairness --team` reads it.
 *
 * Exit status: 0 done; 1 the input could not be read or has a bad line (stderr names the line and
 * the field); 2 bad arguments or a bad policy file.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { DEFAULT_POLICY } from '../shared/sla/policy';
import { vocFromLog } from '../shared/voc/from-log';
import { CliExit, readPolicyFile, runCli } from './policy-file';
import { checkLogSource, readLogInput } from './log-input';

const USAGE = 'usage: npm run --silent voc -- (--input FILE | --team URL) [--from ISO] [--to ISO] [--policy FILE]';
const DEFAULT_DAYS = 28;

function parseInstant(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const dt = DateTime.fromISO(raw, { zone: 'utc' });
  if (!dt.isValid) throw new CliExit(2, `${flag} must be an ISO 8601 date or date-time such as 2026-11-16 or 2026-11-20T18:00:00Z, got "${raw}"`);
  return dt.toMillis();
}

async function run(argv: string[]): Promise<string> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        team: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        policy: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new CliExit(2, `${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) return `${USAGE}\n`;
  checkLogSource(values, USAGE);
  const toMs = parseInstant('--to', values.to) ?? Date.now();
  const fromMs = parseInstant('--from', values.from) ?? toMs - DEFAULT_DAYS * 86_400_000;
  if (!(fromMs < toMs)) throw new CliExit(2, `--from (${new Date(fromMs).toISOString()}) must be before --to (${new Date(toMs).toISOString()})`);
  const { policy, changes } = values.policy ? readPolicyFile(values.policy) : { policy: DEFAULT_POLICY, changes: [] };

  const events = await readLogInput(values);
  const { report } = vocFromLog(events, { fromMs, toMs, policy, changes });
  return `${JSON.stringify(report, null, 2)}\n`;
}

await runCli('voc', run);
