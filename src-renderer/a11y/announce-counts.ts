/**
 * The live region's two numbers (every mention, and those past due), from what is held in memory
 * (db/awaiting-due.ts: read once, then kept from what each write tells). Until stop 26 the total was
 * IndexedDB's count of the store after writes: on disk 0.4-0.5 s at 100,000 mentions, paced to a
 * fifth of the time, and a polled mention's write that came meanwhile waited for it; at 200,000
 * mentions with 120,000 open, counting also the past-due range took 3-4 s and, asked every 2 s, piled
 * up without end. Now both come from the same moment's held figures, so they always go together (a
 * mention that arrives past due is one sentence: new, and past its due time).
 */
import type { EarshotDb } from '../db/schema';
import { awaitingDue, storedMentions } from '../db/awaiting-due';

export interface AnnounceCounts {
  total: number;
  pastDue: number;
}

/** The counts as of `nowMs`; the first ask reads the store once (awaiting-due.ts), later ones read nothing. */
export async function announceCounts(db: EarshotDb, nowMs: number): Promise<AnnounceCounts> {
  const [held, total] = await Promise.all([awaitingDue(db), storedMentions(db)]);
  return { total, pastDue: held.pastDue(nowMs, 'late') };
}
