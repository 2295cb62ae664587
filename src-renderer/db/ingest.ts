/**
 * Writing a delivered batch: one Dexie transaction for the mentions, their authors, their arrival
 * events and the delivery position, so a batch is either wholly there or not at all. Keyed by
 * mention id, so a replayed batch writes nothing twice; workflow state (status, assignee, tags)
 * already recorded for a mention is kept.
 */
import type { Mention } from '../../src-main/shared/mention';
import type { EarshotDb, MentionRecord, AuthorRecord, EventRecord } from './schema';
import { dueFor, policyIdFor } from '../sla/due';
import { ensurePoliciesLoaded } from '../sla/policy-store';
import { applyFollowUps } from '../conversation/follow-ups';

export interface DeliveryPosition {
  journalId: string;
  lastAckedSeq: number;
}

export async function readDeliveryPosition(db: EarshotDb): Promise<DeliveryPosition | undefined> {
  const row = await db.meta.get('delivery');
  return row?.value as DeliveryPosition | undefined;
}

export async function ingestBatch(db: EarshotDb, batch: { seq: number; mentions: Mention[] }, journalId: string): Promise<{ added: number }> {
  await ensurePoliciesLoaded(db); // due times below are computed synchronously from the policies in memory
  return db.transaction('rw', [db.mentions, db.authors, db.events, db.meta], async () => {
    const pos = (await db.meta.get('delivery'))?.value as DeliveryPosition | undefined;
    const sameJournal = pos?.journalId === journalId;
    if (sameJournal && batch.seq <= pos.lastAckedSeq) return { added: 0 };

    const byId = new Map<string, Mention>();
    for (const m of batch.mentions) byId.set(m.id, m);
    const ids = [...byId.keys()];
    const existing = await db.mentions.bulkGet(ids);
    const records: MentionRecord[] = [];
    const fresh: MentionRecord[] = [];
    const events: EventRecord[] = [];
    const newByAuthor = new Map<string, Mention[]>();
    ids.forEach((id, i) => {
      const m = byId.get(id)!;
      const prev = existing[i];
      const createdMs = Date.parse(m.createdAt);
      const clockStartMs = m.clockStartAt ? Date.parse(m.clockStartAt) : createdMs;
      if (prev) {
        // Content may be refreshed; the team's work on it is not touched.
        records.push({ ...prev, ...m, status: prev.status, open: prev.open, dueAt: prev.dueAt, tags: prev.tags, assignee: prev.assignee });
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
      events.push({ id: `mention:${id}`, type: 'mention', at: m.receivedAt ?? new Date().toISOString(), mentionId: id });
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
    await db.meta.put({ key: 'delivery', value: { journalId, lastAckedSeq: batch.seq } satisfies DeliveryPosition });
    return { added: events.length };
  });
}

