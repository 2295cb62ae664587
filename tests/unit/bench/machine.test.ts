/**
 * The machine probe recorded beside every benchmark's figures (tests/bench/machine.ts), and its row
 * in issue 11's table: shown for reference, never judged.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineNow } from '../../bench/machine';
import { buildTable, printTable } from '../../bench/table';

describe('machine probe', () => {
  it('reads a positive cost per MB of new memory, the load and the cores', () => {
    const m = machineNow();
    expect(m.freshMemoryMsPerMb).toBeGreaterThan(0);
    expect(m.freshMemoryMsPerMb).toBeLessThan(1000);
    expect(m.load1m).toBeGreaterThanOrEqual(0);
    expect(m.cpus).toBeGreaterThanOrEqual(1);
  });

  it('shows the fairness run’s machine as a row for reference, and nothing when a result has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-table-'));
    const rowOf = () => buildTable(dir).find((r) => r.from === 'fairness.machine')!;
    expect(rowOf().now).toBeNull();
    writeFileSync(join(dir, 'fairness.json'), JSON.stringify({ machine: { freshMemoryMsPerMb: 0.55, load1m: 0.3, cpus: 2 } }));
    const row = rowOf();
    expect([row.now, row.unit, row.kind, row.ratio, row.met]).toEqual([0.55, 'ms', 'report', null, null]);
    expect(printTable([row])).toMatch(/0\.55 ms \/\s+— \/ —$/);
  });
});
