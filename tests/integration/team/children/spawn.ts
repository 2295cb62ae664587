/** Starts children/seat-child.ts and collects its stdout lines. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface Child {
  proc: ChildProcess;
  lines: string[];
  waitFor(pred: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  kill(): Promise<void>;
}

export function spawnSeat(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/integration/team/children/seat-child.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    proc,
    lines,
    async waitFor(pred, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!pred(lines)) {
        if (proc.exitCode !== null) throw new Error(`the child seat exited (${proc.exitCode}): ${err.slice(-2000)}`);
        if (Date.now() > until) throw new Error(`timed out waiting for the child seat; stderr: ${err.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async kill() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
