/**
 * Issue 11's table (tests/bench/table.ts): whether a row meets its target comes from the figures,
 * not from the ratio as printed (rounded to two places, 1,003 ms against 1,000 reads 1.0).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTable, printTable } from '../../bench/table';
import { STATS } from '../../bench/inbox-page';

function tableWith(openThenAllTimeMs: number, frameMsP95: number) {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-table-'));
  writeFileSync(join(dir, 'fairness.json'), JSON.stringify({ chromium: { afterNewEvents: { medianOpenThenAllTimeMs: openThenAllTimeMs } } }));
  writeFileSync(join(dir, 'inbox.json'), JSON.stringify({ scrollAllMentions: { frameMsP95InDisplayFrames: frameMsP95 } }));
  const rows = buildTable(dir);
  const after = rows.find((r) => r.from === 'fairness.chromium.afterNewEvents')!;
  const scroll = rows.find((r) => r.from === 'inbox.scrollAllMentions')!;
  return { after, scroll, printed: printTable([after, scroll]) };
}

describe('issue 11 table', () => {
  it('says over for a figure just past its limit, though its rounded ratio reads 1', () => {
    const { after, printed } = tableWith(1003, 16.7);
    expect(after.ratio).toBe(1);
    expect(after.met).toBe(false);
    expect(printed.split('\n')[0]).toMatch(/1 over$/);
  });

  it('says ok at the limit itself and under it', () => {
    const { after, scroll, printed } = tableWith(1000, 16.7);
    expect([after.met, scroll.met]).toEqual([true, true]);
    expect(printed.split('\n').every((l) => l.endsWith(' ok'))).toBe(true);
    expect(tableWith(999, 16.8).scroll.met).toBe(false);
  });
});

describe('issue 11 table: the CPU rows of the delivery bench', () => {
  it('reads the raw put’s cores and the CPU-bound ratio, the latter shown against 0.9 and never judged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-table-'));
    const raw = { earshotOverRaw: 0.64, rawAllIndexesCpu: { seconds: { browser: 9.45, renderer: 2.67 }, cores: 1.84 }, cpuBoundRatio: 0.66, pageOnlyPutsBound: 0.84 };
    writeFileSync(join(dir, 'delivery.json'), JSON.stringify({ backlog20000: { raw } }));
    const rows = buildTable(dir);
    const cores = rows.find((r) => r.from === 'delivery.backlog20000.raw.rawAllIndexesCpu')!;
    const bound = rows.find((r) => r.from === 'delivery.backlog20000.raw.cpuBoundRatio')!;
    expect([cores.now, cores.unit, cores.met]).toEqual([1.84, 'cores', null]);
    expect([bound.now, bound.limit, bound.kind, bound.ratio, bound.met]).toEqual([0.66, 0.9, 'report', null, null]);
    expect(printTable([bound])).toMatch(/0\.66 x \/\s+\(0\.9\) \/ —$/);
    expect(rows.find((r) => r.from === 'delivery.backlog20000.raw')!.met).toBe(false);
    const bound2 = rows.find((r) => r.from === 'delivery.backlog20000.raw.pageOnlyPutsBound')!;
    expect([bound2.now, bound2.limit, bound2.kind, bound2.met]).toEqual([0.84, 0.9, 'report', null]);
  });
});

describe('inbox bench: frames counted in whole display frames', () => {
  const { pct, inDisplayFrames } = new Function(`${STATS}; return { pct, inDisplayFrames };`)() as {
    pct: (xs: number[], p: number) => number;
    inDisplayFrames: (xs: number[]) => number[];
  };

  it('reads frames on time as the display period, whatever tenth their timestamps are off by', () => {
    const onTime = Array.from({ length: 100 }, (_, i) => [16.5, 16.6, 16.7, 16.8][i % 4]!);
    expect(pct(onTime, 0.95)).toBe(16.8);
    expect(pct(inDisplayFrames(onTime), 0.95)).toBeCloseTo(16.7, 1);
  });

  it('still reads a missed frame as two periods, and a p95 over them as such', () => {
    const frames = [...Array.from({ length: 90 }, () => 16.7), ...Array.from({ length: 10 }, () => 33.4)];
    expect(pct(inDisplayFrames(frames), 0.95)).toBeCloseTo(33.4, 1);
    expect(inDisplayFrames([16.7, 16.7, 16.7, 50.2]).map((x) => Math.round(x * 10) / 10)).toEqual([16.7, 16.7, 16.7, 50.1]);
  });

  it('counts in the frames’ own period: a page at 30 frames a second reads 33 ms, not two missed frames', () => {
    const slow = Array.from({ length: 50 }, () => 33.3);
    expect(pct(inDisplayFrames(slow), 0.95)).toBeCloseTo(33.3, 1);
  });
});
