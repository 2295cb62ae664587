/** "mk took this 4 s ago": what an agent is told when a teammate's take reached the log first. */
import type { EarshotDb } from './schema';
import type { LostTake } from './apply';
import { checkedEvents } from './stored-events';

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

export async function describeLostTake(db: EarshotDb, lost: LostTake): Promise<string> {
  const events = checkedEvents(await db.events.where('[mentionId+at]').between([lost.mentionId, ''], [lost.mentionId, '\uffff']).toArray(), 'the lost-take notice');
  const theirs = events.filter((e) => e.type === 'assigned' && e.agent === lost.holder).pop();
  const when = theirs ? ` ${ago(Date.parse(lost.at) - Date.parse(theirs.at))}` : ' first';
  return `${lost.holder} took this${when}; it stays with ${lost.holder}.`;
}
