/** How many mentions waiting for us are past due, and how many fall due soon (the banner's numbers). */
import type { EarshotDb } from '../db/schema';

export const NEAR_BREACH_MINUTES = 15;

export interface BreachCounts {
  pastDue: number;
  dueSoon: number;
  /** Due time of the next mention to fall due, if any (so the banner knows when to look again). */
  nextDueAt?: number;
}

/** The statuses that wait for us (always open; `waiting` waits for the customer). */
const AWAITING = ['new', 'assigned'] as const;

/** Counted on the [status+dueAt] index: range counts and one key, no mention read. */
export async function breachCounts(db: EarshotDb, nowMs: number): Promise<BreachCounts> {
  const soon = nowMs + NEAR_BREACH_MINUTES * 60_000;
  const range = (s: string, from: number, to: number, toOpen: boolean) => db.mentions.where('[status+dueAt]').between([s, from], [s, to], true, !toOpen);
  const per = await Promise.all(
    AWAITING.map(async (s) => {
      const [pastDue, dueSoon, next] = await Promise.all([
        range(s, -Infinity, nowMs, true).count(),
        range(s, nowMs, soon, false).count(),
        range(s, nowMs, soon, false).limit(1).keys(),
      ]);
      const key = next[0] as [string, number] | undefined;
      return { pastDue, dueSoon, nextDueAt: key?.[1] };
    }),
  );
  const nexts = per.map((p) => p.nextDueAt).filter((t): t is number => t !== undefined);
  return {
    pastDue: per.reduce((n, p) => n + p.pastDue, 0),
    dueSoon: per.reduce((n, p) => n + p.dueSoon, 0),
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
