/**
 * Due times for the inbox. The business-time arithmetic itself lives in src-main/shared/sla, so the
 * app and the `fairness` command can never disagree. The policy versions are held in memory (see
 * policies.ts) so ingest can compute due times synchronously inside its transaction.
 */
import type { Channel } from '../../src-main/shared/mention';
import { targetsFor } from '../../src-main/shared/sla/policy';
import { addBusinessMs } from '../../src-main/shared/sla/business-time';
import { policyVersionAt } from './policies';

/** When the first response to a mention whose clock started at clockStartMs is due. */
export function dueFor(channel: Channel, clockStartMs: number): number {
  const { policy } = policyVersionAt(clockStartMs);
  return addBusinessMs(clockStartMs, targetsFor(policy, channel).firstResponseMinutes, policy);
}

/** When the next response is due after a customer follow-up at fromMs. */
export function nextResponseDueFor(channel: Channel, fromMs: number): number {
  const { policy } = policyVersionAt(fromMs);
  return addBusinessMs(fromMs, targetsFor(policy, channel).nextResponseMinutes, policy);
}

/** Id of the policy version that sets the due time of a clock started at clockStartMs. */
export function policyIdFor(clockStartMs: number): string {
  return policyVersionAt(clockStartMs).id;
}

/** Id of the policy version in force now (new mentions get it). */
export function activePolicyId(): string {
  return policyVersionAt(Date.now()).id;
}
