/** Runs one of Earshot's commands (src-main/cli/NAME.ts) the way `npm run --silent NAME` does, for tests. */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Resolves once the process has ended and its output is all read ('close', not 'exit'). */
export function runCli(command: 'fairness' | 'voc' | 'poll' | 'enrich', args: readonly string[]): Promise<CliResult> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli', `${command}.ts`), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}
