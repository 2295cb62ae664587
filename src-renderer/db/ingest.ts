/**
 * Writing heard mentions into the inbox (called by db/apply.ts inside a page's transaction): the
 * mention records (each with its arrival on it, db/arrivals.ts) and their authors, in bulk. Keyed by mention id, so a
 * mention heard again writes nothing twice; workflow state (status, assignee, tags) already
 * recorded for a mention is kept.
 */
import type { Mention } from '../../src-main/shared/mention';
import type { EarshotDb, MentionRecord, AuthorRecord } from './schema';
import { dueFor, policyIdFor } from './due';
import { planFollowUps, readFollowUpContext } from './follow-ups';
import { noteOldWrites } from './old-writes';
import { rowsWithAnyOf } from './range-reads';
import { authorRowAfter } from './author-rows';

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
 * Must run inside a transaction over mentions, authors, events and meta, with the SLA policies loaded
 * (db/policies.ts ensurePoliciesLoaded): due times are computed synchronously.
 *
 * Shaped for IndexedDB's cost: every read is issued at once (one round trip), everything is worked
 * out in memory, then every write is issued without waiting in between, so the database works while
 * the page computes and each record is written once (a follow-up is written already merged).
 */
export async function writeMentions(db: EarshotDb, heard: readonly HeardMention[]): Promise<{ added: number }> {
  const byId = new Map<string, HeardMention>();
  for (const h of heard) byId.set(h.mention.id, h);
  const ids = [...byId.keys()];
  if (!ids.length) return { added: 0 };
  const authorKeys = [...new Set(heard.map((h) => h.mention.author.key))];
  const [stored, authors, context] = await Promise.all([
    rowsWithAnyOf(db.mentions, ':id', ids, (m) => m.id),
    db.authors.bulkGet(authorKeys),
    readFollowUpContext(db, heard.map((h) => h.mention)),
  ]);
  const records = new Map<string, MentionRecord>();
  const fresh: MentionRecord[] = [];
  const newByAuthor = new Map<string, Mention[]>();
  ids.forEach((id) => {
    const { mention: m, at, eventId, position } = byId.get(id)!;
    const prev = stored.rows.get(id);
    const createdMs = Date.parse(m.createdAt);
    const clockStartMs = m.clockStartAt ? Date.parse(m.clockStartAt) : createdMs;
    if (prev) {
      // Content may be refreshed; the team's work on it is not touched.
      records.set(id, { ...prev, ...m, status: prev.status, open: prev.open, dueAt: prev.dueAt, tags: prev.tags, assignee: prev.assignee, confirmed: prev.confirmed });
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
      arrival: { id: eventId, at, ...(position !== undefined ? { position } : {}) },
    };
    records.set(id, record);
    fresh.push(record);
    const list = newByAuthor.get(m.author.key) ?? [];
    list.push(m);
    newByAuthor.set(m.author.key, list);
  });
  // A customer's follow-up to a conversation we answered joins it and reopens it (db/follow-ups.ts).
  // Only mentions new to this inbox count (a replayed one was handled when it was new).
  const followUps = await planFollowUps(fresh, context, (id) => db.mentions.get(id));
  for (const [id, m] of followUps.touched) records.set(id, m);

  // Only new authors and changed profiles (db/author-rows.ts).
  const authorRows: AuthorRecord[] = [];
  authorKeys.forEach((key, i) => {
    const ms = newByAuthor.get(key);
    const row = ms && authorRowAfter(authors[i], ms[0]!, ms[ms.length - 1]!);
    if (row) authorRows.push(row);
  });
  // Issued together, awaited one by one. Awaiting a Promise.all over them as the last step made
  // Chromium commit before Dexie saw the page's function end (PrematureCommitError on every page,
  // found by the delivery end-to-end tests once the derived-fields middleware became async).
  const puts = [
    db.mentions.bulkPut([...records.values()]),
    ...(followUps.events.length ? [db.events.bulkPut(followUps.events)] : []),
    ...(authorRows.length ? [db.authors.bulkPut(authorRows)] : []),
  ];
  for (const p of puts) p.catch(() => undefined); // the first failure is thrown below; the rest end with the aborted transaction
  for (const p of puts) await p;
  // Inside db/apply.ts's page transaction, which includes meta. An old arrival counts as an old write.
  await noteOldWrites(db, [...fresh.map((r) => r.arrival!), ...followUps.events]);
  return { added: fresh.length };
}
