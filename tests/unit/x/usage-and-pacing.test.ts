import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { UsageMeter, createJsonFileUsageStore, createMemoryUsageStore, nextMonthStartMs } from '../../../src-main/sources/x/x-usage';
import { rateNotBefore, RESET_SLACK_MS } from '../../../src-main/sources/x/x-rate';
import { tempDir } from './x-test-kit';

const NOV_1 = Date.UTC(2026, 10, 1);
const NOV_16 = Date.UTC(2026, 10, 16);
const DAY = 24 * 3600_000;

describe('read usage', () => {
  it('survives a restart through the JSON file store, written atomically', async () => {
    const dir = tempDir();
    const path = join(dir, 'usage.json');
    const a = new UsageMeter(createJsonFileUsageStore(path));
    await a.load(NOV_16);
    a.add(7, NOV_16);
    await a.save();
    expect(readdirSync(dir)).toEqual(['usage.json']); // no temp file left behind
    const b = new UsageMeter(createJsonFileUsageStore(path));
    expect((await b.load(NOV_16 + 1000)).reads).toBe(7);
  });

  it('restarts the count from a corrupt file instead of failing', async () => {
    const path = join(tempDir(), 'usage.json');
    writeFileSync(path, '{"month":');
    expect(await createJsonFileUsageStore(path).load()).toBeUndefined();
  });

  it('starts a new count at the UTC month boundary', async () => {
    const m = new UsageMeter(createMemoryUsageStore({ month: '2026-11', reads: 900, trackingSince: new Date(NOV_1).toISOString() }));
    await m.load(NOV_16);
    expect(m.current(NOV_16).reads).toBe(900);
    const dec1 = Date.UTC(2026, 11, 1, 0, 0, 1);
    expect(m.current(dec1)).toEqual({ month: '2026-12', reads: 0, trackingSince: '2026-12-01T00:00:00.000Z' });
    expect(nextMonthStartMs(NOV_16)).toBe(Date.UTC(2026, 11, 1));
  });

  it('projects reads linearly to the end of the month, counting at least a day of elapsed time', async () => {
    const m = new UsageMeter(createMemoryUsageStore({ month: '2026-11', reads: 150, trackingSince: new Date(NOV_1).toISOString() }));
    await m.load(NOV_16);
    expect(m.projected(NOV_16)).toBe(300); // half the month gone, half the reads
    const fresh = new UsageMeter(createMemoryUsageStore());
    await fresh.load(NOV_16);
    fresh.add(100, NOV_16); // a backfill in the first minute is not 100 a minute
    expect(fresh.projected(NOV_16 + 60_000)).toBe(Math.round((100 * (Date.UTC(2026, 11, 1) - NOV_16)) / DAY));
  });

  it('places the next poll where the projection is back at the budget', async () => {
    const m = new UsageMeter(createMemoryUsageStore({ month: '2026-11', reads: 650, trackingSince: new Date(NOV_1).toISOString() }), 1000);
    await m.load(NOV_16);
    const at = m.budgetNotBefore(NOV_16)!;
    expect(at).toBe(NOV_1 + 0.65 * 30 * DAY); // Nov 20, 12:00
    expect(m.projected(at)).toBe(1000);
    m.current(NOV_16).reads = 1020; // over the budget: wait for the new month, not beyond it
    expect(m.budgetNotBefore(NOV_16)).toBe(Date.UTC(2026, 11, 1));
    m.current(NOV_16).reads = 400;
    expect(m.budgetNotBefore(NOV_16)).toBeUndefined(); // under the line: no wait
    expect(new UsageMeter(createMemoryUsageStore()).budgetNotBefore(NOV_16)).toBeUndefined(); // no budget
  });

  it('stores only the month, the count and when counting began', async () => {
    const path = join(tempDir(), 'usage.json');
    const m = new UsageMeter(createJsonFileUsageStore(path));
    await m.load(NOV_16);
    m.add(3, NOV_16);
    await m.save();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ month: '2026-11', reads: 3, trackingSince: new Date(NOV_16).toISOString() });
  });
});

describe('rate-limit pacing', () => {
  const now = 1_000_000_000_000;
  it('waits for the reset when no requests are left', () => {
    expect(rateNotBefore({ limit: 450, remaining: 0, resetMs: now + 60_000 }, now, 1)).toBe(now + 60_000 + RESET_SLACK_MS);
  });
  it('spreads the remaining requests over the time to the reset', () => {
    expect(rateNotBefore({ limit: 450, remaining: 4, resetMs: now + 600_000 }, now, 1)).toBe(now + 150_000);
    expect(rateNotBefore({ limit: 450, remaining: 4, resetMs: now + 600_000 }, now, 2)).toBe(now + 300_000);
  });
  it('barely spaces polls when many requests are left, and not at all after the reset', () => {
    expect(rateNotBefore({ limit: 450, remaining: 449, resetMs: now + 900_000 }, now, 1)! - now).toBeLessThan(2100);
    expect(rateNotBefore({ limit: 450, remaining: 0, resetMs: now - 1 }, now, 1)).toBeUndefined();
  });
  it('corrects for a local clock that differs from X', () => {
    expect(rateNotBefore({ limit: 450, remaining: 0, resetMs: now + 60_000 }, now + 3600_000, 1, 3600_000)).toBe(now + 3600_000 + 60_000 + RESET_SLACK_MS);
  });
});
