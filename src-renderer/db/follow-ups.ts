/**
 * Conversations at ingest time (called by db/ingest.ts inside the batch's transaction, for mentions
 * that are new). A customer's follow-up after our reply — same X conversation, or a reply to one of
 * our replies, from the same author — joins the conversation it continues (threadRootId) instead of
 * standing as a second inbox item, and reopens that conversation if it was waiting on the customer
 * or resolved: a `reopened` event ("customer wrote again") and the next-response clock from the
 * follow-up's time. Our own replies heard back from the network join their conversation, closed.
 * A replayed batch has nothing new, so nothing here runs twice.
 */
import type { EarshotDb, EventRecord, MentionRecord } from './schema';
import { makeEvent } from './events';
import { nextResponseDueFor } from './due';

export const FOLLOW_UP_REASON = 'customer wrote again';

/** The network's own id: `x:186…` and `186…` are the same tweet. */
export function networkId(id: string): string {
  return id.startsWith('x:') ? id.slice(2) : id;
}

export async function applyFollowUps(db: EarshotDb, fresh: readonly MentionRecord[], at?: string): Promise<{ merged: number; reopened: number }> {
  if (!fresh.length) return { merged: 0, reopened: 0 };
  return db.transaction('rw', db.mentions, db.events, async () => {
    const candidateIds = new Set<string>();
    for (const f of fresh) {
      candidateIds.add(networkId(f.id));
      if (f.inReplyToId) candidateIds.add(networkId(f.inReplyToId));
    }
    const convIds = [...new Set(fresh.map((f) => f.conversationId).filter((c): c is string => Boolean(c)))];
    const parentKeys = [...new Set(fresh.flatMap((f) => (f.inReplyToId ? [f.inReplyToId, `x:${networkId(f.inReplyToId)}`] : [])))];
    const [ours, inConversations, parents] = await Promise.all([
      db.mentions.where('replyIds').anyOf([...candidateIds]).toArray(),
      convIds.length ? db.mentions.where('conversationId').anyOf(convIds).toArray() : Promise.resolve([]),
      db.mentions.bulkGet(parentKeys),
    ]);

    // Latest state of every mention this batch touches, so several follow-ups in one batch compose.
    const current = new Map<string, MentionRecord>();
    for (const m of [...ours, ...inConversations, ...parents]) if (m) current.set(m.id, m);
    const get = async (id: string): Promise<MentionRecord | undefined> => current.get(id) ?? (await db.mentions.get(id));
    const rootOf = async (m: MentionRecord | undefined): Promise<MentionRecord | undefined> => (m?.threadRootId ? await get(m.threadRootId) : m);
    const byReplyId = new Map<string, string>();
    for (const m of ours) for (const r of m.replyIds ?? []) byReplyId.set(r, m.id);

    const touched = new Map<string, MentionRecord>();
    const events: EventRecord[] = [];
    let merged = 0;
    let reopened = 0;
    const put = (m: MentionRecord): void => {
      current.set(m.id, m);
      touched.set(m.id, m);
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
        const answered = [...current.values()].filter(
          (m) => m.conversationId === f.conversationId && m.id !== f.id && !m.threadRootId && m.authorKey === f.authorKey && m.lastReplyAt !== undefined,
        );
        candidates.push(answered.sort((a, b) => (b.lastReplyAt ?? 0) - (a.lastReplyAt ?? 0))[0]);
      }
      // The customer (same author) writing after our last reply in a conversation that is not noise.
      const root = candidates.find(
        (r) => r && r.id !== f.id && r.authorKey === f.authorKey && r.status !== 'noise' && r.lastReplyAt !== undefined && f.createdMs > r.lastReplyAt,
      );
      if (!root) continue;

      put({ ...f, status: 'resolved', open: 0, threadRootId: root.id });
      merged++;
      if (root.open === 0 || root.status === 'waiting') {
        const reopenedState = { status: root.assignee ? ('assigned' as const) : ('new' as const), open: 1 as const };
        // Also on the state the log alone gives, when this seat has actions of its own pending on it.
        const confirmed = root.confirmed ? { confirmed: { ...root.confirmed, status: root.confirmed.assignee ? ('assigned' as const) : ('new' as const), open: 1 as const } } : {};
        put({ ...root, ...reopenedState, ...confirmed, seen: 0, dueAt: nextResponseDueFor(root.channel, f.createdMs) });
        // Derived the same way on every seat from the same arrival, so its id is derived too.
        events.push(makeEvent('reopened', root.id, { id: `reopened:${f.id}`, at: at ?? f.createdAt, data: { reason: FOLLOW_UP_REASON, followUpId: f.id } }));
        reopened++;
      } else {
        put({ ...root, seen: 0 });
      }
    }
    if (touched.size) await db.mentions.bulkPut([...touched.values()]);
    if (events.length) await db.events.bulkPut(events);
    return { merged, reopened };
  });
}
