/**
 * Charts coming into view are drawn one per task, in the order they came, instead of all in the
 * observer's one callback: the first draws of a session cost 0.1-0.9 s each at 200,000 mentions
 * (the four together 1.0-1.7 s of one task, on this machine's Chromium), during which the page could
 * neither answer a click (a lead switching to All time) nor show that the report was in. Between two
 * draws the browser takes input and paints. Printing draws at once (drawQueuedNow).
 *
 * While a newer report is being computed (holdDraws), queued draws wait: the charts they would draw
 * are about to change, and the worker computing the new one needs the processor. A lead who opened
 * the report and switched at once to All time had the four-week charts drawn (about 0.3 s of the
 * main thread, the first chart of a session most of it) while the worker worked out All time on
 * the same two cores (fairness bench). A chart drawn already is redrawn when its figures change.
 */
import { nextTask } from '../../lib/next-task';

const queue: Array<() => void> = [];
let scheduled = false;
let holds = 0;

function schedule(): void {
  if (scheduled || holds > 0 || queue.length === 0) return;
  scheduled = true;
  void nextTask().then(drawNext);
}

function drawNext(): void {
  scheduled = false;
  if (holds > 0) return;
  const draw = queue.shift();
  schedule();
  draw?.();
}

/** Draws in a task of its own, after the draws asked for before it. */
export function drawSoon(draw: () => void): void {
  queue.push(draw);
  schedule();
}

/** Every draw still queued, now (before the page is laid out for printing), held or not. */
export function drawQueuedNow(): void {
  while (queue.length) queue.shift()!();
}

/** Queued draws wait until every hold is released (a report being computed: useReport). Returns the release (idempotent). */
export function holdDraws(): () => void {
  holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds--;
    schedule();
  };
}
