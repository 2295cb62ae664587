/**
 * Mentions written as history (an imported event log, the demo weeks) are stored but are not news:
 * the live region must not say "1,099 new mentions" and the inbox must not show "1,099 new since
 * you last looked" because the demo history was written. The total both read is every mention
 * stored (db/awaiting-due.ts), told by the same due changes (db/due-changes.ts) as this count: the
 * importer marks its transaction (writesHistory), and its change says `history`. So the history
 * stored is counted exactly, whatever the moment the live region counts. Only mentions: an imported
 * open mention already past its due time still counts as a breach the live region says (the banner
 * shows it too).
 */
import type { DueChange } from '../db/due-changes';

/** The history mentions stored after `c`, from `n` before it. A clear (a change that did not say which) leaves none. */
export function historyAfter(n: number, c: DueChange): number {
  if ('all' in c) return 0;
  if (!c.history) return n;
  return Math.max(0, n + c.due.length - c.gone.length);
}

/** The stored total without the history stored. */
export const liveTotal = (total: number, history: number): number => Math.max(0, total - history);
