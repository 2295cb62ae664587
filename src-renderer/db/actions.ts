/**
 * Workflow actions. Each one writes the mentions' new state and its events (INTERFACES.md event log:
 * type, agent, time) in ONE Dexie transaction, so the log and the inbox never disagree, and returns
 * an undo record. Undo is for slips ("Resolved 40 — Undo"): it puts back the fields the action
 * changed, where nothing else has changed them since, and removes the events the action wrote.
 */
import type { EarshotDb, EventRecord, MentionRecord, Status } from './schema';
import { makeEvent } from './events';

export interface Actor {
  /** The agent id written on events ("mk"). */
  agent: string;
  /** For tests: the clock. */
  now?: () => number;
}

type Fields = Partial<Pick<MentionRecord, 'status' | 'open' | 'assignee' | 'tags' | 'seen' | 'dueAt' | 'firstReplyAt' | 'lastReplyAt' | 'replyIds'>>;

export interface MentionChange {
  id: string;
  before: Fields;
  after: Fields;
  /** The events that recorded this change. */
  eventIds: string[];
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

/** Sets fields, deleting those whose new value is undefined (IndexedDB indexes only present values). */
function applyFields<T extends object>(row: T, fields: Fields): T {
  const out = { ...row } as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as T;
}

function pick(row: MentionRecord, keys: string[]): Fields {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (row as unknown as Record<string, unknown>)[k];
  return out as Fields;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Decides, for one mention, what changes and which events record it; null leaves it alone. */
type Step = (m: MentionRecord, at: string) => { fields: Fields; events: EventRecord[] } | null;

async function run(db: EarshotDb, ids: readonly string[], label: (n: number) => string, step: Step, actor: Actor): Promise<UndoRecord> {
  const at = new Date(nowOf(actor)).toISOString();
  const changes: MentionChange[] = [];
  await db.transaction('rw', db.mentions, db.events, async () => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.mentions.bulkGet(ids.slice(i, i + CHUNK));
      const puts: MentionRecord[] = [];
      const events: EventRecord[] = [];
      for (const row of rows) {
        if (!row) continue;
        const r = step(row, at);
        if (!r) continue;
        changes.push({ id: row.id, before: pick(row, Object.keys(r.fields)), after: r.fields, eventIds: r.events.map((e) => e.id) });
        puts.push(applyFields(row, r.fields));
        events.push(...r.events);
      }
      await db.mentions.bulkPut(puts);
      await db.events.bulkAdd(events);
    }
  });
  return { label: label(changes.length), changes, undoable: true };
}

/** Assigns to an agent ("take" when it is me). New becomes assigned; waiting, resolved and noise keep their status. */
export function assign(db: EarshotDb, ids: readonly string[], assignee: string, actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Assigned ${plural(n, 'mention')} to ${assignee}`,
    (m, at) =>
      m.assignee === assignee
        ? null
        : {
            fields: { assignee, status: m.status === 'new' ? 'assigned' : m.status },
            events: [makeEvent('assigned', m.id, { agent: assignee, at, data: { by: actor.agent } })],
          },
    actor,
  );
}

export function unassign(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Unassigned ${plural(n, 'mention')}`,
    (m, at) =>
      !m.assignee
        ? null
        : {
            fields: { assignee: undefined, status: m.status === 'assigned' ? 'new' : m.status },
            events: [makeEvent('unassigned', m.id, { agent: actor.agent, at, data: { from: m.assignee } })],
          },
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
      const has = m.tags.includes(t);
      if (!t || has !== remove) return null;
      return {
        fields: { tags: remove ? m.tags.filter((x) => x !== t) : [...m.tags, t] },
        events: [makeEvent(remove ? 'untagged' : 'tagged', m.id, { agent: actor.agent, at, data: { tag: t } })],
      };
    },
    actor,
  );
}

export function resolve(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Resolved ${n.toLocaleString()}`,
    (m, at) => (m.status === 'resolved' ? null : { fields: { status: 'resolved', open: 0 }, events: [makeEvent('resolved', m.id, { agent: actor.agent, at })] }),
    actor,
  );
}

export function markNoise(db: EarshotDb, ids: readonly string[], actor: Actor): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Marked ${n.toLocaleString()} as noise`,
    (m, at) => (m.status === 'noise' ? null : { fields: { status: 'noise', open: 0 }, events: [makeEvent('noise', m.id, { agent: actor.agent, at })] }),
    actor,
  );
}

function reopenedStatus(m: MentionRecord): Status {
  return m.assignee ? 'assigned' : 'new';
}

/** Puts closed mentions back in the queue by hand (a customer's follow-up does it by itself). */
export function reopen(db: EarshotDb, ids: readonly string[], actor: Actor, reason = 'reopened by hand'): Promise<UndoRecord> {
  return run(
    db,
    ids,
    (n) => `Reopened ${n.toLocaleString()}`,
    (m, at) =>
      m.open === 1
        ? null
        : {
            fields: { status: m.status === 'noise' || !m.lastReplyAt ? reopenedStatus(m) : 'waiting', open: 1 },
            events: [makeEvent(m.status === 'noise' ? 'unnoise' : 'reopened', m.id, { agent: actor.agent, at, data: { reason } })],
          },
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
 * Records a reply: a `replied` event with the reply's link, first/last reply times, status waiting
 * (on the customer), the mention taken by the replier if nobody had it, and the draft gone — all in
 * one transaction. Not undoable: the reply is out.
 */
export async function recordReply(db: EarshotDb, mentionId: string, reply: ReplyRecord, actor: Actor): Promise<UndoRecord> {
  const rec = await db.transaction('rw', db.mentions, db.events, db.drafts, async () => {
    const r = await run(
      db,
      [mentionId],
      () => 'Replied',
      (m, at) => {
        const postedAt = reply.postedAt ?? at;
        const t = Date.parse(postedAt);
        const events = [
          makeEvent('replied', m.id, {
            agent: actor.agent,
            at: postedAt,
            data: { via: reply.via, text: reply.text, ...(reply.url ? { url: reply.url } : {}), ...(reply.replyId ? { replyId: reply.replyId } : {}), ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}) },
          }),
        ];
        if (!m.assignee) events.unshift(makeEvent('assigned', m.id, { agent: actor.agent, at, data: { by: actor.agent } }));
        return {
          fields: {
            status: 'waiting',
            open: 1,
            assignee: m.assignee ?? actor.agent,
            firstReplyAt: m.firstReplyAt ?? t,
            lastReplyAt: Math.max(m.lastReplyAt ?? 0, t),
            replyIds: reply.replyId ? [...(m.replyIds ?? []), reply.replyId] : m.replyIds,
          },
          events,
        };
      },
      actor,
    );
    await db.drafts.delete(mentionId);
    return r;
  });
  return { ...rec, undoable: false };
}

/** A note on a mention (shown on its author's panel); an event like every other action. */
export async function addNote(db: EarshotDb, mentionId: string, text: string, actor: Actor): Promise<void> {
  const body = text.trim();
  if (!body) return;
  await db.events.add(makeEvent('noted', mentionId, { agent: actor.agent, at: new Date(nowOf(actor)).toISOString(), data: { text: body } }));
}

/** Opened by an agent: it no longer counts as unread. Not a workflow event. */
export async function markSeen(db: EarshotDb, id: string): Promise<void> {
  await db.transaction('rw', db.mentions, async () => {
    const m = await db.mentions.get(id);
    if (m && m.seen !== 1) await db.mentions.put({ ...m, seen: 1 });
  });
}

/**
 * Undoes an action: restores each mention whose fields are still as the action left them (a later
 * change, such as a customer's follow-up, wins) and deletes the action's events. Returns how many
 * mentions were restored. Events of a mention that was not restored stay: they still happened.
 */
export async function undo(db: EarshotDb, rec: UndoRecord): Promise<number> {
  if (!rec.undoable) return 0;
  let restored = 0;
  await db.transaction('rw', db.mentions, db.events, async () => {
    for (let i = 0; i < rec.changes.length; i += CHUNK) {
      const part = rec.changes.slice(i, i + CHUNK);
      const rows = await db.mentions.bulkGet(part.map((c) => c.id));
      const puts: MentionRecord[] = [];
      const dropEvents: string[] = [];
      part.forEach((c, j) => {
        const row = rows[j];
        if (!row) return;
        const untouched = Object.entries(c.after).every(([k, v]) => same((row as unknown as Record<string, unknown>)[k], v));
        if (!untouched) return;
        puts.push(applyFields(row, c.before));
        dropEvents.push(...c.eventIds);
      });
      await db.mentions.bulkPut(puts);
      await db.events.bulkDelete(dropEvents);
      restored += puts.length;
    }
  });
  return restored;
}
