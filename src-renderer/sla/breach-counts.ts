/** How many mentions waiting for us are past due, and how many fall due soon (the banner's numbers). */
import type { EarshotDb } from '../db/schema';
import { awaitsUs } from './skip-guard';

export const NEAR_BREACH_MINUTES = 15;

export interface BreachCounts {
  pastDue: number;
  dueSoon: number;
  /** Due time of the next mention to fall due, if any (so the banner knows when to look again). */
  nextDueAt?: number;
}

export async function breachCounts(db: EarshotDb, nowMs: number): Promise<BreachCounts> {
  const soon = nowMs + NEAR_BREACH_MINUTES * 60_000;
  const rows = await db.mentions
    .where('[open+dueAt+createdMs]')
    .between([1, -Infinity, -Infinity], [1, soon, Infinity], true, true)
    .filter(awaitsUs)
    .toArray();
  let pastDue = 0;
  let dueSoon = 0;
  let nextDueAt: number | undefined;
  for (const m of rows) {
    if (m.dueAt < nowMs) pastDue++;
    else {
      dueSoon++;
      nextDueAt = Math.min(nextDueAt ?? Infinity, m.dueAt);
    }
  }
  return { pastDue, dueSoon, nextDueAt };
}

/** "3 mentions past due, 2 due within 15 minutes"; empty when nothing is late or close. */
export function breachLine(c: BreachCounts): string {
  const parts: string[] = [];
  if (c.pastDue) parts.push(`${c.pastDue} mention${c.pastDue === 1 ? '' : 's'} past due`);
  if (c.dueSoon) parts.push(`${c.dueSoon}${c.pastDue ? '' : ` mention${c.dueSoon === 1 ? '' : 's'}`} due within ${NEAR_BREACH_MINUTES} minutes`);
  return parts.join(', ');
}
