/**
 * Work that only prepares for later (the inbox's text-search warm-up, the SLA tracker's later chunks)
 * waits while a report is worked out (lib/report-requests.ts): it starts only once every request
 * tracked has settled, resolved or failed, and a moment after the last one (QUIET_MS), so a report
 * asked for right after another does not queue behind it; at once when no request was ever tracked
 * or the last one settled long enough ago.
 */
import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';

type Mod = typeof import('../../src-renderer/lib/report-requests');
let m: Mod;

beforeEach(async () => {
  vi.resetModules(); // the bookkeeping is module state: each test starts with none in flight
  vi.useFakeTimers();
  m = await import('../../src-renderer/lib/report-requests');
});
afterEach(() => vi.useRealTimers());

const flush = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

describe('work waiting for no report in flight', () => {
  it('runs at once when no request was ever tracked', async () => {
    let ran = false;
    void m.whenNoRequest().then(() => (ran = true));
    await flush();
    expect(ran).toBe(true);
  });

  it('waits for every request tracked, whether it resolves or fails, then for the quiet moment', async () => {
    let endA!: (v: number) => void;
    let failB!: (e: Error) => void;
    const a = m.trackRequest(new Promise<number>((r) => (endA = r)));
    const b = m.trackRequest(new Promise<number>((_, j) => (failB = j)));
    b.catch(() => undefined);
    let ran = false;
    void m.whenNoRequest().then(() => (ran = true));
    await flush();
    expect(ran).toBe(false);
    endA(1);
    expect(await a).toBe(1);
    await vi.advanceTimersByTimeAsync(m.QUIET_MS);
    expect(ran, 'the other request is still in flight').toBe(false);
    failB(new Error('gone'));
    await vi.advanceTimersByTimeAsync(m.QUIET_MS - 100);
    expect(ran, 'just after the last request settled').toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toBe(true);
  });

  it('waits again for a request asked for during the quiet moment', async () => {
    let endA!: () => void;
    void m.trackRequest(new Promise<void>((r) => (endA = r)));
    let ran = false;
    void m.whenNoRequest().then(() => (ran = true));
    endA();
    await vi.advanceTimersByTimeAsync(m.QUIET_MS / 2);
    let endB!: () => void;
    void m.trackRequest(new Promise<void>((r) => (endB = r)));
    await vi.advanceTimersByTimeAsync(m.QUIET_MS);
    expect(ran, 'the second request is in flight').toBe(false);
    endB();
    await vi.advanceTimersByTimeAsync(m.QUIET_MS - 100);
    expect(ran).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toBe(true);
  });

  it('runs at once when the last request settled more than the quiet moment ago', async () => {
    let end!: () => void;
    void m.trackRequest(new Promise<void>((r) => (end = r)));
    end();
    await vi.advanceTimersByTimeAsync(m.QUIET_MS + 10);
    let ran = false;
    void m.whenNoRequest().then(() => (ran = true));
    await flush();
    expect(ran).toBe(true);
  });
});
