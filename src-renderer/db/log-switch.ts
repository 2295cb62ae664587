/**
 * A profile that applied one log and is now served another (a seat that worked solo on its journal
 * and joined its team, at start or while running): it rebuilds from what the new log alone gives
 * (DESIGN.md "The log is the system of record"). Applying the team log on top of the solo state
 * would let the solo run win conflicts the log decides otherwise (this seat's take of a mention
 * showing over a teammate's earlier one), so this seat would differ from every other. Nothing is
 * lost by forgetting: the solo run was pushed up to the team log, and this seat's actions not yet in
 * any log stay in `pending` and are folded on top again as the rebuild brings their mentions.
 *
 * Table by table (db/schema.ts):
 * - cleared, from the log: mentions (and their `search` rows, derived from them), authors (derived
 *   from mentions), events (except this seat's pending actions' own rows), policies, customers,
 *   authorLinks; meta `position` (applied from 0 again), `savedReplies` (team data); the report's and
 *   VoC's caches of those tables (`reportFacts`, `reportFactsHeader`, `vocColumns`, `vocOutcomes`);
 *   a queued re-tag (`retag`: its mentions are gone, and the new log's own rules entries queue theirs).
 * - kept, this seat's alone: `pending` (not yet in the log), `drafts` (unsent replies), `views`
 *   (saved views), meta `settings`, `reportIntervals` (a cache of a pure function of samples: the
 *   same samples give the same interval whatever log they came from), the topic journal
 *   (`topicsChanged:*`, append-only: its keys must keep growing past what readers remember; entries
 *   naming mentions that are gone are ignored by its readers).
 * - moved on: `oldWrites` is bumped (never reset, so a report's facts held in memory see that
 *   everything below their window changed), `demoHistory` becomes `removed` when it was seeded (the
 *   seeded weeks were in the cleared tables and are not seeded into a team's history again).
 */
import type { TypedLogEntry } from '../../src-main/shared/log-entry';
import type { AppliedPosition } from './apply';
import type { EarshotDb, MentionRecord } from './schema';
import { bumpOldWrites } from './old-writes';
import { applyTeamData, isTeamData } from './team-data';
import { setPolicyRecords } from './policies';
import { confirmedState, pendingByMention, showWith } from './pending';

/** The meta keys whose values come from the cleared tables. */
const DERIVED_META = ['position', 'savedReplies', 'reportFacts', 'reportFactsHeader', 'vocColumns', 'vocOutcomes', 'retag'] as const;

/**
 * Whether main's answer to hello means this profile holds another log's state (another log id). A
 * profile that applied nothing has nothing to forget. (A replay of the same log starting below the
 * applied position is left to apply as before: main answers that only for a position past its head.)
 */
export function servesAnotherLog(applied: AppliedPosition | undefined, answer: { logId: string }): boolean {
  return applied !== undefined && applied.logId !== answer.logId;
}

/**
 * Clears what came from the log, in one transaction (a crash leaves the old state or the cleared
 * one, never half), keeping this seat's own data; see the file comment for each table.
 */
export async function forgetAppliedLog(db: EarshotDb): Promise<void> {
  await db.transaction('rw', [db.mentions, db.authors, db.events, db.search, db.meta, db.pending, db.policies, db.customers, db.authorLinks], async () => {
    const pending = await db.pending.orderBy('seq').toArray();
    // A pending action's event row is written when it is made (db/actions.ts) and shows in the
    // history until the log confirms it: kept, as nothing in the new log has it yet.
    const ownEvents = (await db.events.bulkGet(pending.map((p) => p.id))).filter((e) => e !== undefined);
    // One by one: the search rows go with the mentions (db/derived.ts clears them on a clear()).
    for (const table of [db.mentions, db.search, db.authors, db.events, db.policies, db.customers, db.authorLinks]) await table.clear();
    if (ownEvents.length) await db.events.bulkPut(ownEvents);
    await db.meta.bulkDelete([...DERIVED_META]);
    await bumpOldWrites(db);
    const demo = await db.meta.get('demoHistory');
    if ((demo?.value as { state?: unknown } | undefined)?.state === 'seeded') await db.meta.put({ key: 'demoHistory', value: { state: 'removed', at: new Date().toISOString() } });
    // This seat's own team data not yet in the log shows again at once, as when it was made.
    const team = pending.map((p) => p.entry as TypedLogEntry).filter(isTeamData);
    if (team.length) await applyTeamData(db, team, []);
    // Due times of the rebuild's first page use the policies now stored (the live query lags).
    setPolicyRecords(await db.policies.toArray());
  });
}

/**
 * Mentions new to this profile that this seat has pending actions on (only after a log switch: an
 * action is otherwise made on a mention already here) show them folded on top at once, as the
 * actions showed before. Call inside applyPage's transaction, right after the mentions are written.
 */
export async function foldPendingOnArrivals(db: EarshotDb, mentionIds: readonly string[]): Promise<void> {
  if (!mentionIds.length || (await db.pending.count()) === 0) return;
  const pending = await pendingByMention(db, mentionIds);
  if (!pending.size) return;
  const rows = await db.mentions.bulkGet([...pending.keys()]);
  const puts: MentionRecord[] = [];
  for (const row of rows) {
    // Already folded when it holds a confirmed snapshot (the actions were made on it here).
    if (!row || row.confirmed) continue;
    puts.push(showWith(row, confirmedState(row), pending.get(row.id)!));
  }
  if (puts.length) await db.mentions.bulkPut(puts);
}
