/**
 * What the polite live region says, and when. Arrivals and breaches pile up between announcements;
 * at most one sentence every `gapMs`, so a burst of 50 mentions is one sentence, not 50 interruptions.
 * Pure: the component feeds it counts and the clock.
 */

export interface AnnounceState {
  /** Totals seen at the last observation (undefined until the first: what is there at start is not news). */
  total?: number;
  pastDue?: number;
  /** Not yet said. */
  pendingNew: number;
  pendingBreaches: number;
  lastSpokenAt: number;
}

export const initialAnnounce: AnnounceState = { pendingNew: 0, pendingBreaches: 0, lastSpokenAt: -Infinity };

/** Takes the latest counts in: growth is news, a drop (resolved, undone) is not. */
export function observe(s: AnnounceState, total: number, pastDue: number): AnnounceState {
  const grewBy = (before: number | undefined, now: number): number => (before === undefined ? 0 : Math.max(0, now - before));
  return { ...s, total, pastDue, pendingNew: s.pendingNew + grewBy(s.total, total), pendingBreaches: s.pendingBreaches + grewBy(s.pastDue, pastDue) };
}

const mentions = (n: number): string => (n === 1 ? '1 new mention' : `${n} new mentions`);

export function sentence(newMentions: number, breaches: number, sinceLooked: number): string {
  const parts: string[] = [];
  if (newMentions) parts.push(sinceLooked > newMentions ? `${mentions(newMentions)}, ${sinceLooked} since you last looked` : mentions(newMentions));
  if (breaches) parts.push(breaches === 1 ? '1 mention went past its due time' : `${breaches} mentions went past their due time`);
  return parts.join('. ') + (parts.length ? '.' : '');
}

/** The sentence to say now, if any and if the last one was at least `gapMs` ago. */
export function due(s: AnnounceState, nowMs: number, gapMs: number, sinceLooked: number): { state: AnnounceState; say?: string } {
  if (!s.pendingNew && !s.pendingBreaches) return { state: s };
  if (nowMs - s.lastSpokenAt < gapMs) return { state: s };
  return { state: { ...s, pendingNew: 0, pendingBreaches: 0, lastSpokenAt: nowMs }, say: sentence(s.pendingNew, s.pendingBreaches, sinceLooked) };
}
