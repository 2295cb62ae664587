/**
 * Each mention's SLA outcome kept between reports over the same facts (facts-report.ts), with what
 * it was worked out from, so the next report works out again only those whose inputs changed: a new
 * reply, owner or skip, another policy, or an unanswered mention whose due time `now` has passed.
 * At 200,000 mentions a report made 200,000 outcome objects every time; now it makes the changed
 * ones. An outcome reused is the one outcomeOf gives for the same inputs, so figures are unchanged.
 */
import { outcomeOf, type MentionOutcome, type PolicyRules } from '../../src-main/shared/sla/outcomes';
import type { Channel, ReachTier } from '../../src-main/shared/mention';
import type { Facts } from './facts';

interface Memo {
  policies: string;
  outcomes: Array<MentionOutcome | undefined>;
  clock: Float64Array;
  reply: Float64Array;
  replyAgent: Int32Array;
  owner: Int32Array;
  skips: Int32Array;
}

const memos = new WeakMap<Facts, Memo>();

function memoFor(f: Facts, policies: string): Memo {
  let m = memos.get(f);
  if (!m || m.policies !== policies || m.clock.length < f.n) {
    const size = Math.max(1024, f.n * 2);
    const next: Memo = { policies, outcomes: [], clock: new Float64Array(size), reply: new Float64Array(size), replyAgent: new Int32Array(size), owner: new Int32Array(size), skips: new Int32Array(size) };
    if (m && m.policies === policies) {
      // Grown: the outcomes worked out so far stay.
      next.outcomes = m.outcomes;
      for (const k of ['clock', 'reply', 'replyAgent', 'owner', 'skips'] as const) next[k].set(m[k] as never);
    }
    memos.set(f, (m = next));
  }
  return m;
}

/**
 * An outcome source for one report: `policies` names the policy versions (their JSON), `rules` are
 * them as outcomeOf reads them. Channel and tier never change for a row, so they are not compared.
 * `replyMs` is the first reply by now (+Infinity: none), `replyAgent` and `owner` (the owner by now)
 * index into facts.agents (-1: none). Arguments, not an object: this runs 200,000 times a report.
 */
export function outcomesOf(
  f: Facts,
  policies: string,
  rules: PolicyRules,
  nowMs: number,
): (row: number, id: string, channel: Channel, tier: ReachTier, clockStartMs: number, replyMs: number, replyAgent: number, owner: number, skips: number) => MentionOutcome {
  const m = memoFor(f, policies);
  return (i, id, channel, tier, clockStartMs, replyMs, replyAgent, owner, skips) => {
    const known = m.outcomes[i];
    if (known && m.clock[i] === clockStartMs && m.reply[i] === replyMs && m.replyAgent[i] === replyAgent && m.owner[i] === owner && m.skips[i] === skips) {
      // Only an unanswered mention's outcome depends on now: whether its due time has passed.
      if (replyMs !== Infinity || known.dueMs < nowMs === known.unansweredPastDue) return known;
    }
    const o = outcomeOf(rules, nowMs, id, channel, tier, clockStartMs, replyMs, replyAgent < 0 ? null : f.agents[replyAgent]!, owner < 0 ? null : f.agents[owner]!, skips);
    m.outcomes[i] = o;
    m.clock[i] = clockStartMs;
    m.reply[i] = replyMs;
    m.replyAgent[i] = replyAgent;
    m.owner[i] = owner;
    m.skips[i] = skips;
    return o;
  };
}
