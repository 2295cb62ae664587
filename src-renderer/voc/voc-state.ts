/**
 * The voice-of-the-customer state of a period (src-main/shared/voc/state.ts) straight from the
 * report's facts, without writing them out as an event log and evaluating it again: that took most
 * of a first report (0.3 s for four weeks, 5 s for a year, at 200,000 mentions).
 *
 * It gives exactly what stateFromLog(columns, minimalLogOf(facts, rows of both periods)) gives. Per
 * mention posted in either period, the minimal log holds its arrival, its first reply, its last
 * noise change; as of the period's end `toMs`:
 * - it counts (live) when it had arrived by then and its last noise change by then was not `noise`;
 * - a live mention that is not a follow-up gets the outcome outcomeOf gives (the fairness report's
 *   SLA rules): its first reply when that came by the end, breached when the reply came after the
 *   due time, or when none came and the due time is before the end.
 *
 * The due time and the minutes to the first reply do not depend on the period: they are worked out
 * once per mention (outcomeOf, so business hours and policy versions are the fairness report's) and
 * kept in an OutcomeCache beside the columns, with the inputs they came from (clock start, first
 * reply, channel) so that a new reply or another policy works them out again.
 * A renderer test holds this equal to stateFromLog on a generated history.
 */
import { CHANNELS } from '../../src-main/shared/mention';
import { outcomeOf, policyRules, policyVersions, type PolicyRules } from '../../src-main/shared/sla/outcomes';
import { emptyState, type VocState } from '../../src-main/shared/voc/state';
import type { PolicyInput } from '../reports/compute';
import type { Facts } from '../reports/facts';

/** Per column row: the inputs an outcome was worked out from (clockMs NaN: none yet) and the outcome. */
export interface OutcomeCache {
  /** The policies the outcomes were worked out under (policyKey). */
  policyKey: string;
  clockMs: Float64Array;
  replyMs: Float64Array;
  channel: Uint8Array;
  dueMs: Float64Array;
  /** Clock start to the first reply (outcomeOf's firstResponseMinutes); NaN when no reply. */
  minutes: Float64Array;
}

export const policyKey = (p: PolicyInput): string => JSON.stringify(p);

export function emptyOutcomes(key: string, n: number): OutcomeCache {
  return { policyKey: key, clockMs: new Float64Array(n).fill(Number.NaN), replyMs: new Float64Array(n), channel: new Uint8Array(n), dueMs: new Float64Array(n), minutes: new Float64Array(n) };
}

/** The cache with room for n rows (the same object when it has), or a new one under other policies. */
export function outcomesFor(cache: OutcomeCache | undefined, key: string, n: number): OutcomeCache {
  if (!cache || cache.policyKey !== key) return emptyOutcomes(key, n);
  if (cache.clockMs.length >= n) return cache;
  const next = emptyOutcomes(key, Math.max(n, cache.clockMs.length * 2));
  next.clockMs.set(cache.clockMs);
  next.replyMs.set(cache.replyMs);
  next.channel.set(cache.channel);
  next.dueMs.set(cache.dueMs);
  next.minutes.set(cache.minutes);
  return next;
}

export interface StateFromFacts {
  state: VocState;
  /** Outcomes worked out now (not found in the cache). */
  computed: number;
}

/**
 * The state as of `toMs` of the mentions posted in [prevFromMs, toMs), in column rows: `rowOf[i]`
 * is the column row of facts row i (-1: none). `cache` is filled as it goes.
 */
export function vocStateFromFacts(
  f: Facts,
  rowOf: Int32Array,
  columnRows: number,
  policies: PolicyInput,
  cache: OutcomeCache,
  range: { prevFromMs: number; toMs: number },
  rules: PolicyRules = rulesOf(policies),
): StateFromFacts {
  const st = emptyState(columnRows);
  const { prevFromMs, toMs } = range;
  let computed = 0;
  for (let i = 0; i < f.n; i++) {
    const created = f.createdMs[i]!;
    if (!(created >= prevFromMs && created < toMs)) continue;
    const r = rowOf[i]!;
    if (r < 0 || f.arrivalMs[i]! > toMs) continue;
    if (f.noiseOn[i] && f.noiseMs[i]! <= toMs) continue; // noise by the end: not counted, no outcome
    st.live[r] = 1;
    if (f.followUp[i]) continue; // part of a conversation already answered: no first response of its own
    const clock = Number.isNaN(f.clockStartMs[i]!) ? created : f.clockStartMs[i]!;
    const reply = f.replyMs[i]!;
    const channel = f.channel[i]!;
    if (cache.clockMs[r] !== clock || cache.replyMs[r] !== reply || cache.channel[r] !== channel) {
      // The tier, agent and skips do not bear on the due time or the minutes.
      const o = outcomeOf(rules, toMs, '', CHANNELS[channel]!, 'everyday', clock, reply, null, null, 0);
      cache.clockMs[r] = clock;
      cache.replyMs[r] = reply;
      cache.channel[r] = channel;
      cache.dueMs[r] = o.dueMs;
      cache.minutes[r] = o.firstResponseMinutes ?? Number.NaN;
      computed++;
    }
    const due = cache.dueMs[r]!;
    if (reply <= toMs) {
      st.firstResponseMinutes[r] = cache.minutes[r]!;
      st.breach[r] = reply > due ? 2 : 1;
    } else if (due < toMs) {
      st.breach[r] = 2;
    }
  }
  return { state: st, computed };
}

/** The policy versions as stateFromLog (evaluateMentions) orders them. */
export function rulesOf(policies: PolicyInput): PolicyRules {
  const { versions, changes } = policyVersions({ policy: policies.base, changes: policies.changes });
  return policyRules(versions, changes);
}
