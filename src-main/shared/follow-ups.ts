/**
 * Follow-ups, as every reader of the log derives them (one function: the renderer when it applies
 * mentions, src-renderer/db/follow-ups.ts; the report commands when they read a team log,
 * follow-ups-log.ts). A customer's follow-up after our reply — same X conversation, or a reply to one
 * of our replies, from the same author — joins the conversation it continues (its thread root)
 * instead of standing as a second request, and reopens that conversation if it was waiting on the
 * customer or resolved. Our own replies heard back from the network join their conversation, closed.
 *
 * Why it is derived rather than logged: every seat hears the same mention entries and folds the same
 * workflow entries, so it reaches the same decision from the log alone; a logged reopening would be
 * written once per seat (or need a writer chosen among them). For that to hold, the decision reads
 * only what the log gives: a mention's content and its confirmed workflow state (never this seat's
 * actions still on their way to the log), and mentions are taken in log order, one after the other,
 * so how a reader cuts the log into pages changes nothing.
 */
import type { Status } from './workflow';

export const FOLLOW_UP_REASON = 'customer wrote again';

/** The network's own id: `x:186…` and `186…` are the same tweet. */
export function networkId(id: string): string {
  return id.startsWith('x:') ? id.slice(2) : id;
}

/** The id of the `reopened` event a follow-up causes: derived the same way on every reader. */
export const reopenedEventId = (followUpId: string): string => `reopened:${followUpId}`;

/** What follow-up detection reads of a mention: its content, and the state the log gives it. */
export interface Thread {
  id: string;
  authorKey: string;
  createdMs: number;
  conversationId?: string;
  inReplyToId?: string;
  /** Set once the mention joined a conversation (as a follow-up or our own reply heard back). */
  threadRootId?: string;
  status: Status;
  open: 0 | 1;
  assignee?: string;
  lastReplyAt?: number;
  /** Network ids of our replies. */
  replyIds?: string[];
}

/** The mentions detection needs besides the fresh ones (read before, by whoever holds them). */
export interface ThreadContext {
  /** Mentions whose replies have the fresh ids, or the ids the fresh ones reply to. */
  ours: readonly Thread[];
  /** Mentions already known in the fresh ones' conversations. */
  inConversations: readonly Thread[];
  /** The mentions the fresh ones reply to, where known. */
  parents: ReadonlyArray<Thread | undefined>;
}

/** What one fresh mention turned out to be. */
export type FollowUpStep =
  /** Our own reply heard back: joins `rootId`, closed. */
  | { kind: 'own-reply'; id: string; rootId: string }
  /**
   * The customer writing again in `rootId`'s conversation: joins it. `reopen` when the root was
   * waiting on the customer or closed: it goes back to the queue with that status.
   */
  | { kind: 'follow-up'; id: string; rootId: string; reopen?: { status: 'new' | 'assigned' } };

/** Which ids to read for `fresh` (the reader fetches ThreadContext with them). */
export function contextKeys(fresh: readonly Pick<Thread, 'id' | 'inReplyToId' | 'conversationId'>[]): { replyIds: string[]; conversationIds: string[]; parentIds: string[] } {
  const replyIds = new Set<string>();
  for (const f of fresh) {
    replyIds.add(networkId(f.id));
    if (f.inReplyToId) replyIds.add(networkId(f.inReplyToId));
  }
  const conversationIds = [...new Set(fresh.map((f) => f.conversationId).filter((c): c is string => Boolean(c)))];
  const parentIds = [...new Set(fresh.flatMap((f) => (f.inReplyToId ? [f.inReplyToId, `x:${networkId(f.inReplyToId)}`] : [])))];
  return { replyIds: [...replyIds], conversationIds, parentIds };
}

/**
 * The steps for `fresh` (mentions new to the reader, in log order), worked out from `ctx` and, for a
 * thread root the context does not hold, `lookup`. Several follow-ups in one call compose: each
 * sees the joins and reopenings of those before it. Synchronous on purpose: the renderer runs it
 * inside an IndexedDB transaction, where waiting on anything but the database loses the transaction
 * (a reader that must fetch what `lookup` lacks runs it again with more; db/follow-ups.ts).
 */
export function followUpSteps(fresh: readonly Thread[], ctx: ThreadContext, lookup: (id: string) => Thread | undefined): FollowUpStep[] {
  const steps: FollowUpStep[] = [];
  if (!fresh.length) return steps;
  const current = new Map<string, Thread>();
  for (const m of [...ctx.ours, ...ctx.inConversations, ...ctx.parents]) if (m) current.set(m.id, m);
  for (const f of fresh) if (!current.has(f.id)) current.set(f.id, f);
  const get = (id: string): Thread | undefined => current.get(id) ?? lookup(id);
  const rootOf = (m: Thread | undefined): Thread | undefined => (m?.threadRootId ? get(m.threadRootId) : m);
  const byReplyId = new Map<string, string>();
  for (const m of ctx.ours) for (const r of m.replyIds ?? []) byReplyId.set(r, m.id);
  // Conversations we answered, by conversation id: only these can be continued.
  const answeredIn = new Map<string, Set<string>>();
  const noteAnswered = (m: Thread): void => {
    if (!m.conversationId || m.threadRootId || m.lastReplyAt === undefined) return;
    const set = answeredIn.get(m.conversationId) ?? new Set<string>();
    set.add(m.id);
    answeredIn.set(m.conversationId, set);
  };
  for (const m of current.values()) noteAnswered(m);
  const put = (m: Thread): void => {
    current.set(m.id, m);
    noteAnswered(m);
  };

  for (const f0 of fresh) {
    const f = current.get(f0.id) ?? f0;
    const ownRoot = byReplyId.get(networkId(f.id));
    if (ownRoot) {
      put({ ...f, status: 'resolved', open: 0, threadRootId: ownRoot });
      steps.push({ kind: 'own-reply', id: f.id, rootId: ownRoot });
      continue;
    }
    const candidates: Array<Thread | undefined> = [];
    if (f.inReplyToId) {
      const viaOurReply = byReplyId.get(networkId(f.inReplyToId));
      if (viaOurReply) candidates.push(rootOf(get(viaOurReply)));
      candidates.push(rootOf(get(f.inReplyToId) ?? get(`x:${networkId(f.inReplyToId)}`)));
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
    if (root.open === 0 || root.status === 'waiting') {
      const status = root.assignee ? ('assigned' as const) : ('new' as const);
      put({ ...root, status, open: 1 });
      steps.push({ kind: 'follow-up', id: f.id, rootId: root.id, reopen: { status } });
    } else {
      steps.push({ kind: 'follow-up', id: f.id, rootId: root.id });
    }
  }
  return steps;
}
