/**
 * What the machine was like when a benchmark ran, recorded beside its figures: how long touching
 * memory the process never used before takes, and the load. On this virtual machine the first
 * figure is not a constant. At stop 47 the same probe read 3-4.4 ms a MB; at stop 48, on a machine
 * up for 16 minutes, 0.5-0.6. A new session's fairness open reads some 40 MB of stored columns into
 * new memory, and the very same code measured 1,238 ms (median) after new events then and 432 ms
 * now. Figures from two runs compare only when this does too.
 */
import { loadavg, cpus } from 'node:os';

export interface Machine {
  /** Median of a few runs: ms to write one value per 4 KB page of a new 64 MB array, per MB. */
  freshMemoryMsPerMb: number;
  /** The 1-minute load average as the benchmark starts, and the machine's cores. */
  load1m: number;
  cpus: number;
}

const MB = 1024 * 1024;
const PROBE_MB = 64;
const RUNS = 5;

/** Ms per MB to touch every page of a new array of PROBE_MB (the array is dropped after each run). */
function freshTouchMsPerMb(): number {
  const t = performance.now();
  const a = new Float64Array((PROBE_MB * MB) / 8);
  // One write per 4 KB page: the cost is the page's first touch, not the writes.
  for (let i = 0; i < a.length; i += 512) a[i] = i;
  const ms = performance.now() - t;
  if (a[512] !== 512) throw new Error('the memory probe wrote nothing');
  return ms / PROBE_MB;
}

export function machineNow(): Machine {
  const load1m = loadavg()[0]!;
  const runs = Array.from({ length: RUNS }, freshTouchMsPerMb).sort((x, y) => x - y);
  return { freshMemoryMsPerMb: Math.round(runs[Math.floor(RUNS / 2)]! * 100) / 100, load1m: Math.round(load1m * 100) / 100, cpus: cpus().length };
}
