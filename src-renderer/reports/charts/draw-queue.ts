/**
 * Charts coming into view are drawn one per task, in the order they came, instead of all in the
 * observer's one callback: the first draws of a session cost 0.1-0.9 s each at 200,000 mentions
 * (the four together 1.0-1.7 s of one task, on this machine's Chromium), during which the page could
 * neither answer a click (a lead switching to All time) nor show that the report was in. Between two
 * draws the browser takes input and paints. Printing draws at once (drawQueuedNow).
 */
import { nextTask } from '../../lib/next-task';

const queue: Array<() => void> = [];
let scheduled = false;

function drawNext(): void {
  const draw = queue.shift();
  if (queue.length) void nextTask().then(drawNext);
  else scheduled = false;
  draw?.();
}

/** Draws in a task of its own, after the draws asked for before it. */
export function drawSoon(draw: () => void): void {
  queue.push(draw);
  if (scheduled) return;
  scheduled = true;
  void nextTask().then(drawNext);
}

/** Every draw still queued, now (before the page is laid out for printing). */
export function drawQueuedNow(): void {
  while (queue.length) queue.shift()!();
}
