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
import { outcomesOf } from './outcome-memo';

export interface FactsReportOptions {
  policies: PolicyInput;
  nowMs: number;
  agent?: string;
  by?: GroupBy;
  /** The CRM import's fields by author `channel:handle`, for `by` plan / standing. */
  customerOf?: (handleKey: string) => CustomerFields | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

type Result = Omit<ComputedReport, 'events'> & { events: number; mentions: number };
/** The last report over each facts object, and what it was computed from. */
const lastReports = new WeakMap<Facts, Map<string, { skips: Facts['skips']; outcomes: MentionOutcome[]; result: Result }>>();
/** Reports kept per facts: the periods and agents a lead switches between. */
const KEPT_REPORTS = 6;

function sameOutcomes(a: readonly MentionOutcome[], b: readonly MentionOutcome[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export function reportFromFacts(f: Facts, ix: FactsIndex, rows: readonly number[], opts: FactsReportOptions): Result & { phases: Record<string, number> } {
  const t0 = performance.now();
  const nowMs = opts.nowMs;
  const { versions, changes } = policyVersions({ policy: opts.policies.base, changes: opts.policies.changes });
  const rules = policyRules(versions, changes);
  const counts = { mentions: 0, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 };
  const kept = outcomesOf(f, JSON.stringify(opts.policies), rules, nowMs);

  // Rows marked in typed arrays, not sets and maps of 200,000 ids (those cost more than the report).
  const chosen = new Uint8Array(f.n);
  for (const i of rows) chosen[i] = 1;
  const rowOfSkip = f.skips.map((s) => ix.row.get(s.mentionId) ?? -1);
  const skipsOf = new Map<number, number[]>();
  f.skips.forEach((s, k) => {
    const r = rowOfSkip[k]!;
    if (r < 0 || !chosen[r]) return;
    let xs = skipsOf.get(r);
    if (!xs) skipsOf.set(r, (xs = []));
    xs.push(s.ms);
  });

  const outcomes: MentionOutcome[] = [];
  /** The facts row of each outcome, and how many of its events fall after now (for the agent cut). */
  const outcomeRows: number[] = [];
  const futureOf = new Int32Array(f.n);
  const none: number[] = [];
  let events = 0;
  for (const i of rows) {
    const id = f.ids[i]!;
    const replyMs = f.replyMs[i]!;
    const ownerMs = f.ownerMs[i]!;
    const noiseMs = f.noiseMs[i]!;
    const skipTimes = skipsOf.get(i) ?? none;
    // The workflow events the minimal log holds for this mention, and how many fall after now.
    let held = skipTimes.length;
    let future = 0;
    // Each of these is in the log unless infinite (no such event); written out, not as an array per row.
    if (replyMs !== Infinity && replyMs !== -Infinity) {
      held++;
      if (replyMs > nowMs) future++;
    }
    if (ownerMs !== Infinity && ownerMs !== -Infinity) {
      held++;
      if (ownerMs > nowMs) future++;
    }
    if (noiseMs !== Infinity && noiseMs !== -Infinity) {
      held++;
      if (noiseMs > nowMs) future++;
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
    futureOf[i] = future;
    const clock = f.clockStartMs[i]!;
    const channel = CHANNELS[f.channel[i]!]!;
    const tier = REACH_TIERS[f.tier[i]!]!;
    const owner = ownerMs <= nowMs && f.ownerAgent[i]! >= 0 ? f.ownerAgent[i]! : -1;
    const reply = replyMs <= nowMs ? replyMs : Infinity;
    const clockStartMs = Number.isNaN(clock) ? f.createdMs[i]! : clock;
    const replyAgent = reply === Infinity ? -1 : f.replyAgent[i]!;
    if (opts.by) {
      // Grouped: a fresh outcome carries its groups (the kept ones are shared between reports).
      const o = outcomeOf(rules, nowMs, id, channel, tier, clockStartMs, reply, replyAgent < 0 ? null : f.agents[replyAgent]!, owner < 0 ? null : f.agents[owner]!, skips);
      const handle = handleOf(f, i);
      o.groups = groupsOf(opts.by, { channel, reach: { tier }, ...groupFields(f, i) }, handle ? opts.customerOf?.(handle) : undefined);
      outcomes.push(o);
    } else outcomes.push(kept(i, id, channel, tier, clockStartMs, reply, replyAgent, owner, skips));
    outcomeRows.push(i);
  }

  const t1 = performance.now();
  // The same outcomes as the last report over these facts (the same objects, kept by outcome-memo):
  // the same report, but for the instant it is as of.
  const current = [...versions].reverse().findIndex((v) => v.from === null || Date.parse(v.from) <= nowMs);
  const key = JSON.stringify({ agent: opts.agent, policies: opts.policies, counts, events, current, mentions: rows.length, skips: f.skips.length });
  const last = opts.by ? undefined : lastReports.get(f)?.get(key);
  if (last && last.skips === f.skips && sameOutcomes(last.outcomes, outcomes)) {
    const again = { ...last.result, report: { ...last.result.report, now: new Date(nowMs).toISOString() } };
    return { ...again, phases: { outcomesMs: t1 - t0, reusedMs: performance.now() - t1 } };
  }
  const agents = [...new Set(outcomes.map((o) => o.agent ?? NO_AGENT))].sort();
  let picked = outcomes;
  let evaluated: EvaluatedLog = { outcomes, versions, nowMs, counts };
  let skipRows = chosen;
  if (opts.agent !== undefined) {
    // As computeReport does: the log cut to this agent's mentions, evaluated again.
    skipRows = new Uint8Array(f.n);
    let future = 0;
    picked = outcomes.filter((o, k) => {
      if ((o.agent ?? NO_AGENT) !== opts.agent) return false;
      skipRows[outcomeRows[k]!] = 1;
      future += futureOf[outcomeRows[k]!]!;
      return true;
    });
    const cut = { ...counts, mentions: picked.length, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: future };
    evaluated = { outcomes: picked, versions, nowMs, counts: cut };
  }
  const report = fairnessOfOutcomes(evaluated, { by: opts.by });
  const t2 = performance.now();

  const skipEvents: LogEvent[] = [];
  const tierOf = new Map<string, ReachTier>();
  for (const [k, s] of f.skips.entries()) {
    if (rowOfSkip[k]! < 0 || !skipRows[rowOfSkip[k]!]) continue;
    const reason = s.reason === 'other' && s.note ? `other: ${s.note}` : s.reason;
    skipEvents.push({ type: 'skipped', at: iso(s.ms), mentionId: s.mentionId, agent: s.agent, takenMentionId: s.takenMentionId, ...(reason ? { reason } : {}) });
    for (const id of [s.mentionId, s.takenMentionId]) {
      const r = ix.row.get(id);
      if (r !== undefined) tierOf.set(id, REACH_TIERS[f.tier[r]!]!);
    }
  }
  const result = { report, boxes: tierBoxes(picked), skips: skipSummary(skipEvents, tierOf), agents, events, mentions: rows.length };
  if (!opts.by) {
    let byKey = lastReports.get(f);
    if (!byKey) lastReports.set(f, (byKey = new Map()));
    byKey.delete(key);
    if (byKey.size >= KEPT_REPORTS) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, { skips: f.skips, outcomes, result });
  }
  return { ...result, phases: { outcomesMs: t1 - t0, fairnessMs: t2 - t1, extrasMs: performance.now() - t2 } };
}
