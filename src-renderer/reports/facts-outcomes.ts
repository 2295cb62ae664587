/**
 * One report's outcomes over the facts' rows (facts-report.ts reportSteps): for each row, the events
 * the minimal log would hold, those after `now` counted as future or orphaned, the outcome's columns
 * made current (outcome-memo.ts), and a row of the outcome table: first reply by now, agent, skips,
 * past due by now. Also the first instant after now at which any of it turns (validUntilMs).
 */
import { REACH_TIERS, CHANNELS } from '../../src-main/shared/mention';
import { outcomeOf, type EvaluatedLog, type MentionOutcome, type PolicyRules } from '../../src-main/shared/sla/outcomes';
import { groupsOf, type GroupBy } from '../../src-main/shared/sla/groups';
import type { CustomerFields } from '../../src-main/shared/events';
import { groupFields, handleOf, type Facts } from './facts';
import type { outcomeColumns } from './outcome-memo';

/** One report's outcomes as columns, by outcome k: its facts row, first reply by now, agent, skips, past due by now. */
export interface OutcomeTable {
  n: number;
  row: Int32Array;
  reply: Float64Array;
  /** Index into facts.agents: the first replier, else the owner by now; -1: nobody. */
  agent: Int32Array;
  skips: Int32Array;
  pastDue: Uint8Array;
}

export function emptyTable(size: number): OutcomeTable {
  return { n: 0, row: new Int32Array(size), reply: new Float64Array(size), agent: new Int32Array(size), skips: new Int32Array(size), pastDue: new Uint8Array(size) };
}

/** What outcomesOf reads and fills, chunk after chunk: `events` and `nextMs` are carried from one chunk to the next. */
export interface OutcomesPass {
  f: Facts;
  rows: readonly number[];
  nowMs: number;
  skipFrom: Int32Array;
  skipAt: Float64Array;
  memo: ReturnType<typeof outcomeColumns>;
  table: OutcomeTable;
  /** By facts row: how many of its events fall after now. */
  futureOf: Int32Array;
  counts: EvaluatedLog['counts'] & { followUps: number };
  events: number;
  /** The first instant after now at which a comparison with now turns the other way (see reportSteps). */
  nextMs: number;
  /** With a grouping: outcome objects too, each with its groups. */
  byObjects?: { rules: PolicyRules; by: GroupBy; customerOf?: (handleKey: string) => CustomerFields | undefined; objects: MentionOutcome[] };
}

/**
 * The outcomes of rows[from..to) into the pass's table (and objects), as evaluateMentions would give
 * them as of now. A plain function with its running figures in locals, written back once per chunk:
 * V8 ran this loop two to three times slower inside the generator, and slower again with every
 * running figure kept in the generator's closure.
 */
export function outcomesOf(p: OutcomesPass, from: number, to: number): void {
  const { f, rows, nowMs, skipFrom, skipAt, memo, table, futureOf, counts } = p;
  const dueMs = memo.columns.dueMs;
  const { known, clock: knownClock, reply: knownReply } = memo.inputs;
  let events = p.events;
  let nextMs = p.nextMs;
  let mentions = 0;
  let noise = 0;
  let followUps = 0;
  let futureEvents = 0;
  let orphanEvents = 0;
  for (let r = from; r < to; r++) {
    const i = rows[r]!;
    const replyMs = f.replyMs[i]!;
    const ownerMs = f.ownerMs[i]!;
    const noiseMs = f.noiseMs[i]!;
    const arrivalMs = f.arrivalMs[i]!;
    const skipsEnd = skipFrom[i + 1]!;
    // The workflow events the minimal log holds for this mention, and how many fall after now.
    let held = skipsEnd - skipFrom[i]!;
    let future = 0;
    // Each of these is in the log unless infinite (no such event); written out, not as an array per
    // row. An event after now counts as future, and the earliest of them ends validUntilMs.
    if (replyMs !== Infinity && replyMs !== -Infinity) {
      held++;
      if (replyMs > nowMs) {
        future++;
        if (replyMs < nextMs) nextMs = replyMs;
      }
    }
    if (ownerMs !== Infinity && ownerMs !== -Infinity) {
      held++;
      if (ownerMs > nowMs) {
        future++;
        if (ownerMs < nextMs) nextMs = ownerMs;
      }
    }
    if (noiseMs !== Infinity && noiseMs !== -Infinity) {
      held++;
      if (noiseMs > nowMs) {
        future++;
        if (noiseMs < nextMs) nextMs = noiseMs;
      }
    }
    let skips = 0;
    for (let j = skipFrom[i]!; j < skipsEnd; j++) {
      const t = skipAt[j]!;
      if (t > nowMs) {
        future++;
        if (t < nextMs) nextMs = t;
      } else skips++;
    }
    events += 1 + held;
    if (arrivalMs > nowMs) {
      if (arrivalMs < nextMs) nextMs = arrivalMs;
      // Not arrived yet: its events name a mention the log has not introduced.
      futureEvents += 1 + future;
      orphanEvents += held - future;
      continue;
    }
    futureEvents += future;
    mentions++;
    if (noiseMs <= nowMs && f.noiseOn[i]) {
      noise++;
      continue;
    }
    if (f.followUp[i]) {
      followUps++;
      continue;
    }
    futureOf[i] = future;
    const owner = ownerMs <= nowMs && f.ownerAgent[i]! >= 0 ? f.ownerAgent[i]! : -1;
    const reply = replyMs <= nowMs ? replyMs : Infinity;
    // clockOf, written out (a call per row costs a new session's worker, its code not yet optimized).
    const backfilled = f.clockStartMs[i]!;
    const clockStartMs = backfilled === backfilled ? backfilled : f.createdMs[i]!;
    const replyAgent = reply === Infinity ? -1 : f.replyAgent[i]!;
    if (p.byObjects) {
      const { rules, by, customerOf, objects } = p.byObjects;
      const channel = CHANNELS[f.channel[i]!]!;
      const tier = REACH_TIERS[f.tier[i]!]!;
      const o = outcomeOf(rules, nowMs, f.ids[i]!, channel, tier, clockStartMs, reply, replyAgent < 0 ? null : f.agents[replyAgent]!, owner < 0 ? null : f.agents[owner]!, skips);
      const handle = handleOf(f, i);
      o.groups = groupsOf(by, { channel, reach: { tier }, ...groupFields(f, i) }, handle ? customerOf?.(handle) : undefined);
      objects.push(o);
    }
    // The row's outcome columns worked out again only when its inputs changed (ensure, inlined check).
    if (!(known[i] && knownClock[i] === clockStartMs && knownReply[i] === reply)) memo.ensure(i, f.channel[i]!, f.tier[i]!, clockStartMs, reply);
    const k = table.n++;
    table.row[k] = i;
    table.reply[k] = reply;
    table.agent[k] = reply === Infinity ? owner : replyAgent;
    table.skips[k] = skips;
    const due = dueMs[i]!;
    table.pastDue[k] = reply === Infinity && due < nowMs ? 1 : 0;
    // Not past due yet: it turns past due after its due time (counted from the due time itself).
    if (reply === Infinity && due >= nowMs && due < nextMs) nextMs = due;
  }
  p.events = events;
  p.nextMs = nextMs;
  counts.mentions += mentions;
  counts.noise += noise;
  counts.followUps += followUps;
  counts.futureEvents += futureEvents;
  counts.orphanEvents += orphanEvents;
}
