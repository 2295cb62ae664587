/**
 * The workflow event log (INTERFACES.md "Event log export"): one JSON object per line, oldest first.
 * The app writes it, the `fairness` command and the reports read it, so the schemas live here, in
 * shared/, once. Fields may be added to an event (unknown ones are dropped when read), never renamed.
 *
 * `agent` is required where a report depends on it (who was assigned, who replied, who skipped) and
 * optional where the app itself may act (a resolve or noise rule with nobody at the keyboard).
 */
import { z } from 'zod';
import { MentionSchema } from './mention';

const At = z.iso.datetime({ offset: true });
const MentionId = z.string().min(1);
const Agent = z.string().min(1);

/** A mention arrived (its SLA clock is mention.clockStartAt, else mention.createdAt). */
/**
 * `followUpOf`: this mention continues a conversation we already answered (the customer writing
 * again, merged into that mention's thread) or is our own post. It is not a new request for a
 * first response, so the first-response report leaves it out (the root's reopening is what counts).
 */
/**
 * `customer`: the CRM import's fields for the author (when the author matched a customer), so
 * `fairness --by plan|standing` groups an exported log as the app does.
 */
export const CustomerFieldsSchema = z.object({ plan: z.string().optional(), standing: z.string().optional() });
export type CustomerFields = z.infer<typeof CustomerFieldsSchema>;
export const MentionEventSchema = z.object({
  type: z.literal('mention'),
  at: At,
  mention: MentionSchema,
  followUpOf: z.string().min(1).optional(),
  customer: CustomerFieldsSchema.optional(),
});

const onMention = { at: At, mentionId: MentionId };

/**
 * `take`: a first-come take (the agent took it for themselves); it loses, and changes nothing, when
 * someone else already held the mention earlier in the log. `lostTo`: the app marks a take that lost
 * so (who held it), so reports never count the loser as the owner.
 */
export const AssignedEventSchema = z.object({
  type: z.literal('assigned'),
  ...onMention,
  agent: Agent,
  take: z.boolean().optional(),
  lostTo: z.string().optional(),
});
/** The mention went back to the shared queue. */
export const UnassignedEventSchema = z.object({ type: z.literal('unassigned'), ...onMention, agent: Agent.optional() });
/** The first one on a mention is its first response. */
export const RepliedEventSchema = z.object({
  type: z.literal('replied'),
  ...onMention,
  agent: Agent,
  via: z.string().optional(),
  text: z.string().optional(),
  replyId: z.string().optional(),
  url: z.string().optional(),
});
export const ResolvedEventSchema = z.object({ type: z.literal('resolved'), ...onMention, agent: Agent.optional() });
/** The customer wrote again (or an agent reopened it): a next-response clock starts. */
export const ReopenedEventSchema = z.object({ type: z.literal('reopened'), ...onMention, reason: z.string().optional(), agent: Agent.optional() });
/** Logged on the mention that was passed over when `agent` answered `takenMentionId` out of due order. */
export const SkippedEventSchema = z.object({
  type: z.literal('skipped'),
  ...onMention,
  agent: Agent,
  takenMentionId: MentionId,
  reason: z.string().optional(),
});
/** Noise is left out of every SLA figure; `unnoise` takes it back. The last of the two wins. */
export const NoiseEventSchema = z.object({ type: z.literal('noise'), ...onMention, agent: Agent.optional(), reason: z.string().optional() });
export const UnnoiseEventSchema = z.object({ type: z.literal('unnoise'), ...onMention, agent: Agent.optional() });
export const TaggedEventSchema = z.object({ type: z.literal('tagged'), ...onMention, tag: z.string().min(1), agent: Agent.optional() });
export const UntaggedEventSchema = z.object({ type: z.literal('untagged'), ...onMention, tag: z.string().min(1), agent: Agent.optional() });
/** An internal note; never sent to the customer. */
export const NotedEventSchema = z.object({ type: z.literal('noted'), ...onMention, text: z.string(), agent: Agent.optional() });

const SCHEMAS = {
  mention: MentionEventSchema,
  assigned: AssignedEventSchema,
  unassigned: UnassignedEventSchema,
  replied: RepliedEventSchema,
  resolved: ResolvedEventSchema,
  reopened: ReopenedEventSchema,
  skipped: SkippedEventSchema,
  noise: NoiseEventSchema,
  unnoise: UnnoiseEventSchema,
  tagged: TaggedEventSchema,
  untagged: UntaggedEventSchema,
  noted: NotedEventSchema,
} as const;

export type EventType = keyof typeof SCHEMAS;
export const EVENT_TYPES = Object.keys(SCHEMAS) as EventType[];

export const LogEventSchema = z.discriminatedUnion('type', [
  MentionEventSchema,
  AssignedEventSchema,
  UnassignedEventSchema,
  RepliedEventSchema,
  ResolvedEventSchema,
  ReopenedEventSchema,
  SkippedEventSchema,
  NoiseEventSchema,
  UnnoiseEventSchema,
  TaggedEventSchema,
  UntaggedEventSchema,
  NotedEventSchema,
]);
export type LogEvent = z.infer<typeof LogEventSchema>;
export type MentionEvent = z.infer<typeof MentionEventSchema>;
/** Every event but the arrival of a mention: each names the mention it acts on. */
export type WorkflowEvent = Exclude<LogEvent, MentionEvent>;
export type EventOf<T extends EventType> = Extract<LogEvent, { type: T }>;

export interface LogLineError {
  /** 1-based line number in the file. */
  line: number;
  /** What is wrong, naming the field: `replied.agent: expected string, received undefined`. */
  message: string;
}

const isEventType = (t: unknown): t is EventType => typeof t === 'string' && Object.prototype.hasOwnProperty.call(SCHEMAS, t);

/** At most this many problems are described per line; a line that wrong has one cause anyway. */
const ISSUES_PER_LINE = 3;

/** Validates one line's parsed JSON; returns the event or what is wrong with it. */
export function parseLogLine(raw: unknown): { event: LogEvent } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'expected a JSON object with a "type"' };
  const type = (raw as { type?: unknown }).type;
  if (!isEventType(type)) {
    const got = type === undefined ? 'missing' : `unknown event type ${JSON.stringify(type)}`;
    return { error: `type: ${got} (expected one of ${EVENT_TYPES.join(', ')})` };
  }
  const r = SCHEMAS[type].safeParse(raw);
  if (r.success) return { event: r.data };
  const issues = r.error.issues.slice(0, ISSUES_PER_LINE).map((i) => `${[type, ...i.path.map(String)].join('.')}: ${i.message}`);
  const more = r.error.issues.length - ISSUES_PER_LINE;
  return { error: issues.join('; ') + (more > 0 ? `; and ${more} more` : '') };
}

/**
 * Reads an exported log (JSON lines). Blank lines are skipped; a bad line is reported with its
 * number and the field at fault, and the rest are still read. Never throws.
 */
export function parseEventLog(text: string): { events: LogEvent[]; errors: LogLineError[] } {
  const events: LogEvent[] = [];
  const errors: LogLineError[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    // A UTF-8 byte-order mark at the start of the file is not an error in the data.
    const body = i === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (e) {
      errors.push({ line: i + 1, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    try {
      const r = parseLogLine(raw);
      if ('event' in r) events.push(r.event);
      else errors.push({ line: i + 1, message: r.error });
    } catch (e) {
      // A schema should never throw, but this function promises not to.
      errors.push({ line: i + 1, message: `could not be read (${e instanceof Error ? e.message : String(e)})` });
    }
  }
  return { events, errors };
}
