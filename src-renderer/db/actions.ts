/**
 * Workflow actions. Each one decides, per mention, which log entries record it (INTERFACES.md event
 * log: type, agent, time, with a stable id); the entries are folded onto the mention with the same
 * function every seat uses for the log (shared/workflow.ts), written to the events table and queued
 * for the log (db/pending.ts), all in ONE Dexie transaction: the action shows at once and survives
 * a crash until the log has it. Each returns an undo record. Undo is for slips ("Resolved 40 — Undo"):
 * the log is never rewritten, so undo appends compensating entries that put back the fields the
 * action changed, where nothing else has changed them since.
 */
import type { WorkflowEntry } from '../../src-main/shared/log-entry';
import { foldEntries, pickWorkflow, sameWorkflow, WORKFLOW_FIELDS, type WorkflowState } from '../../src-main/shared/workflow';
import type { EarshotDb, MentionRecord, PendingRecord } from './schema';
import { eventRecordOf, newEventId } from './events';
import { pendingAdded, withState } from './pending';

export interface Actor {
  /** The agent id written on entries ("mk"). */
  agent: string;
  /** For tests: the clock. */
  now?: () => number;
}

export interface MentionChange {
  id: string;
  /** The workflow state before the action and after it (on this seat, when it was done). */
  before: WorkflowState;
  after: WorkflowState;
}

export interface UndoRecord {
  /** "Resolved 40" */
  label: string;
  changes: MentionChange[];
  /** False for replies: what was posted cannot be taken back. */
  undoable: boolean;
}

const CHUNK = 1000;

function nowOf(actor: Actor): number {
  return actor.now ? actor.now() : Date.now();
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Decides, for one mention, the entries that record the action; null or [] leaves it alone. */
type Step = (m: MentionRecord, at: string) => WorkflowEntry[] | null;

/** The common part of every entry this seat writes about a mention. */
function base(m: MentionRecord, at: string): { id: string; at: string; mentionId: string } {
  return { id: newEventId(), at, mentionId: m.id };
}

async function run(db: EarshotDb, ids: readonly string[], label: (n: number) => string, step: Step, actor: Actor): Promise<UndoRecord> {
  const at = new Date(nowOf(actor)).toISOString();
  const changes: MentionChange[] = [];
  let queued = 0;
  await db.transaction('rw', [db.mentions, db.events, db.pending], async () => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.mentions.bulkGet(ids.slice(i, i + CHUNK));
      const puts: MentionRecord[] = [];
      const entries: WorkflowEntry[] = [];
      for (const row of rows) {
        if (!row) continue;
        const made = step(row, at);
        if (!made?.length) continue;
        const before = pickWorkflow(row);
        const after = foldEntries(before, made).state;
        entries.push(...made);
        if (!sameWorkflow(before, after)) changes.push({ id: row.id, before, after });
        // What the log alone says stays aside until the log confirms these entries (db/apply.ts).
        puts.push({ ...withState(row, after), confirmed: row.confirmed ?? before });
      }
      await db.mentions.bulkPut(puts);
      await db.events.bulkPut(entries.map((e) => eventRecordOf(e)));
      await db.pending.bulkAdd(entries.map((e): PendingRecord => ({ id: e.id, mentionId: e.mentionId, entry: e })));
      queued += entries.length;
    }
  });
  if (queued) pendingAdded();
  return { label: label(changes.length), changes, undoable: true };
}

/** The `assigned` entry giving the mention to `agent`, unless it holds it already; `isTake`: a first-come take. */
function assignStep(agent: string, by: string, isTake: (m: MentionRecord) => boolean): Step {
  return (m, at) => (m.assignee === agent ? null : [{ ...base(m, at), type: 'assigned', agent, by, ...(isTake(m) ? { take: true } : {}) }]);
}

/**
 * Assigns to an agent. Taking (assigning to me what nobody holds) is first-come across seats: the
 * entry says `take`, and if another seat's take reached the log first, the log keeps theirs and this
 * seat is told who was first (db/apply.ts). New becomes assigned; other statuses are kept.
 */
export function assign(db: EarshotDb, ids: readonly string[], assignee: string, actor: Actor): Promise<UndoRecord> {
  const label = (n: number): string => `Assigned ${plural(n, 'mention')} to ${assignee}`;
  return run(db, ids, label, assignStep(assignee, actor.agent, (m) => assignee === actor.agent && !m.assignee), actor);
}

/**
 * Takes one mention for this agent (`n`, and the thread's Take on a mention shown unassigned).
 * Always a first-come `take`, decided by what the agent was shown, not by what this seat heard in
 * the meantime: when a teammate's take was applied here between the pick and this write, `assign`
 * would see a holder and write a plain reassignment, taking the mention from them without a word.
 * The take instead loses, here at once and in the log, and this agent is told who had it first
 * (db/apply.ts), as when both reach the log.
 */
export function take(db: EarshotDb, id: string, actor: Actor): Promise<UndoRecord> {
  return run(db, [id], (n) => `Took ${plural(n, 'mention')}`, assignStep(actor.agent, actor.agent, () => true), actor);
}

export function unassign(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Unassigned ${plural(n, 'mention')}`,
    (m, at) => (!m.assignee ? null : [{ ...base(m, at), type: 'unassigned', agent: actor.agent, from: m.assignee }]),
    actor,
  );
}

/** Adds the tag where it is missing, or (remove: true) takes it off where present. */
export function tag(db: EarshotDb, ids: readonly string[], tagName: string, actor: Actor, remove = false): Promise<UndoRecord> {
  const t = tagName.trim();
  return run(
    db,
    ids,
    (n) => `${remove ? 'Untagged' : 'Tagged'} ${plural(n, 'mention')} “${t}”`,
    (m, at) => {
      if (!t || m.tags.includes(t) !== remove) return null;
      return [{ ...base(m, at), type: remove ? 'untagged' : 'tagged', agent: actor.agent, tag: t }];
    },
    actor,
  );
}

export function resolve(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Resolved ${n.toLocaleString()}`,
    (m, at) => (m.status === 'resolved' ? null : [{ ...base(m, at), type: 'resolved', agent: actor.agent }]),
    actor,
  );
}

export function markNoise(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Marked ${n.toLocaleString()} as noise`,
    (m, at) => (m.status === 'noise' ? null : [{ ...base(m, at), type: 'noise', agent: actor.agent }]),
    actor,
  );
}

/** Puts closed mentions back in the queue by hand (a customer's follow-up does it by itself). */
export function reopen(db: EarshotDb, ids: readonly string[], actor: Actor, reason = 'reopened by hand'): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Reopened ${n.toLocaleString()}`,
    (m, at) => (m.open === 1 ? null : [{ ...base(m, at), type: m.status === 'noise' ? 'unnoise' : 'reopened', agent: actor.agent, ...(m.status === 'noise' ? {} : { reason }) }]),
    actor,
  );
}

export interface ReplyRecord {
  /** `x` when posted through the API, `site` when answered on the site and marked replied. */
  via: 'x' | 'site';
  text: string;
  replyId?: string;
  url?: string;
  /** When the reply went out (the API's answer); now by default. */
  postedAt?: string;
  /** The message of the conversation the reply answers, when not the mention itself. */
  inReplyTo?: string;
}

/**
 * Records a reply: a `replied` entry with the reply's link (first/last reply times, status waiting on
 * the customer), the mention taken by the replier if nobody had it, and the draft gone, all in one
 * transaction. Not undoable: the reply is out.
 */
export async function recordReply(db: EarshotDb, mentionId: string, reply: ReplyRecord, actor: Actor): Promise<UndoRecord> {
  const rec = await db.transaction('rw', [db.mentions, db.events, db.drafts, db.pending], async () => {
    const r = await run(
      db,
      [mentionId],
      () => 'Replied',
      (m, at) => {
        const entries: WorkflowEntry[] = [];
        if (!m.assignee) entries.push({ ...base(m, at), type: 'assigned', agent: actor.agent, by: actor.agent });
        entries.push({
          ...base(m, reply.postedAt ?? at),
          type: 'replied',
          agent: actor.agent,
          via: reply.via,
          text: reply.text,
          ...(reply.url ? { url: reply.url } : {}),
          ...(reply.replyId ? { replyId: reply.replyId } : {}),
          ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}),
        });
        return entries;
      },
      actor,
    );
    await db.drafts.delete(mentionId);
    return r;
  });
  return { ...rec, undoable: false };
}

/** A note on a mention (shown on its author's panel); an entry like every other action. */
export async function addNote(db: EarshotDb, mentionId: string, text: string, actor: Actor): Promise<void> {
  const body = text.trim();
  if (!body) return;
  await run(db, [mentionId], () => 'Noted', (m, at) => [{ ...base(m, at), type: 'noted', agent: actor.agent, text: body }], actor);
}

/** Records who passed over these mentions, for which one, and why (the skip guard, sla/skip-guard.ts). */
export async function skip(db: EarshotDb, ids: readonly string[], why: { takenMentionId: string; reason: string; note?: string }, actor: Actor): Promise<void> {
  await run(db, ids, () => 'Skipped', (m, at) => [{ ...base(m, at), type: 'skipped', agent: actor.agent, ...why }], actor);
}

/** Opened by an agent: it no longer counts as unread. Not a workflow event. */
export async function markSeen(db: EarshotDb, id: string): Promise<void> {
  await db.transaction('rw', db.mentions, async () => {
    const m = await db.mentions.get(id);
    // update(), not put(): Dexie then reports only the `unread` index as changed, so the inbox's
    // queue (which ignores it) is not read again each time an agent opens a mention.
    if (m && m.seen !== 1) await db.mentions.update(id, { seen: 1 });
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The entries that take a mention from `now` back to `before` (tags, then assignee, then status). */
export function compensation(m: MentionRecord, before: WorkflowState, at: string, agent: string): WorkflowEntry[] {
  const out: WorkflowEntry[] = [];
  for (const t of m.tags) if (!before.tags.includes(t)) out.push({ ...base(m, at), type: 'untagged', agent, tag: t });
  for (const t of before.tags) if (!m.tags.includes(t)) out.push({ ...base(m, at), type: 'tagged', agent, tag: t });
  if (m.assignee !== before.assignee) {
    out.push(before.assignee ? { ...base(m, at), type: 'assigned', agent: before.assignee, by: agent } : { ...base(m, at), type: 'unassigned', agent, ...(m.assignee ? { from: m.assignee } : {}) });
  }
  // The status the entries so far leave, then one entry to the exact status it had.
  const sofar = foldEntries(pickWorkflow(m), out).state;
  if (sofar.status !== before.status) {
    if (before.status === 'resolved' || before.status === 'noise') out.push({ ...base(m, at), type: before.status, agent });
    else if (sofar.status === 'noise') out.push({ ...base(m, at), type: 'unnoise', agent, restore: before.status });
    else out.push({ ...base(m, at), type: 'reopened', agent, reason: 'undo', restore: before.status });
  }
  return out;
}

/**
 * Undoes an action by appending compensating entries for each mention whose fields are still as the
 * action left them (a later change, such as a customer's follow-up or a teammate's, wins). Returns
 * how many mentions were restored.
 */
export async function undo(db: EarshotDb, rec: UndoRecord, actor: Actor): Promise<number> {
  if (!rec.undoable) return 0;
  const byId = new Map(rec.changes.map((c) => [c.id, c]));
  const r = await run(
    db,
    [...byId.keys()],
    (n) => `Undone ${n}`,
    (m, at) => {
      const c = byId.get(m.id)!;
      const changed = WORKFLOW_FIELDS.filter((k) => !same(c.before[k], c.after[k]));
      const untouched = changed.every((k) => same(m[k], c.after[k]));
      return untouched ? compensation(m, c.before, at, actor.agent) : null;
    },
    actor,
  );
  return r.changes.length;
}
