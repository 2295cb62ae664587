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

export interface OutcomeInputs {
  row: number;
  id: string;
  channel: Channel;
  tier: ReachTier;
  clockStartMs: number;
  /** The first reply by now (+Infinity: none), who sent it (index into facts.agents, -1: none). */
  replyMs: number;
  replyAgent: number;
  /** The owner by now (index into facts.agents, -1: nobody). */
  owner: number;
  skips: number;
}

/**
 * An outcome source for one report: `policies` names the policy versions (their JSON), `rules` are
 * them as outcomeOf reads them. Channel and tier never change for a row, so they are not compared.
 */
export function outcomesOf(f: Facts, policies: string, rules: PolicyRules, nowMs: number): (x: OutcomeInputs) => MentionOutcome {
  const m = memoFor(f, policies);
  return (x) => {
    const i = x.row;
    const known = m.outcomes[i];
    if (known && m.clock[i] === x.clockStartMs && m.reply[i] === x.replyMs && m.replyAgent[i] === x.replyAgent && m.owner[i] === x.owner && m.skips[i] === x.skips) {
      // Only an unanswered mention's outcome depends on now: whether its due time has passed.
      if (x.replyMs !== Infinity || known.dueMs < nowMs === known.unansweredPastDue) return known;
    }
    const o = outcomeOf(rules, nowMs, x.id, x.channel, x.tier, x.clockStartMs, x.replyMs, x.replyAgent < 0 ? null : f.agents[x.replyAgent]!, x.owner < 0 ? null : f.agents[x.owner]!, x.skips);
    m.outcomes[i] = o;
    m.clock[i] = x.clockStartMs;
    m.reply[i] = x.replyMs;
    m.replyAgent[i] = x.replyAgent;
    m.owner[i] = x.owner;
    m.skips[i] = x.skips;
    return o;
  };
}
