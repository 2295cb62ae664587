/** How many mentions waiting for us are past due, and how many fall due soon (the banner's numbers). */
import type { EarshotDb } from '../db/schema';
import { awaitingDueBetween, countPastDue } from '../db/queries';

export const NEAR_BREACH_MINUTES = 15;

export interface BreachCounts {
  pastDue: number;
  dueSoon: number;
  /** Due time of the next mention to fall due, if any (so the banner knows when to look again). */
  nextDueAt?: number;
}

/** Counted on the [status+dueAt] index: range counts and one key, no mention read. */
export async function breachCounts(db: EarshotDb, nowMs: number): Promise<BreachCounts> {
  // A Dexie collection's limit() changes the collection itself: the count and the key get one each.
  const soon = () => awaitingDueBetween(db, nowMs, nowMs + NEAR_BREACH_MINUTES * 60_000, true);
  const [pastDue, soonCounts, nextKeys] = await Promise.all([
    countPastDue(db, nowMs, 'soon'),
    Promise.all(soon().map((c) => c.count())),
    Promise.all(soon().map((c) => c.limit(1).keys())),
  ]);
  const nexts = nextKeys.flatMap((keys) => {
    const key = keys[0] as [string, number] | undefined; // [status, dueAt]
    return key ? [key[1]] : [];
  });
  return {
    pastDue,
    dueSoon: soonCounts.reduce((a, b) => a + b, 0),
    ...(nexts.length ? { nextDueAt: Math.min(...nexts) } : {}),
  };
}

/** "3 mentions past due, 2 due within 15 minutes"; empty when nothing is late or close. */
export function breachLine(c: BreachCounts): string {
  const parts: string[] = [];
  if (c.pastDue) parts.push(`${c.pastDue} mention${c.pastDue === 1 ? '' : 's'} past due`);
  if (c.dueSoon) parts.push(`${c.dueSoon}${c.pastDue ? '' : ` mention${c.dueSoon === 1 ? '' : 's'}`} due within ${NEAR_BREACH_MINUTES} minutes`);
  return parts.join(', ');
}
