/**
 * An author's history with us, cradle to grave: every mention on every linked identity, our replies
 * and how long each took, tags, notes, and the customer record that matches.
 */
import type { AuthorRecord, CustomerRecord, EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { linkedKeys } from './links';
import { customerForAuthors } from '../customers/match';
import { checkedEvents } from '../db/stored-events';

export interface AuthorHistory {
  keys: string[];
  identities: AuthorRecord[];
  /** Newest first, at most MAX_MENTIONS; the figures below are over these. */
  mentions: MentionRecord[];
  /** Every mention of theirs, however many. */
  total: number;
  replies: Map<string, EventRecord[]>;
  notes: EventRecord[];
  tags: Array<[string, number]>;
  thisMonth: number;
  answered: number;
  medianAnswerMs?: number;
  lastAnswerMs?: number;
  customer?: CustomerRecord;
}

const MAX_MENTIONS = 200;

export function answerMs(m: MentionRecord): number | undefined {
  return m.firstReplyAt === undefined ? undefined : Math.max(0, m.firstReplyAt - m.createdMs);
}

export async function loadAuthorHistory(db: EarshotDb, authorKey: string, now = Date.now()): Promise<AuthorHistory> {
  const keys = await linkedKeys(db, authorKey);
  const byAuthor = (k: string) => db.mentions.where('[authorKey+createdMs]').between([k, -Infinity], [k, Infinity]);
  // Newest first from the index, at most MAX_MENTIONS per identity: a prolific author stays cheap.
  const [identities, perKey, total] = await Promise.all([
    db.authors.bulkGet(keys).then((rs) => rs.filter((r): r is AuthorRecord => Boolean(r))),
    Promise.all(keys.map((k) => byAuthor(k).reverse().limit(MAX_MENTIONS).toArray())),
    Promise.all(keys.map((k) => byAuthor(k).count())).then((ns) => ns.reduce((a, b) => a + b, 0)),
  ]);
  const all = perKey.flat().filter((m) => !m.ownReply);
  all.sort((a, b) => b.createdMs - a.createdMs);
  const mentions = all.slice(0, MAX_MENTIONS);
  const events = checkedEvents(await db.events.where('mentionId').anyOf(mentions.map((m) => m.id)).toArray(), 'the author panel');
  const replies = new Map<string, EventRecord[]>();
  const notes: EventRecord[] = [];
  for (const e of events) {
    if (e.type === 'replied' && e.mentionId) replies.set(e.mentionId, [...(replies.get(e.mentionId) ?? []), e]);
    else if (e.type === 'noted') notes.push(e);
  }
  notes.sort((a, b) => b.at.localeCompare(a.at));
  const tagCounts = new Map<string, number>();
  for (const m of all) for (const t of m.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const monthStart = new Date(now);
  monthStart.setDate(1);
  monthStart.setHours(0, 0, 0, 0);
  const answeredTimes = all.map(answerMs).filter((x): x is number => x !== undefined);
  const sorted = [...answeredTimes].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const lastAnswered = all.find((m) => m.firstReplyAt !== undefined);
  return {
    keys,
    identities,
    mentions,
    total,
    replies,
    notes,
    tags: [...tagCounts.entries()].sort((a, b) => b[1] - a[1]),
    thisMonth: all.filter((m) => m.createdMs >= monthStart.getTime() && !m.threadRootId).length,
    answered: answeredTimes.length,
    medianAnswerMs: sorted.length ? (sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2) : undefined,
    lastAnswerMs: lastAnswered ? answerMs(lastAnswered) : undefined,
    customer: await customerForAuthors(db, identities),
  };
}
