/**
 * Writing heard mentions into the inbox (called by db/apply.ts inside a page's transaction): the
 * mention records, their authors and their arrival events, in bulk. Keyed by mention id, so a
 * mention heard again writes nothing twice; workflow state (status, assignee, tags) already
 * recorded for a mention is kept.
 */
import type { Mention } from '../../src-main/shared/mention';
import type { EarshotDb, MentionRecord, AuthorRecord, EventRecord } from './schema';
import { dueFor, policyIdFor } from './due';
import { applyFollowUps } from './follow-ups';

export interface HeardMention {
  mention: Mention;
  /** When main recorded it (the log entry's `at`): the arrival event's time. */
  at: string;
  /** The arrival event's id: the log entry's id. */
  eventId: string;
  /** The log position of the arrival. */
  position?: number;
}

/**
 * Must run inside a transaction over mentions, authors and events, with the SLA policies loaded
 * (sla/policy-store.ts ensurePoliciesLoaded): due times are computed synchronously.
 */
export async function writeMentions(db: EarshotDb, heard: readonly HeardMention[]): Promise<{ added: number }> {
  const byId = new Map<string, HeardMention>();
  for (const h of heard) byId.set(h.mention.id, h);
  const ids = [...byId.keys()];
  if (!ids.length) return { added: 0 };
  const existing = await db.mentions.bulkGet(ids);
  const records: MentionRecord[] = [];
  const fresh: MentionRecord[] = [];
  const events: EventRecord[] = [];
  const newByAuthor = new Map<string, Mention[]>();
  ids.forEach((id, i) => {
    const { mention: m, at, eventId, position } = byId.get(id)!;
    const prev = existing[i];
    const createdMs = Date.parse(m.createdAt);
    const clockStartMs = m.clockStartAt ? Date.parse(m.clockStartAt) : createdMs;
    if (prev) {
      // Content may be refreshed; the team's work on it is not touched.
      records.push({ ...prev, ...m, status: prev.status, open: prev.open, dueAt: prev.dueAt, tags: prev.tags, assignee: prev.assignee, confirmed: prev.confirmed });
      return;
    }
    const record: MentionRecord = {
      ...m,
      status: 'new',
      open: 1,
      createdMs,
      clockStartMs,
      dueAt: dueFor(m.channel, clockStartMs),
      policyId: policyIdFor(clockStartMs),
      authorKey: m.author.key,
      tags: [],
    };
    records.push(record);
    fresh.push(record);
    events.push({ id: eventId, type: 'mention', at, mentionId: id, ...(position !== undefined ? { position } : {}) });
    const list = newByAuthor.get(m.author.key) ?? [];
    list.push(m);
    newByAuthor.set(m.author.key, list);
  });
  await db.mentions.bulkPut(records);
  await db.events.bulkPut(events);
  // A customer's follow-up to a conversation we answered reopens it (conversation/follow-ups.ts).
  await applyFollowUps(db, fresh);

  const keys = [...newByAuthor.keys()];
  const authors = await db.authors.bulkGet(keys);
  const authorRows: AuthorRecord[] = keys.map((key, i) => {
    const ms = newByAuthor.get(key)!;
    const latest = ms[ms.length - 1]!;
    const prev = authors[i];
    return {
      ...(prev ?? {}),
      ...latest.author,
      channel: latest.channel,
      reach: latest.reach,
      firstSeenAt: prev?.firstSeenAt ?? ms[0]!.createdAt,
      lastSeenAt: latest.createdAt,
      mentionCount: (prev?.mentionCount ?? 0) + ms.length,
    };
  });
  await db.authors.bulkPut(authorRows);
  return { added: events.length };
}
