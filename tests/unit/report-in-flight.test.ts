/**
 * The inbox's text-search warm-up waits while a report is worked out (reports/in-flight.ts): it
 * must start only once every request tracked has settled, resolved or failed, and at once when none is.
 */
import { describe, it, expect } from 'vitest';
import { trackRequest, whenNoRequest } from '../../src-renderer/lib/report-requests';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('work waiting for no report in flight', () => {
  it('runs at once when no request is in flight', async () => {
    let ran = false;
    void whenNoRequest().then(() => (ran = true));
    await tick();
    expect(ran).toBe(true);
  });

  it('waits for every request tracked, whether it resolves or fails', async () => {
    let endA!: (v: number) => void;
    let failB!: (e: Error) => void;
    const a = trackRequest(new Promise<number>((r) => (endA = r)));
    const b = trackRequest(new Promise<number>((_, j) => (failB = j)));
    b.catch(() => undefined);
    let ran = false;
    void whenNoRequest().then(() => (ran = true));
    await tick();
    expect(ran).toBe(false);
    endA(1);
    expect(await a).toBe(1);
    await tick();
    expect(ran).toBe(false);
    failB(new Error('gone'));
    await tick();
    expect(ran).toBe(true);
  });
});
