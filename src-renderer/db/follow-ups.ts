/**
 * Conversations at ingest time (called by db/ingest.ts inside the batch's transaction, for mentions
 * that are new, before they are written: reads first, then a plan in memory, then one write). A
 * customer's follow-up after our reply joins the conversation it continues (threadRootId) instead
 * of standing as a second inbox item, and reopens that conversation if it was waiting on the customer
 * or resolved: a `reopened` event ("customer wrote again") and the next-response clock from the
 * follow-up's time. Our own replies heard back from the network join their conversation, closed.
 * A replayed batch has nothing new, so nothing here runs twice.
 *
 * What is a follow-up is decided by shared/follow-ups.ts, the one function the report commands also
 * run over a team log (shared/follow-ups-log.ts), on the state the log alone gives each mention
 * (`confirmed`, not this seat's pending actions), so every seat and `fairness --team` agree. This
 * file reads the IndexedDB side and writes the decisions onto the records (due time, unread).
 */
import Dexie from 'dexie';
import type { EarshotDb, EventRecord, MentionRecord } from './schema';
import { makeEvent } from './events';
import { nextResponseDueFor } from './due';
import { rowsWithAnyOf, type RowsWithAnyOf } from './range-reads';
import { confirmedState } from './pending';
import { contextKeys, followUpSteps, FOLLOW_UP_REASON, networkId, reopenedEventId, type Thread } from '../../src-main/shared/follow-ups';

export { FOLLOW_UP_REASON, networkId };

/** What follow-up detection needs to read, fetched before the batch is written (db/ingest.ts). */
export interface FollowUpContext {
  /** Mentions we answered with one of the batch's ids (our own replies heard back, replies to them). */
  ours: MentionRecord[];
  /** Mentions already stored in the batch's conversations. */
  inConversations: MentionRecord[];
  /** The mentions the batch replies to. */
  parents: Array<MentionRecord | undefined>;
}

/** The reads behind follow-up detection; issued alongside the batch's other reads, before any write. */
export async function readFollowUpContext(db: EarshotDb, fresh: readonly Pick<MentionRecord, 'id' | 'inReplyToId' | 'conversationId'>[]): Promise<FollowUpContext> {
  const keys = contextKeys(fresh);
  // By key range (db/range-reads.ts): most of a batch's conversations and ids have no stored
  // mention, and a run of them then costs one request instead of one each.
  const [ours, inConversations, parents] = await Dexie.Promise.all([
    rowsWithAnyOf(db.mentions, 'replyIds', keys.replyIds, (m) => m.replyIds ?? []),
    rowsWithAnyOf(db.mentions, 'conversationId', keys.conversationIds, (m) => m.conversationId),
    rowsWithAnyOf(db.mentions, ':id', keys.parentIds, (m) => m.id),
  ]);
  const pick = (r: RowsWithAnyOf<MentionRecord>): MentionRecord[] => r.keys.map((id) => r.rows.get(id)!);
  return { ours: pick(ours), inConversations: pick(inConversations), parents: keys.parentIds.map((id) => parents.rows.get(id)) };
}

export interface FollowUps {
  /** The latest record of every mention the batch changed: fresh ones merged, roots reopened. */
  touched: Map<string, MentionRecord>;
  /** `reopened` events, one per conversation the batch reopened. */
  events: EventRecord[];
  merged: number;
  reopened: number;
}

/** A record as follow-up detection sees it: its content and the state the log alone gives it. */
function threadOf(r: MentionRecord): Thread {
  const s = confirmedState(r);
  return {
    id: r.id,
    authorKey: r.authorKey,
    createdMs: r.createdMs,
    conversationId: r.conversationId,
    inReplyToId: r.inReplyToId,
    threadRootId: r.threadRootId,
    status: s.status,
    open: s.open,
    assignee: s.assignee,
    lastReplyAt: s.lastReplyAt,
    replyIds: s.replyIds,
  };
}

/**
 * Follow-ups among `fresh` (mentions new to this inbox, not yet written, in log order), worked out
 * in memory from `ctx`; `lookup` reads a mention the context does not hold (a thread root further
 * back: rare). The caller writes `touched` in place of the fresh records it replaces, so each is
 * written once.
 */
export async function planFollowUps(
  fresh: readonly MentionRecord[],
  ctx: FollowUpContext,
  lookup: (id: string) => Promise<MentionRecord | undefined>,
  at?: string,
): Promise<FollowUps> {
  const out: FollowUps = { touched: new Map(), events: [], merged: 0, reopened: 0 };
  if (!fresh.length) return out;
  const records = new Map<string, MentionRecord>();
  for (const m of [...ctx.ours, ...ctx.inConversations, ...ctx.parents]) if (m) records.set(m.id, m);
  for (const f of fresh) if (!records.has(f.id)) records.set(f.id, f);
  // The shared rule is synchronous (it runs inside the page's transaction, where waiting on native
  // async calls loses the transaction: PrematureCommitError). It runs on what is in memory; the
  // records it missed (a thread's root) are read in one go and it runs again, until it misses none.
  // It is pure, so the last run decides.
  const missed = new Set<string>();
  const absent = new Set<string>();
  const look = (id: string): Thread | undefined => {
    const r = records.get(id);
    if (!r && !absent.has(id)) missed.add(id);
    return r && threadOf(r);
  };
  const context = { ours: ctx.ours.map(threadOf), inConversations: ctx.inConversations.map(threadOf), parents: ctx.parents.map((p) => p && threadOf(p)) };
  let steps = followUpSteps(fresh.map(threadOf), context, look);
  while (missed.size) {
    const ids = [...missed];
    missed.clear();
    const rows = await Promise.all(ids.map(lookup));
    ids.forEach((id, i) => (rows[i] ? records.set(id, rows[i]) : absent.add(id)));
    steps = followUpSteps(fresh.map(threadOf), context, look);
  }
  const latest = (id: string): MentionRecord => out.touched.get(id) ?? records.get(id)!;
  const put = (m: MentionRecord): void => void out.touched.set(m.id, m);
  for (const step of steps) {
    const f = latest(step.id);
    if (step.kind === 'own-reply') {
      put({ ...f, status: 'resolved', open: 0, ownReply: 1, threadRootId: step.rootId });
      continue;
    }
    put({ ...f, status: 'resolved', open: 0, threadRootId: step.rootId });
    out.merged++;
    const root = latest(step.rootId);
    if (!step.reopen) {
      put({ ...root, seen: 0 });
      continue;
    }
    // Shown with this seat's pending assignment, if any; the confirmed state is the log's decision.
    const shown = root.assignee ? ('assigned' as const) : ('new' as const);
    const confirmed = root.confirmed ? { confirmed: { ...root.confirmed, status: step.reopen.status, open: 1 as const } } : {};
    put({ ...root, status: shown, open: 1, ...confirmed, seen: 0, dueAt: nextResponseDueFor(root.channel, f.createdMs) });
    // Derived the same way on every seat from the same arrival, so its id is derived too.
    out.events.push(makeEvent('reopened', root.id, { id: reopenedEventId(f.id), at: at ?? f.createdAt, data: { reason: FOLLOW_UP_REASON, followUpId: f.id } }));
    out.reopened++;
  }
  return out;
}
