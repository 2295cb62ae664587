/**
 * The report straight from the facts' columns, without writing them out as an event log and parsing
 * it back (which took most of the 3 s an all-time report over 200,000 mentions used to cost).
 *
 * It gives exactly what computeReport(minimalLogOf(facts, rows)) gives: for each row it takes the
 * events that minimal log would hold (arrival, first reply, last owner change, last noise change,
 * skips), ignores those after `now` the way evaluateMentions does (counting them as future events,
 * or as orphans when the mention itself arrives after now), and hands the folded state to the very
 * outcomeOf and fairnessOfOutcomes that `npm run fairness` runs. A renderer test checks the two
 * paths give equal reports, with and without an agent filter and a grouping.
 */
import { REACH_TIERS, CHANNELS, type ReachTier } from '../../src-main/shared/mention';
import type { LogEvent } from '../../src-main/shared/events';
import { fairnessOfOutcomes, NO_AGENT } from '../../src-main/shared/sla/fairness';
import { outcomeOf, policyRules, policyVersions, type EvaluatedLog, type MentionOutcome } from '../../src-main/shared/sla/outcomes';
import { groupsOf, type GroupBy } from '../../src-main/shared/sla/groups';
import type { CustomerFields } from '../../src-main/shared/events';
import { groupFields, handleOf, type Facts, type FactsIndex } from './facts';
import { skipSummary, tierBoxes, type ComputedReport, type PolicyInput } from './compute';

export interface FactsReportOptions {
  policies: PolicyInput;
  nowMs: number;
  agent?: string;
  by?: GroupBy;
  /** The CRM import's fields by author `channel:handle`, for `by` plan / standing. */
  customerOf?: (handleKey: string) => CustomerFields | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function reportFromFacts(f: Facts, ix: FactsIndex, rows: readonly number[], opts: FactsReportOptions): Omit<ComputedReport, 'events'> & { events: number; mentions: number; phases: Record<string, number> } {
  const t0 = performance.now();
  const nowMs = opts.nowMs;
  const { versions, changes } = policyVersions({ policy: opts.policies.base, changes: opts.policies.changes });
  const rules = policyRules(versions, changes);
  const counts = { mentions: 0, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 };

  const chosen = new Set<string>();
  for (const i of rows) chosen.add(f.ids[i]!);
  const skipsOf = new Map<string, number[]>();
  for (const s of f.skips) {
    if (!chosen.has(s.mentionId)) continue;
    let xs = skipsOf.get(s.mentionId);
    if (!xs) skipsOf.set(s.mentionId, (xs = []));
    xs.push(s.ms);
  }

  const outcomes: MentionOutcome[] = [];
  const futureOf = new Map<string, number>();
  let events = 0;
  for (const i of rows) {
    const id = f.ids[i]!;
    const replyMs = f.replyMs[i]!;
    const ownerMs = f.ownerMs[i]!;
    const noiseMs = f.noiseMs[i]!;
    const skipTimes = skipsOf.get(id) ?? [];
    // The workflow events the minimal log holds for this mention, and how many fall after now.
    let held = skipTimes.length;
    let future = 0;
    for (const t of [replyMs, ownerMs, noiseMs]) {
      if (Math.abs(t) === Infinity) continue; // no such event in the log
      held++;
      if (t > nowMs) future++;
    }
    let skips = 0;
    for (const t of skipTimes) {
      if (t > nowMs) future++;
      else skips++;
    }
    events += 1 + held;
    if (f.arrivalMs[i]! > nowMs) {
      // Not arrived yet: its events name a mention the log has not introduced.
      counts.futureEvents += 1 + future;
      counts.orphanEvents += held - future;
      continue;
    }
    counts.futureEvents += future;
    counts.mentions++;
    if (noiseMs <= nowMs && f.noiseOn[i]) {
      counts.noise++;
      continue;
    }
    if (f.followUp[i]) {
      counts.followUps++;
      continue;
    }
    futureOf.set(id, future);
    const clock = f.clockStartMs[i]!;
    const channel = CHANNELS[f.channel[i]!]!;
    const tier = REACH_TIERS[f.tier[i]!]!;
    const ownerAgent = ownerMs <= nowMs && f.ownerAgent[i]! >= 0 ? f.agents[f.ownerAgent[i]!]! : null;
    const reply = replyMs <= nowMs ? replyMs : Infinity;
    const o = outcomeOf(rules, nowMs, id, channel, tier, Number.isNaN(clock) ? f.createdMs[i]! : clock, reply, reply === Infinity ? null : f.agents[f.replyAgent[i]!]!, ownerAgent, skips);
    if (opts.by) {
      const handle = handleOf(f, i);
      o.groups = groupsOf(opts.by, { channel, reach: { tier }, ...groupFields(f, i) }, handle ? opts.customerOf?.(handle) : undefined);
    }
    outcomes.push(o);
  }

  const t1 = performance.now();
  const agents = [...new Set(outcomes.map((o) => o.agent ?? NO_AGENT))].sort();
  let picked = outcomes;
  let evaluated: EvaluatedLog = { outcomes, versions, nowMs, counts };
  let skipIds = chosen;
  if (opts.agent !== undefined) {
    // As computeReport does: the log cut to this agent's mentions, evaluated again.
    picked = outcomes.filter((o) => (o.agent ?? NO_AGENT) === opts.agent);
    skipIds = new Set(picked.map((o) => o.id));
    const future = picked.reduce((n, o) => n + futureOf.get(o.id)!, 0);
    const cut = { ...counts, mentions: picked.length, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: future };
    evaluated = { outcomes: picked, versions, nowMs, counts: cut };
  }
  const report = fairnessOfOutcomes(evaluated, { by: opts.by });
  const t2 = performance.now();

  const skipEvents: LogEvent[] = [];
  const tierOf = new Map<string, ReachTier>();
  for (const s of f.skips) {
    if (!skipIds.has(s.mentionId)) continue;
    const reason = s.reason === 'other' && s.note ? `other: ${s.note}` : s.reason;
    skipEvents.push({ type: 'skipped', at: iso(s.ms), mentionId: s.mentionId, agent: s.agent, takenMentionId: s.takenMentionId, ...(reason ? { reason } : {}) });
    for (const id of [s.mentionId, s.takenMentionId]) {
      const r = ix.row.get(id);
      if (r !== undefined) tierOf.set(id, REACH_TIERS[f.tier[r]!]!);
    }
  }
  const result = { report, boxes: tierBoxes(picked), skips: skipSummary(skipEvents, tierOf), agents, events, mentions: rows.length };
  return { ...result, phases: { outcomesMs: t1 - t0, fairnessMs: t2 - t1, extrasMs: performance.now() - t2 } };
}
