/**
 * Staying inside X's 15-minute request windows. Every response states the window (limit, remaining,
 * reset); the next poll is placed so the remaining requests last until the reset, which only bites
 * when few are left (at 449 of 450 the spacing is two seconds, far below the poll interval).
 */
import type { RateWindow } from './x-http';

/** Slack after a reset so our first request does not land a hair before X's window turns over. */
export const RESET_SLACK_MS = 1000;

/**
 * Earliest next poll for one endpoint. `requestsPerPoll` is what the last poll used (pages), since
 * the next may need as many. `skewMs` corrects for a local clock that differs from X's.
 */
export function rateNotBefore(w: RateWindow | undefined, nowMs: number, requestsPerPoll: number, skewMs = 0): number | undefined {
  if (!w) return undefined;
  const resetLocal = w.resetMs + skewMs;
  if (resetLocal <= nowMs) return undefined;
  if (w.remaining <= 0) return resetLocal + RESET_SLACK_MS;
  const spacing = ((resetLocal - nowMs) * Math.max(1, requestsPerPoll)) / w.remaining;
  return Math.ceil(nowMs + spacing);
}

/** `14:15 UTC`: the health line's way of saying when something resumes. */
export function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** `1 Dec 00:00 UTC`: for resumptions beyond today. */
export function dayAndClock(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${clock(ms)}`;
}
