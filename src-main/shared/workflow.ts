/**
 * What each workflow entry of the log does to a mention's state, as one pure function. Every seat
 * folds the same entries in the same (log) order with it, so every seat ends with the same state;
 * the renderer also uses it for its own actions before the log has them (optimistic, then
 * re-folded in log order when they come back: src-renderer/db/apply.ts).
 */
import type { WorkflowEntry } from './log-entry';

export const STATUSES = ['new', 'assigned', 'waiting', 'resolved', 'noise'] as const;
/** The statuses that wait for us (always open; `waiting` waits for the customer). */
export const AWAITING = ['new', 'assigned'] as const;
export type Status = (typeof STATUSES)[number];

/** The part of a mention the team's work changes. */
export interface WorkflowState {
  status: Status;
  /** 1 while the mention needs us (new, assigned, waiting); 0 when resolved or noise. */
  open: 0 | 1;
  assignee?: string;
  tags: string[];
  /** When we first replied (epoch ms). */
  firstReplyAt?: number;
  /** When we last replied (epoch ms). */
  lastReplyAt?: number;
  /** Network ids of our replies. */
  replyIds?: string[];
}

export const WORKFLOW_FIELDS = ['status', 'open', 'assignee', 'tags', 'firstReplyAt', 'lastReplyAt', 'replyIds'] as const satisfies ReadonlyArray<keyof WorkflowState>;

export interface Reduced {
  state: WorkflowState;
  /** A first-come take that lost: someone else held the mention already (earlier in log order). */
  lostTakeTo?: string;
}

export function pickWorkflow(m: WorkflowState): WorkflowState {
  const out: Record<string, unknown> = {};
  for (const k of WORKFLOW_FIELDS) if (m[k] !== undefined) out[k] = m[k];
  return out as unknown as WorkflowState;
}

/** Status after a closed mention is put back in the queue by hand. */
function reopenedStatus(s: WorkflowState, wasNoise: boolean): Status {
  if (wasNoise || s.lastReplyAt === undefined) return s.assignee ? 'assigned' : 'new';
  return 'waiting';
}


/** Applies one entry. Entries that change nothing (a tag already there) return the same state. */
export function reduceEntry(s: WorkflowState, e: WorkflowEntry): Reduced {
  switch (e.type) {
    case 'assigned': {
      if (e.take && s.assignee && s.assignee !== e.agent) return { state: s, lostTakeTo: s.assignee };
      if (s.assignee === e.agent) return { state: s };
      return { state: { ...s, assignee: e.agent, status: s.status === 'new' ? 'assigned' : s.status } };
    }
    case 'unassigned': {
      if (!s.assignee) return { state: s };
      const { assignee: _gone, ...rest } = s;
      return { state: { ...rest, status: s.status === 'assigned' ? 'new' : s.status } };
    }
    case 'tagged':
      return { state: s.tags.includes(e.tag) ? s : { ...s, tags: [...s.tags, e.tag] } };
    case 'untagged':
      return { state: s.tags.includes(e.tag) ? { ...s, tags: s.tags.filter((t) => t !== e.tag) } : s };
    case 'resolved':
      return { state: s.status === 'resolved' ? s : { ...s, status: 'resolved', open: 0 } };
    case 'noise':
      return { state: s.status === 'noise' ? s : { ...s, status: 'noise', open: 0 } };
    case 'reopened':
    case 'unnoise': {
      // `restore` (an undo) names the exact status to go back to; otherwise the usual rule.
      if (e.restore) return { state: { ...s, status: e.restore, open: 1 } };
      if (s.open === 1) return { state: s };
      return { state: { ...s, status: reopenedStatus(s, s.status === 'noise'), open: 1 } };
    }
    case 'replied': {
      const t = Date.parse(e.at);
      const replyIds = e.replyId && !(s.replyIds ?? []).includes(e.replyId) ? [...(s.replyIds ?? []), e.replyId] : s.replyIds;
      const next: WorkflowState = {
        ...s,
        status: 'waiting',
        open: 1,
        assignee: s.assignee ?? e.agent,
        firstReplyAt: s.firstReplyAt === undefined ? t : Math.min(s.firstReplyAt, t),
        lastReplyAt: Math.max(s.lastReplyAt ?? t, t),
      };
      if (replyIds) next.replyIds = replyIds;
      return { state: next };
    }
    case 'skipped':
    case 'noted':
      return { state: s };
  }
}

/** Folds entries in order; `lostTakes` names the entries (by id) whose take lost, and to whom. */
export function foldEntries(start: WorkflowState, entries: readonly WorkflowEntry[]): { state: WorkflowState; lostTakes: Map<string, string> } {
  let state = start;
  const lostTakes = new Map<string, string>();
  for (const e of entries) {
    const r = reduceEntry(state, e);
    state = r.state;
    if (r.lostTakeTo) lostTakes.set(e.id, r.lostTakeTo);
  }
  return { state, lostTakes };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function sameWorkflow(a: WorkflowState, b: WorkflowState): boolean {
  return WORKFLOW_FIELDS.every((k) => sameValue(a[k], b[k]));
}
