/**
 * This seat's actions on their way to the log (DESIGN.md "The log is the system of record"). An
 * action shows at once: its entries are folded onto the mention (shared/workflow.ts), written to the
 * events table and kept here, in one transaction. delivery/pending-sender.ts sends them to main;
 * they leave this table when the log delivers them back (db/apply.ts), in log order, which is
 * when the mention's state is folded again from what the log says plus what is still pending.
 */
import type { WorkflowEntry } from '../../src-main/shared/log-entry';
import { foldEntries, pickWorkflow, WORKFLOW_FIELDS, type WorkflowState } from '../../src-main/shared/workflow';
import type { EarshotDb, MentionRecord, PendingRecord } from './schema';

const listeners = new Set<() => void>();

/** The sender listens: something new is waiting to go up. */
export function onPendingAdded(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Called once the transaction that added pending entries has committed. */
export function pendingAdded(): void {
  for (const cb of listeners) cb();
}

/** Writes a mention's workflow fields from a state, removing those the state does not have. */
export function withState(row: MentionRecord, state: WorkflowState): MentionRecord {
  const out = { ...row } as Record<string, unknown>;
  for (const k of WORKFLOW_FIELDS) {
    const v = state[k];
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as unknown as MentionRecord;
}

/** The state the log alone gives this mention (what it shows when nothing of ours is pending). */
export function confirmedState(row: MentionRecord): WorkflowState {
  return row.confirmed ?? pickWorkflow(row);
}

/** This seat's pending entries on these mentions, oldest first, grouped by mention. */
export async function pendingByMention(db: EarshotDb, mentionIds: readonly string[]): Promise<Map<string, PendingRecord[]>> {
  const rows = mentionIds.length ? await db.pending.where('mentionId').anyOf([...mentionIds]).toArray() : [];
  rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const out = new Map<string, PendingRecord[]>();
  for (const r of rows) {
    if (!r.mentionId) continue;
    const list = out.get(r.mentionId) ?? [];
    list.push(r);
    out.set(r.mentionId, list);
  }
  return out;
}

/**
 * A mention as it shows: the confirmed state with the still-pending entries folded on top. The
 * `confirmed` snapshot is kept only while something is pending.
 */
export function showWith(row: MentionRecord, confirmed: WorkflowState, pending: readonly PendingRecord[]): MentionRecord {
  const visible = pending.length ? foldEntries(confirmed, pending.map((p) => p.entry as WorkflowEntry)).state : confirmed;
  const out = withState(row, visible);
  if (pending.length) out.confirmed = confirmed;
  else delete out.confirmed;
  return out;
}

/**
 * Main refused entries (they failed validation there): they never happened. Removes them, their
 * event rows, and folds the mentions they touched again without them.
 */
export async function dropPending(db: EarshotDb, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.transaction('rw', [db.mentions, db.events, db.pending], async () => {
    const rows = await db.pending.where('id').anyOf([...ids]).toArray();
    await db.pending.where('id').anyOf([...ids]).delete();
    await db.events.bulkDelete([...ids]);
    const mentionIds = [...new Set(rows.map((r) => r.mentionId).filter((m): m is string => Boolean(m)))];
    const [mentions, pending] = await Promise.all([db.mentions.bulkGet(mentionIds), pendingByMention(db, mentionIds)]);
    const puts: MentionRecord[] = [];
    for (const m of mentions) if (m) puts.push(showWith(m, confirmedState(m), pending.get(m.id) ?? []));
    await db.mentions.bulkPut(puts);
  });
}
