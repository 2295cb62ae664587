/** Mentions into a test database the way delivery writes them: as a page of log entries after the stored position. */
import type { EarshotDb } from '../../../src-renderer/db/schema';
import { applyPage, readPosition, type ApplyResult } from '../../../src-renderer/db/apply';
import { mentionEntry, type LogEntry } from '../../../src-main/shared/log-entry';
import type { Mention } from '../../../src-main/shared/mention';

export const TEST_LOG = 'log-test';

/** Positioned entries starting at `from` + 1. */
export function page(entries: readonly LogEntry[], from: number): Array<{ position: number; entry: LogEntry }> {
  return entries.map((entry, i) => ({ position: from + i + 1, entry }));
}

export async function applyEntries(db: EarshotDb, entries: readonly LogEntry[], logId = TEST_LOG): Promise<ApplyResult> {
  const pos = await readPosition(db);
  const from = pos?.logId === logId ? pos.position : 0;
  return applyPage(db, page(entries, from), logId);
}

export function applyMentions(db: EarshotDb, mentions: readonly Mention[], logId = TEST_LOG): Promise<ApplyResult> {
  return applyEntries(
    db,
    mentions.map((m) => mentionEntry(m, m.receivedAt ?? '2026-11-20T12:00:00.000Z')),
    logId,
  );
}

/** What delivery does for this seat's actions: they go up, and come back from the log in order. */
export async function confirmPending(db: EarshotDb, logId = TEST_LOG): Promise<ApplyResult> {
  const pending = await db.pending.orderBy('seq').toArray();
  return applyEntries(db, pending.map((p) => p.entry), logId);
}
