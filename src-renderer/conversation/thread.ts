/**
 * One conversation, read for the thread pane: the mention, what it replied to, the customer's
 * follow-ups (merged into it at ingest, or in the same X conversation), others who joined in, our
 * replies (from `replied` events) and what the team did (assigned, resolved, reopened...), in time order.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { networkId } from '../db/follow-ups';
import { checkedEvents } from '../db/stored-events';

export type ThreadItem =
  | { kind: 'message'; at: number; mention: MentionRecord; role: 'root' | 'customer' | 'other' | 'parent' }
  | { kind: 'reply'; at: number; event: EventRecord }
  | { kind: 'activity'; at: number; event: EventRecord };

export interface Thread {
  root: MentionRecord;
  items: ThreadItem[];
  /** The customer's latest message: what a reply answers (on X, the tweet it replies to). */
  replyTarget: MentionRecord;
  messageCount: number;
}

const ACTIVITY = new Set(['assigned', 'unassigned', 'resolved', 'reopened', 'noise', 'unnoise', 'tagged', 'untagged', 'skipped', 'noted']);
const MAX_MEMBERS = 300;

export async function loadThread(db: EarshotDb, id: string): Promise<Thread | undefined> {
  const opened = await db.mentions.get(id);
  if (!opened) return undefined;
  const root = (opened.threadRootId ? await db.mentions.get(opened.threadRootId) : undefined) ?? opened;

  const members = new Map<string, MentionRecord>([[root.id, root]]);
  const [merged, sameConversation, parent] = await Promise.all([
    db.mentions.where('threadRootId').equals(root.id).limit(MAX_MEMBERS).toArray(),
    root.conversationId ? db.mentions.where('conversationId').equals(root.conversationId).limit(MAX_MEMBERS).toArray() : Promise.resolve([]),
    root.inReplyToId ? db.mentions.get(root.inReplyToId).then((m) => m ?? db.mentions.get(`x:${networkId(root.inReplyToId!)}`)) : Promise.resolve(undefined),
  ]);
  for (const m of [...merged, ...sameConversation]) if (!m.ownReply) members.set(m.id, m);
  if (parent && !members.has(parent.id)) members.set(parent.id, parent);

  const events = checkedEvents(await db.events.where('mentionId').anyOf([...members.keys()]).toArray(), 'the thread').filter((e) => e.type === 'replied' || (e.mentionId === root.id && ACTIVITY.has(e.type)));

  const items: ThreadItem[] = [];
  for (const m of members.values()) {
    const role = m.id === root.id ? 'root' : parent && m.id === parent.id && m.authorKey !== root.authorKey ? 'parent' : m.authorKey === root.authorKey ? 'customer' : 'other';
    items.push({ kind: 'message', at: m.createdMs, mention: m, role });
  }
  for (const e of events) items.push({ kind: e.type === 'replied' ? 'reply' : 'activity', at: Date.parse(e.at), event: e });
  items.sort((a, b) => a.at - b.at || order(a) - order(b));

  const fromCustomer = [...members.values()].filter((m) => m.authorKey === root.authorKey && m.createdMs >= root.createdMs);
  const replyTarget = fromCustomer.sort((a, b) => b.createdMs - a.createdMs)[0] ?? root;
  return { root, items, replyTarget, messageCount: members.size };
}

function order(i: ThreadItem): number {
  return i.kind === 'message' ? 0 : i.kind === 'reply' ? 1 : 2;
}
