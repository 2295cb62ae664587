/**
 * The skip guard (DESIGN.md "Equal-response SLAs"): before an agent takes or replies to a mention
 * while an older-due unanswered one waits in the same view, ask for a reason once and record a
 * `skipped` event on every mention passed over. Nothing is blocked: the agent can always go on,
 * the lead sees who was passed over, by whom and why.
 *
 * Callers: `const guard = useSkipGuard(); if (!(await guard(mentionId, orderedIdsOfView))) return;`
 */
import { useCallback } from 'react';
import { getDb, type EarshotDb, type MentionRecord } from '../db/schema';
import { skip } from '../db/actions';
import { askSkipReason } from './skip-prompt';
import type { SkipAnswer } from './skip-reasons';
import { currentAgent } from './agent';
import { checkedEvents } from '../db/stored-events';

export { SKIP_REASONS, type SkipAnswer, type SkipReasonCode } from './skip-reasons';

export type SkipGuard = (takenId: string, orderedViewIds: readonly string[]) => Promise<boolean>;

/** Still waiting for us: open, not noise, not parked waiting on the customer. */
export function awaitsUs(m: MentionRecord): boolean {
  return m.open === 1 && (m.status === 'new' || m.status === 'assigned');
}

/**
 * The mentions a take of `takenId` passes over: those above it in the view (the view is ordered by
 * due time) that are due earlier, still wait for us, and that this agent may take (not assigned to
 * someone else). Mentions already recorded as skipped for this same take are not asked about again.
 */
export async function mentionsPassedOver(db: EarshotDb, takenId: string, orderedViewIds: readonly string[], agent: string): Promise<MentionRecord[]> {
  const at = orderedViewIds.indexOf(takenId);
  // Not in the view (opened from elsewhere): every mention of the view due earlier was passed over.
  const before = at < 0 ? [...orderedViewIds] : orderedViewIds.slice(0, at);
  if (before.length === 0) return [];
  const [taken, ...rows] = await db.mentions.bulkGet([takenId, ...before]);
  if (!taken) return [];
  const candidates = rows.filter(
    (m): m is MentionRecord => Boolean(m) && m!.id !== takenId && awaitsUs(m!) && m!.dueAt <= taken.dueAt && (!m!.assignee || m!.assignee === agent),
  );
  if (candidates.length === 0) return [];
  const skips = await db.events.where('mentionId').anyOf(candidates.map((m) => m.id)).filter((e) => e.type === 'skipped').toArray();
  const asked = checkedEvents(skips, 'the skip guard').filter((e) => e.data?.takenMentionId === takenId);
  const done = new Set(asked.map((e) => e.mentionId));
  return candidates.filter((m) => !done.has(m.id));
}

/** One `skipped` entry per mention passed over, all in one transaction (db/actions.ts). */
export async function recordSkips(db: EarshotDb, args: { agent: string; takenId: string; passedOver: readonly string[]; answer: SkipAnswer; now?: () => number }): Promise<void> {
  const note = args.answer.note?.trim();
  await skip(db, args.passedOver, { takenMentionId: args.takenId, reason: args.answer.code, ...(note ? { note } : {}) }, { agent: args.agent, now: args.now });
}

/** The guard without React: ask (when someone is passed over), record, answer whether to go on. */
export async function guardTake(db: EarshotDb, takenId: string, orderedViewIds: readonly string[], agent = currentAgent()): Promise<boolean> {
  if (orderedViewIds[0] === takenId) return true; // the first due: nothing passed over, nothing to read
  const passed = await mentionsPassedOver(db, takenId, orderedViewIds, agent);
  if (passed.length === 0) return true;
  const taken = await db.mentions.get(takenId);
  const answer = await askSkipReason({ taken, passedOver: passed });
  if (!answer) return false;
  await recordSkips(db, { agent, takenId, passedOver: passed.map((m) => m.id), answer });
  return true;
}

export function useSkipGuard(): SkipGuard {
  return useCallback((takenId, orderedViewIds) => guardTake(getDb(), takenId, orderedViewIds), []);
}
