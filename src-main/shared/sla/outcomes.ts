/**
 * From an event log to one SLA outcome per mention: when its clock started, which policy version it
 * was held to, when the first response was due, whether and when it got one, who owns it, how often
 * it was passed over. The fairness report is aggregation over these; the inbox can use them directly.
 *
 * Rules (INTERFACES.md "Fairness report", DESIGN.md "Equal-response SLAs"):
 * - the clock starts at mention.clockStartAt when present (a backfill), else mention.createdAt;
 * - first response = the earliest `replied` event; its time is counted in business minutes when the
 *   mention's policy has hours, else in plain minutes;
 * - due = clock start + the channel's first-response target (business minutes when hours are set);
 * - a mention's agent is whoever sent the first reply, else whoever it is assigned to now;
 * - skips are counted on the mention that was passed over;
 * - noise (the later of `noise` / `unnoise` wins) is left out;
 * - the report is "as of now": events after `now` have not happened yet and are ignored.
 */
import { type Channel, type Mention, type ReachTier } from '../mention';
import type { CustomerFields, LogEvent } from '../events';
import { groupsOf, type GroupBy } from './groups';
import { DEFAULT_POLICY, targetsFor, type PolicyVersion, type SlaPolicy } from './policy';
import { addBusinessMs, businessMinutesBetweenMs } from './business-time';

export interface MentionOutcome {
  id: string;
  channel: Channel;
  tier: ReachTier;
  clockStartMs: number;
  /** 0 for the base policy, i + 1 for policy change i (see EvaluateOptions.changes). */
  policyIndex: number;
  dueMs: number;
  firstReplyMs: number | null;
  /** Clock start to first reply; business minutes when the policy has hours. Never negative. */
  firstResponseMinutes: number | null;
  /** Answered after the due time, or unanswered with the due time before now. */
  breached: boolean;
  unansweredPastDue: boolean;
  agent: string | null;
  skips: number;
  /** With EvaluateOptions.groupBy: the groups this mention counts in (groups.ts). */
  groups?: string[];
}

export interface MentionFilter {
  /** Only mentions whose SLA clock starts at or after this instant. */
  from?: Date | string;
  /** ... and before this one. */
  to?: Date | string;
  channels?: readonly Channel[];
  tiers?: readonly ReachTier[];
}

export interface EvaluateOptions {
  /** The policy in force before the first change (default: DEFAULT_POLICY). */
  policy?: SlaPolicy;
  /** Later versions; each applies to mentions whose clock starts at or after its `from`. */
  changes?: readonly PolicyVersion[];
  now: Date | string;
  filter?: MentionFilter;
  /** Also work out each mention's groups for `fairness --by` (groups.ts). */
  groupBy?: GroupBy;
}

export interface EvaluatedLog {
  outcomes: MentionOutcome[];
  /** The policy versions in the order policyIndex counts them: base first, then changes by `from`. */
  versions: Array<{ from: string | null; policy: SlaPolicy }>;
  nowMs: number;
  counts: {
    /** Mentions in the log that had arrived by now. */
    mentions: number;
    noise: number;
    /** Left out by the filter. */
    filteredOut: number;
    /** Workflow events naming a mention the log never introduced. */
    orphanEvents: number;
    /** Events dated after now. */
    futureEvents: number;
  };
}

interface State {
  mention: Mention;
  firstReplyMs: number;
  firstReplyAgent: string | null;
  owner: string | null;
  ownerAt: number;
  noise: boolean;
  noiseAt: number;
  skips: number;
  followUp: boolean;
  customer?: CustomerFields;
}

const toMs = (d: Date | string): number => (typeof d === 'string' ? Date.parse(d) : d.getTime());

/** Index of the version in force for a clock start: the last whose `from` is at or before it. */
function versionAt(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length; // starts[0] is -Infinity (the base policy)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

function ordered(changes: readonly PolicyVersion[]): PolicyVersion[] {
  return [...changes].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
}

/** The policy versions in force, as outcomeOf reads them. */
export interface PolicyRules {
  versions: EvaluatedLog['versions'];
  /** starts[i]: epoch ms version i applies from; starts[0] is -Infinity (the base policy). */
  starts: number[];
}

/** The versions of EvaluatedLog (base first, then changes by `from`) and their start instants. */
export function policyRules(versions: EvaluatedLog['versions'], changes: readonly PolicyVersion[]): PolicyRules {
  return { versions, starts: [-Infinity, ...changes.map((c) => Date.parse(c.from))] };
}

/** The versions a log is evaluated under: the base policy, then the changes in `from` order. */
export function policyVersions(opts: Pick<EvaluateOptions, 'policy' | 'changes'>): { versions: EvaluatedLog['versions']; changes: PolicyVersion[] } {
  const changes = ordered(opts.changes ?? []);
  return { versions: [{ from: null, policy: opts.policy ?? DEFAULT_POLICY }, ...changes.map((c) => ({ from: c.from, policy: c.policy }))], changes };
}

/**
 * One mention's outcome from what its events folded to (first reply before now, current owner,
 * skips): the rules of this file's header, in one place, so that the report screen, which folds
 * events into columns (src-renderer/reports/facts.ts), applies exactly the same ones.
 * `firstReplyMs` is +Infinity when there is no reply (as of now).
 */
export function outcomeOf(
  rules: PolicyRules,
  nowMs: number,
  id: string,
  channel: Channel,
  tier: ReachTier,
  clockStartMs: number,
  firstReplyMs: number,
  firstReplyAgent: string | null,
  owner: string | null,
  skips: number,
): MentionOutcome {
  const policyIndex = versionAt(rules.starts, clockStartMs);
  const policy = rules.versions[policyIndex]!.policy;
  const dueMs = addBusinessMs(clockStartMs, targetsFor(policy, channel).firstResponseMinutes, policy);
  const answered = firstReplyMs !== Infinity;
  // A reply before the clock started (a backfill answered before the source was connected) waited 0.
  const firstResponseMinutes = answered ? Math.max(0, businessMinutesBetweenMs(clockStartMs, firstReplyMs, policy)) : null;
  const unansweredPastDue = !answered && dueMs < nowMs;
  return {
    id,
    channel,
    tier,
    clockStartMs,
    policyIndex,
    dueMs,
    firstReplyMs: answered ? firstReplyMs : null,
    firstResponseMinutes,
    breached: answered ? firstReplyMs > dueMs : unansweredPastDue,
    unansweredPastDue,
    agent: answered ? firstReplyAgent : owner,
    skips,
  };
}

export function evaluateMentions(events: readonly LogEvent[], opts: EvaluateOptions): EvaluatedLog {
  const nowMs = toMs(opts.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not a date: ${String(opts.now)}`);
  const { versions, changes } = policyVersions(opts);
  const counts = { mentions: 0, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 };

  // Mentions first, so an event that sits before its mention's line (a merged export) still counts.
  const states = new Map<string, State>();
  for (const e of events) {
    if (e.type !== 'mention') continue;
    if (Date.parse(e.at) > nowMs) {
      counts.futureEvents++;
      continue;
    }
    if (states.has(e.mention.id)) continue; // the same mention exported twice: the first arrival stands
    states.set(e.mention.id, { mention: e.mention, firstReplyMs: Infinity, firstReplyAgent: null, owner: null, ownerAt: -Infinity, noise: false, noiseAt: -Infinity, skips: 0, followUp: Boolean(e.followUpOf), customer: e.customer });
  }
  for (const e of events) {
    if (e.type === 'mention') continue;
    const at = Date.parse(e.at);
    if (at > nowMs) {
      counts.futureEvents++;
      continue;
    }
    const s = states.get(e.mentionId);
    if (!s) {
      counts.orphanEvents++;
      continue;
    }
    // ">=" so that, at equal times, the later line wins (the log is written oldest first).
    switch (e.type) {
      case 'replied':
        if (at < s.firstReplyMs) {
          s.firstReplyMs = at;
          s.firstReplyAgent = e.agent;
        }
        break;
      case 'assigned':
      case 'unassigned':
        // A first-come take that lost (someone else held it already) made nobody the owner.
        if (e.type === 'assigned' && (e.lostTo !== undefined || (e.take && s.owner && s.owner !== e.agent))) break;
        if (at >= s.ownerAt) {
          s.owner = e.type === 'assigned' ? e.agent : null;
          s.ownerAt = at;
        }
        break;
      case 'noise':
      case 'unnoise':
        if (at >= s.noiseAt) {
          s.noise = e.type === 'noise';
          s.noiseAt = at;
        }
        break;
      case 'skipped':
        s.skips++;
        break;
      default:
        break; // resolved, reopened, tags and notes do not bear on the first response
    }
  }

  const f = opts.filter ?? {};
  const fromMs = f.from === undefined ? -Infinity : toMs(f.from);
  const toMsLimit = f.to === undefined ? Infinity : toMs(f.to);
  const channels = f.channels ? new Set(f.channels) : null;
  const tiers = f.tiers ? new Set(f.tiers) : null;

  const outcomes: MentionOutcome[] = [];
  const rules = policyRules(versions, changes);
  for (const s of states.values()) {
    counts.mentions++;
    if (s.noise) {
      counts.noise++;
      continue;
    }
    if (s.followUp) {
      counts.followUps++; // part of a conversation already answered: not a new first response
      continue;
    }
    const m = s.mention;
    const clockStartMs = Date.parse(m.clockStartAt ?? m.createdAt);
    const tier = m.reach.tier;
    if (clockStartMs < fromMs || clockStartMs >= toMsLimit || (channels && !channels.has(m.channel)) || (tiers && !tiers.has(tier))) {
      counts.filteredOut++;
      continue;
    }
    const o = outcomeOf(rules, nowMs, m.id, m.channel, tier, clockStartMs, s.firstReplyMs, s.firstReplyAgent, s.owner, s.skips);
    if (opts.groupBy) o.groups = groupsOf(opts.groupBy, m, s.customer);
    outcomes.push(o);
  }
  return { outcomes, versions, nowMs, counts };
}
