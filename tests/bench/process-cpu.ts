/**
 * CPU time of the processes a benchmark started (Chromium's and Earshot's core), read from Linux's
 * /proc: what each side of a comparison cost the machine, not only how long it took. On this 2-core
 * machine the delivery bench's raw put keeps both cores busy by itself (IndexedDB's backend in the
 * browser process, the puts' serialization in the page), so every second of CPU Earshot spends beside
 * its puts is a second the backend does not get. Elsewhere than Linux: undefined.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** Seconds of CPU (user + system) per kind of process. */
export type CpuByKind = Record<string, number>;

/** /proc's clock ticks per second (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Proc {
  ppid: number;
  seconds: number;
  kind: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { ppid: Number(f[1]), seconds: (Number(f[11]) + Number(f[12])) / TICKS, kind: kindOf(cmd) };
  } catch {
    return undefined; // ended meanwhile
  }
}

/** The kind of process a command line is: Chromium's browser, renderer, gpu, other type or crash handler; Earshot's core; other. */
export function kindOf(cmd: string): string {
  const type = /--type=([\w-]+)/.exec(cmd)?.[1];
  // The crash handler has no --type: without this it would count as the browser process.
  if (/crashpad_handler/.test(cmd)) return 'crashpad';
  if (/chrom/i.test(cmd)) return type ? (type === 'renderer' ? 'renderer' : type === 'gpu-process' ? 'gpu' : type) : 'browser';
  if (/web\/cli\.ts/.test(cmd)) return 'core';
  return 'other';
}

/** CPU seconds so far of every process descended from this one, by kind (the page's renderer, the browser, the core). */
export function cpuOfChildren(root = process.pid): CpuByKind | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const procs = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readProc(Number(d));
    if (p) procs.set(Number(d), p);
  }
  const descends = (pid: number): boolean => {
    for (let p = procs.get(pid), hops = 0; p && hops < 64; p = procs.get(p.ppid), hops++) if (p.ppid === root) return true;
    return false;
  };
  const out: CpuByKind = {};
  for (const [pid, p] of procs) if (descends(pid)) out[p.kind] = (out[p.kind] ?? 0) + p.seconds;
  return out;
}

/** What was spent between two readings, rounded to 10 ms, and the cores busy on average over `wallMs`. */
export function cpuSpent(before: CpuByKind | undefined, after: CpuByKind | undefined, wallMs: number): { seconds: CpuByKind; cores: number } | undefined {
  if (!before || !after) return undefined;
  const seconds: CpuByKind = {};
  let total = 0;
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d <= 0) continue;
    seconds[k] = Math.round(d * 100) / 100;
    total += d;
  }
  return { seconds, cores: Math.round((total / (wallMs / 1000)) * 100) / 100 };
}

/**
 * Earshot's CPU seconds with its page's (`renderer`: the page and its workers) replaced by the raw
 * put's page's, every other process as measured (delivery.bench.ts pageOnlyPutsBound).
 */
export function pageOnlyPuts(earshot: { seconds: CpuByKind }, raw: { seconds: CpuByKind }): number {
  const total = (c: CpuByKind): number => Object.values(c).reduce((a, b) => a + b, 0);
  return total(earshot.seconds) - (earshot.seconds.renderer ?? 0) + (raw.seconds.renderer ?? 0);
}
