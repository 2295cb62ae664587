/**
 * Writing an event log (INTERFACES.md) into the database: the demo history is written this way, and
 * a lead can open a log exported elsewhere to see its report in the app. One transaction; event ids
 * are derived from the events themselves, so importing the same log twice writes nothing twice.
 * Mentions already in the database keep the team's work on them (only missing events are added).
 */
import Dexie from 'dexie';
import { noteOldWrites } from '../db/old-writes';
import { writesHistory } from '../db/due-changes';
import type { Mention } from '../../src-main/shared/mention';
import type { AuthorRecord, EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import type { LogEvent, WorkflowEvent } from './log-lines';
import { dueFor, nextResponseDueFor, policyIdFor } from '../db/due';
import { ensurePoliciesLoaded } from '../db/policies';
import { authorRowAfter } from '../db/author-rows';

/** Due time and policy version for a mention that arrived at arrivalMs (see db/due.ts). */
export interface DuePolicy {
  dueFor(m: Mention, clockStartMs: number, arrivalMs: number): { dueAt: number; policyId: string };
  nextResponseDueFor(m: Mention, fromMs: number): number;
}

export interface ImportResult {
  mentions: number;
  events: number;
  skippedExisting: number;
}

/** Stored times are UTC ISO strings, so the `at` index sorts them in time order ("+01:00" would not). */
const isoZ = (at: string): string => new Date(at).toISOString();

function eventId(l: WorkflowEvent): string {
  return `log:${l.type}:${l.mentionId}:${l.at}:${l.agent ?? ''}`;
}

/** The mention as a record, its arrival on it (db/arrivals.ts) with an id derived from the mention. */
function recordOf(m: Mention, at: string, due: DuePolicy): MentionRecord {
  const createdMs = Date.parse(m.createdAt);
  const clockStartMs = m.clockStartAt ? Date.parse(m.clockStartAt) : createdMs;
  const { dueAt, policyId } = due.dueFor(m, clockStartMs, Date.parse(at));
  return { ...m, status: 'new', open: 1, createdMs, clockStartMs, dueAt, policyId, authorKey: m.author.key, tags: [], arrival: { id: `mention:${m.id}`, at: isoZ(at) } };
}

/** Applies one workflow event to the state of a mention that is being imported. */
function apply(r: MentionRecord, l: WorkflowEvent, due: DuePolicy): void {
  const t = Date.parse(l.at);
  switch (l.type) {
    case 'assigned':
      r.assignee = l.agent;
      if (r.open) r.status = 'assigned';
      break;
    case 'replied':
      r.firstReplyAt ??= t;
      r.lastReplyAt = t;
      if (r.open) r.status = 'waiting';
      break;
    case 'resolved':
      r.status = 'resolved';
      r.open = 0;
      break;
    case 'noise':
      r.status = 'noise';
      r.open = 0;
      break;
    case 'unassigned':
      r.assignee = undefined;
      if (r.status === 'assigned') r.status = 'new';
      break;
    case 'unnoise':
      if (r.status === 'noise') {
        r.status = r.firstReplyAt ? 'waiting' : r.assignee ? 'assigned' : 'new';
        r.open = 1;
      }
      break;
    case 'reopened':
      r.status = r.assignee ? 'assigned' : 'new';
      r.open = 1;
      r.dueAt = due.nextResponseDueFor(r, t);
      break;
  }
}

export function recordsFromLog(lines: readonly LogEvent[], due: DuePolicy): { mentions: MentionRecord[]; events: EventRecord[] } {
  const byId = new Map<string, MentionRecord>();
  const events: EventRecord[] = [];
  for (const l of lines) {
    if (l.type === 'mention') {
      const m = l.mention;
      if (byId.has(m.id)) continue;
      byId.set(m.id, recordOf(m, l.at, due));
      continue;
    }
    const { type, at, mentionId, agent, ...data } = l;
    const r = byId.get(mentionId);
    if (r) apply(r, l, due);
    events.push({ id: eventId(l), type, at: isoZ(at), mentionId, agent, data: Object.keys(data).length ? data : undefined });
  }
  return { mentions: [...byId.values()], events };
}

/** Rows for the authors of the imported mentions that are new or changed (db/author-rows.ts). */
function authorRows(mentions: readonly MentionRecord[], existing: ReadonlyMap<string, AuthorRecord>): AuthorRecord[] {
  const byAuthor = new Map<string, MentionRecord[]>();
  for (const m of [...mentions].sort((a, b) => a.createdMs - b.createdMs)) {
    const list = byAuthor.get(m.authorKey);
    if (list) list.push(m);
    else byAuthor.set(m.authorKey, [m]);
  }
  return [...byAuthor].flatMap(([key, ms]) => authorRowAfter(existing.get(key), ms[0]!, ms[ms.length - 1]!) ?? []);
}

export interface ImportHooks {
  /** Runs first inside the transaction; returning false writes nothing (the demo seeder's flag check). */
  before?: () => Promise<boolean>;
  /** Runs last inside the transaction (the demo seeder sets its flag there). */
  after?: () => Promise<unknown>;
}

/** The app's own due times: the policy version in force when each mention's clock started. */
export const appDue: DuePolicy = {
  dueFor: (m, clockStartMs) => ({ dueAt: dueFor(m.channel, clockStartMs), policyId: policyIdFor(clockStartMs) }),
  nextResponseDueFor: (m, fromMs) => nextResponseDueFor(m.channel, fromMs),
};

/** Writes the log in one transaction. Returns undefined when `before` said no. */
export async function importLog(db: EarshotDb, lines: readonly LogEvent[], due: DuePolicy = appDue, hooks: ImportHooks = {}): Promise<ImportResult | undefined> {
  await ensurePoliciesLoaded(db);
  const { mentions, events } = recordsFromLog(lines, due);
  return db.transaction('rw', [db.mentions, db.authors, db.events, db.meta], async () => {
    if (hooks.before && !(await hooks.before())) return undefined;
    const present = new Set((await db.mentions.bulkGet(mentions.map((m) => m.id))).filter(Boolean).map((m) => m!.id));
    const fresh = mentions.filter((m) => !present.has(m.id));
    // History, not news: the live region and "new since you last looked" leave these out.
    writesHistory(Dexie.currentTransaction!.idbtrans);
    const keys = [...new Set(fresh.map((m) => m.authorKey))];
    const existing = new Map((await db.authors.bulkGet(keys)).filter((a): a is AuthorRecord => Boolean(a)).map((a) => [a.key, a]));
    await db.mentions.bulkPut(fresh);
    await db.authors.bulkPut(authorRows(fresh, existing));
    await db.events.bulkPut(events);
    const arrivals = fresh.map((m) => m.arrival!);
    await noteOldWrites(db, [...arrivals, ...events]);
    await hooks.after?.();
    // An arrival counts as an event, as in the log (a mention already here keeps its own).
    return { mentions: fresh.length, events: arrivals.length + events.length, skippedExisting: present.size };
  });
}
