/**
 * What changes with time and work on each mention, as of the report's end: whether it counts (heard
 * by then and not noise) and its first-response outcome. Taken from the event log with the SLA code
 * the fairness report uses (evaluateMentions), so the voice-of-the-customer report's response times
 * are the fairness report's. The app passes the minimal log it rebuilds from its stored facts, the
 * `voc` command the exported log: the same function, the same figures.
 */
import type { LogEvent } from '../events';
import type { PolicyVersion, SlaPolicy } from '../sla/policy';
import { evaluateMentions } from '../sla/outcomes';
import type { VocColumns, VocIndex } from './columns';

export interface VocState {
  /** 1: the mention counts (heard by the report's end, and not noise then). */
  live: Uint8Array;
  /** Clock start to first reply (business minutes under business hours); NaN when none. */
  firstResponseMinutes: Float64Array;
  /** 0: no verdict yet (unanswered, not yet due, or a follow-up); 1: answered in time; 2: breached. */
  breach: Uint8Array;
}

export interface VocStateOptions {
  policy?: SlaPolicy;
  changes?: readonly PolicyVersion[];
  /** The report's end: events after it have not happened yet. */
  nowMs: number;
}

export function emptyState(n: number): VocState {
  return { live: new Uint8Array(n), firstResponseMinutes: new Float64Array(n).fill(Number.NaN), breach: new Uint8Array(n) };
}

/**
 * Fills `state` for the mentions of `events` (rows missing from them are left as they are: not
 * counted). Noise is folded as outcomes.ts folds it (the later of noise / unnoise; at equal times
 * the later line), so a noise follow-up is left out too.
 */
export function stateFromLog(c: VocColumns, ix: VocIndex, events: readonly LogEvent[], opts: VocStateOptions, state: VocState = emptyState(c.n)): VocState {
  const noiseAt = new Map<string, number>();
  const noise = new Set<string>();
  for (const e of events) {
    const at = Date.parse(e.at);
    if (at > opts.nowMs) continue;
    if (e.type === 'mention') {
      const i = ix.row.get(e.mention.id);
      if (i !== undefined) state.live[i] = 1;
    } else if ((e.type === 'noise' || e.type === 'unnoise') && at >= (noiseAt.get(e.mentionId) ?? -Infinity)) {
      noiseAt.set(e.mentionId, at);
      if (e.type === 'noise') noise.add(e.mentionId);
      else noise.delete(e.mentionId);
    }
  }
  for (const id of noise) {
    const i = ix.row.get(id);
    if (i !== undefined) state.live[i] = 0;
  }
  const { outcomes } = evaluateMentions(events, { policy: opts.policy, changes: opts.changes, now: new Date(opts.nowMs) });
  for (const o of outcomes) {
    const i = ix.row.get(o.id);
    if (i === undefined) continue;
    state.firstResponseMinutes[i] = o.firstResponseMinutes ?? Number.NaN;
    state.breach[i] = o.breached ? 2 : o.firstResponseMinutes !== null ? 1 : 0;
  }
  return state;
}
