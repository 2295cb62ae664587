/**
 * Due times for the inbox. The arithmetic itself is shared with the `fairness` command
 * (src-main/shared/sla), so the app and the command can never disagree.
 */
import type { Channel } from '../../src-main/shared/mention';

/** The default policy of issue 2: a first response within 60 minutes, around the clock. */
const DEFAULT_FIRST_RESPONSE_MINUTES = 60;

export function dueFor(_channel: Channel, clockStartMs: number): number {
  return clockStartMs + DEFAULT_FIRST_RESPONSE_MINUTES * 60_000;
}
