/**
 * Conversations at ingest time (called by db/ingest.ts inside the batch's transaction, for mentions
 * that are new, before they are written: reads first, then a plan in memory, then one write). A
 * customer's follow-up after our reply — same X conversation, or a reply to one of our replies,
 * from the same author — joins the conversation it continues (threadRootId) instead of
 * standing as a second inbox item, and reopens that conversation if it was waiting on the customer
 * or resolved: a `reopened` event ("customer wrote again") and the next-response clock from the
 * follow-up's time. Our own replies heard back from the network join their conversation, closed.
 * A replayed batch has nothing new, so nothing here runs twice.
 */
import type { EarshotDb, EventRecord, MentionRecord } from './schema';
import { makeEvent } from './events';
import { nextResponseDueFor } from './due';
import { rowsWithAnyOf } from './any-of';

export const FOLLOW_UP_REASON = 'customer wrote again';

/** The network's own id: `x:186…` and `186…` are the same tweet. */
export function networkId(id: string): string {
  return id.startsWith('x:') ? id.slice(2) : id;
}

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
  const candidateIds = new Set<string>();
  for (const f of fresh) {
    candidateIds.add(networkId(f.id));
    if (f.inReplyToId) candidateIds.add(networkId(f.inReplyToId));
  }
  const convIds = [...new Set(fresh.map((f) => f.conversationId).filter((c): c is string => Boolean(c)))];
  const parentKeys = [...new Set(fresh.flatMap((f) => (f.inReplyToId ? [f.inReplyToId, `x:${networkId(f.inReplyToId)}`] : [])))];
  const [ours, inConversations, parents] = await Promise.all([
    rowsWithAnyOf(db.mentions, 'replyIds', [...candidateIds]),
    rowsWithAnyOf(db.mentions, 'conversationId', convIds),
    parentKeys.length ? db.mentions.bulkGet(parentKeys) : Promise.resolve([]),
  ]);
  return { ours, inConversations, parents };
}

export interface FollowUps {
  /** The latest record of every mention the batch changed: fresh ones merged, roots reopened. */
  touched: Map<string, MentionRecord>;
  /** `reopened` events, one per conversation the batch reopened. */
  events: EventRecord[];
  merged: number;
  reopened: number;
}

/**
 * Follow-ups among `fresh` (mentions new to this inbox, not yet written), worked out in memory from
 * `ctx`; `lookup` reads a mention the context does not hold (a thread root further back: rare).
 * The caller writes `touched` in place of the fresh records it replaces, so each is written once.
 */
export async function planFollowUps(
  fresh: readonly MentionRecord[],
  ctx: FollowUpContext,
  lookup: (id: string) => Promise<MentionRecord | undefined>,
  at?: string,
): Promise<FollowUps> {
  const out: FollowUps = { touched: new Map(), events: [], merged: 0, reopened: 0 };
  if (!fresh.length) return out;
  const { ours, inConversations, parents } = ctx;
  // Latest state of every mention this batch touches, so several follow-ups in one batch compose.
  const current = new Map<string, MentionRecord>();
  for (const m of [...ours, ...inConversations, ...parents]) if (m) current.set(m.id, m);
  for (const f of fresh) if (!current.has(f.id)) current.set(f.id, f);
  const get = async (id: string): Promise<MentionRecord | undefined> => current.get(id) ?? (await lookup(id));
  const rootOf = async (m: MentionRecord | undefined): Promise<MentionRecord | undefined> => (m?.threadRootId ? await get(m.threadRootId) : m);
  const byReplyId = new Map<string, string>();
  for (const m of ours) for (const r of m.replyIds ?? []) byReplyId.set(r, m.id);
  // Conversations we answered, by conversation id: only these can be continued.
  const answeredIn = new Map<string, Set<string>>();
  const noteAnswered = (m: MentionRecord): void => {
    if (!m.conversationId || m.threadRootId || m.lastReplyAt === undefined) return;
    const set = answeredIn.get(m.conversationId) ?? new Set<string>();
    set.add(m.id);
    answeredIn.set(m.conversationId, set);
  };
  for (const m of current.values()) noteAnswered(m);
  const put = (m: MentionRecord): void => {
    current.set(m.id, m);
    out.touched.set(m.id, m);
    noteAnswered(m);
  };

  for (const f0 of [...fresh].sort((a, b) => a.createdMs - b.createdMs)) {
    const f = current.get(f0.id) ?? f0;
    const ownRoot = byReplyId.get(networkId(f.id));
    if (ownRoot) {
      put({ ...f, status: 'resolved', open: 0, ownReply: 1, threadRootId: ownRoot });
      continue;
    }
    const candidates: Array<MentionRecord | undefined> = [];
    if (f.inReplyToId) {
      const viaOurReply = byReplyId.get(networkId(f.inReplyToId));
      if (viaOurReply) candidates.push(await rootOf(await get(viaOurReply)));
      candidates.push(await rootOf((await get(f.inReplyToId)) ?? (await get(`x:${networkId(f.inReplyToId)}`))));
    }
    if (f.conversationId) {
      const answered = [...(answeredIn.get(f.conversationId) ?? [])]
        .map((id) => current.get(id)!)
        .filter((m) => m.conversationId === f.conversationId && m.id !== f.id && !m.threadRootId && m.authorKey === f.authorKey && m.lastReplyAt !== undefined);
      candidates.push(answered.sort((a, b) => (b.lastReplyAt ?? 0) - (a.lastReplyAt ?? 0))[0]);
    }
    // The customer (same author) writing after our last reply in a conversation that is not noise.
    const root = candidates.find(
      (r) => r && r.id !== f.id && r.authorKey === f.authorKey && r.status !== 'noise' && r.lastReplyAt !== undefined && f.createdMs > r.lastReplyAt,
    );
    if (!root) continue;

    put({ ...f, status: 'resolved', open: 0, threadRootId: root.id });
    out.merged++;
    if (root.open === 0 || root.status === 'waiting') {
      const reopenedState = { status: root.assignee ? ('assigned' as const) : ('new' as const), open: 1 as const };
      // Also on the state the log alone gives, when this seat has actions of its own pending on it.
      const confirmed = root.confirmed ? { confirmed: { ...root.confirmed, status: root.confirmed.assignee ? ('assigned' as const) : ('new' as const), open: 1 as const } } : {};
      put({ ...root, ...reopenedState, ...confirmed, seen: 0, dueAt: nextResponseDueFor(root.channel, f.createdMs) });
      // Derived the same way on every seat from the same arrival, so its id is derived too.
      out.events.push(makeEvent('reopened', root.id, { id: `reopened:${f.id}`, at: at ?? f.createdAt, data: { reason: FOLLOW_UP_REASON, followUpId: f.id } }));
      out.reopened++;
    } else {
      put({ ...root, seen: 0 });
    }
  }
  return out;
}
