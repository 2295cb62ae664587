/**
 * Reading `--policy FILE` for the commands that report on an event log: one SLA policy, or a list of
 * versions [{ "from": ISO, "policy": {...} }, ...] (each for mentions whose clock starts at or after
 * its `from`; earlier ones get the default policy). Problems are thrown as a CliExit with code 2.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_POLICY, PolicyVersionSchema, SlaPolicySchema, type PolicyVersion, type SlaPolicy } from '../shared/sla/policy';

export class CliExit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a report command: its output on stdout; a CliExit's message on stderr with its code. */
export async function runCli(name: string, run: (argv: string[]) => Promise<string>): Promise<void> {
  try {
    process.stdout.write(await run(process.argv.slice(2)));
  } catch (e) {
    if (e instanceof CliExit) {
      process.stderr.write(`earshot ${name}: ${e.message}\n`);
      process.exitCode = e.code;
    } else {
      process.stderr.write(`earshot ${name}: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}

export function zodProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`).join('; ');
}

export function readPolicyFile(file: string): { policy: SlaPolicy; changes: PolicyVersion[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliExit(2, `cannot read the policy file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliExit(2, `the policy file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(json)) {
    const r = z.array(PolicyVersionSchema).safeParse(json);
    if (!r.success) throw new CliExit(2, `the policy file ${file} is not a valid list of policy versions: ${zodProblems(r.error)}`);
    return { policy: DEFAULT_POLICY, changes: r.data };
  }
  const r = SlaPolicySchema.safeParse(json);
  if (!r.success) throw new CliExit(2, `the policy file ${file} is not a valid SLA policy: ${zodProblems(r.error)}`);
  return { policy: r.data, changes: [] };
}
