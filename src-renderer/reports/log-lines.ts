/**
 * The app's records as the event log of INTERFACES.md ("Event log export", schemas in
 * src-main/shared/events.ts), so the report the app shows and the `fairness` command read the same
 * thing: one event per line, oldest first.
 */
import { MentionSchema, type Mention } from '../../src-main/shared/mention';
import { EVENT_TYPES, type CustomerFields, type LogEvent, type WorkflowEvent } from '../../src-main/shared/events';
import type { EventRecord, MentionRecord } from '../db/schema';

export type { LogEvent, WorkflowEvent };

const KNOWN = new Set<string>(EVENT_TYPES);
const MENTION_KEYS = Object.keys(MentionSchema.shape) as Array<keyof Mention>;

/** The Mention inside a record, without the app's workflow fields. */
export function mentionOf(r: MentionRecord): Mention {
  const out: Record<string, unknown> = {};
  for (const k of MENTION_KEYS) if (r[k] !== undefined) out[k] = r[k];
  return out as Mention;
}

/**
 * One workflow event as a log line: `data` fields sit beside type/at/mentionId/agent. Events the
 * log format does not know (none today) are left out. Our own records are trusted here, not parsed
 * again (the report turns hundreds of thousands of them into lines); the export validates.
 */
export function lineOfEvent(e: EventRecord): WorkflowEvent | undefined {
  if (e.type === 'mention' || !KNOWN.has(e.type) || !e.mentionId) return undefined;
  const line: Record<string, unknown> = { type: e.type, at: e.at, mentionId: e.mentionId };
  if (e.agent) line.agent = e.agent;
  if (e.data) for (const k in e.data) if (!(k in line) && e.data[k] !== undefined) line[k] = e.data[k];
  return line as WorkflowEvent;
}

/**
 * When a mention arrived: a `mention` event of an older database, else the arrival on its record
 * (db/arrivals.ts), else when main received it, else its clock start.
 */
export function arrivalOf(m: MentionRecord, mentionEventAt?: string): string {
  return mentionEventAt ?? m.arrival?.at ?? m.receivedAt ?? new Date(m.clockStartMs).toISOString();
}

/**
 * The log of the given mentions: each one's arrival and its workflow events, oldest first.
 * `customerOf` gives the CRM import's plan/standing of a mention's author (written on its line as
 * `customer`, for `fairness --by plan|standing`).
 */
export function toLogEvents(mentions: readonly MentionRecord[], events: readonly EventRecord[], customerOf?: (m: MentionRecord) => CustomerFields | undefined): LogEvent[] {
  const ids = new Set<string>();
  for (const m of mentions) ids.add(m.id);
  const arrival = new Map<string, string>();
  const out: LogEvent[] = [];
  for (const e of events) {
    if (!e.mentionId || !ids.has(e.mentionId)) continue;
    if (e.type === 'mention') arrival.set(e.mentionId, e.at);
    else {
      const l = lineOfEvent(e);
      if (l) out.push(l);
    }
  }
  for (const m of mentions) {
    const customer = customerOf?.(m);
    out.push({ type: 'mention', at: arrivalOf(m, arrival.get(m.id)), mention: mentionOf(m), ...(m.threadRootId ? { followUpOf: m.threadRootId } : {}), ...(customer && (customer.plan || customer.standing) ? { customer } : {}) });
  }
  return sortEvents(out);
}

/** Oldest first; at the same instant a mention comes before what happened to it; otherwise stable. */
export function sortEvents<T extends LogEvent>(events: T[]): T[] {
  const t = new Float64Array(events.length);
  const idx = new Uint32Array(events.length);
  for (let i = 0; i < events.length; i++) {
    t[i] = Date.parse(events[i]!.at) * 2 + (events[i]!.type === 'mention' ? 0 : 1);
    idx[i] = i;
  }
  idx.sort((a, b) => t[a]! - t[b]! || a - b);
  return Array.from(idx, (i) => events[i]!);
}

export function toJsonLines(events: readonly LogEvent[]): string {
  let s = '';
  for (const e of events) s += JSON.stringify(e) + '\n';
  return s;
}
