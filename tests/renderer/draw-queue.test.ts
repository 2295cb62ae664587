/**
 * The charts' draw queue (charts/draw-queue.ts): one draw per task, in order; held while a newer
 * report is computed, the queued draws wait and then run in order once every hold is released;
 * printing draws them at once, held or not.
 */
import { describe, it, expect } from 'vitest';
import { drawQueuedNow, drawSoon, holdDraws } from '../../src-renderer/reports/charts/draw-queue';
import { nextTask } from '../../src-renderer/lib/next-task';

const tasks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await nextTask();
};

describe('the charts draw queue', () => {
  it('draws one per task, in order', async () => {
    const drawn: string[] = [];
    drawSoon(() => drawn.push('a'));
    drawSoon(() => drawn.push('b'));
    expect(drawn).toEqual([]);
    await tasks(1);
    expect(drawn).toEqual(['a']);
    await tasks(2);
    expect(drawn).toEqual(['a', 'b']);
  });

  it('waits while held, by every hold, and draws in order once all are released', async () => {
    const drawn: string[] = [];
    // 'a' is scheduled before the hold: its task finds the hold and leaves it queued.
    drawSoon(() => drawn.push('a'));
    const first = holdDraws();
    drawSoon(() => drawn.push('b'));
    const second = holdDraws();
    await tasks(5);
    expect(drawn).toEqual([]);
    first();
    first(); // released twice: counted once
    await tasks(5);
    expect(drawn).toEqual([]);
    second();
    await tasks(5);
    expect(drawn).toEqual(['a', 'b']);
  });

  it('draws everything queued at once for printing, held or not', async () => {
    const drawn: string[] = [];
    const release = holdDraws();
    drawSoon(() => drawn.push('a'));
    drawSoon(() => drawn.push('b'));
    drawQueuedNow();
    expect(drawn).toEqual(['a', 'b']);
    release();
    await tasks(3);
    expect(drawn).toEqual(['a', 'b']);
  });
});
