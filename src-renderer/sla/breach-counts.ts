/** How many mentions waiting for us are past due, and how many fall due soon (the banner's numbers). */
import type { EarshotDb } from '../db/schema';
import { awaitingDue } from '../db/awaiting-due';

export const NEAR_BREACH_MINUTES = 15;

export interface BreachCounts {
  pastDue: number;
  dueSoon: number;
  /** Due time of the next mention to fall due, if any (so the banner knows when to look again). */
  nextDueAt?: number;
}

/** From the due times held in memory (db/awaiting-due.ts): no walk of the index once they are read. */
export async function breachCounts(db: EarshotDb, nowMs: number): Promise<BreachCounts> {
  const due = await awaitingDue(db);
  const soonUntil = nowMs + NEAR_BREACH_MINUTES * 60_000;
  const nextDueAt = due.nextDue(nowMs, soonUntil);
  return {
    pastDue: due.pastDue(nowMs, 'soon'),
    dueSoon: due.dueBetween(nowMs, soonUntil),
    ...(nextDueAt !== undefined ? { nextDueAt } : {}),
  };
}

/** "3 mentions past due, 2 due within 15 minutes"; empty when nothing is late or close. */
export function breachLine(c: BreachCounts): string {
  const parts: string[] = [];
  if (c.pastDue) parts.push(`${c.pastDue} mention${c.pastDue === 1 ? '' : 's'} past due`);
  if (c.dueSoon) parts.push(`${c.dueSoon}${c.pastDue ? '' : ` mention${c.dueSoon === 1 ? '' : 's'}`} due within ${NEAR_BREACH_MINUTES} minutes`);
  return parts.join(', ');
}
