/**
 * One entry of the log (../shared/DESIGN.md "The log is the system of record"). Every entry is an
 * object with a stable `id` chosen by whoever creates it (appending it twice stores it once), a
 * `type` and the time `at` it was recorded. Workflow entries are the event-log lines of
 * ../shared/INTERFACES.md ("Event log export") plus their id; see the per-type schemas below.
 *
 * The envelope is what every backend relies on (it stores `id`, `type` and the JSON); the body
 * schemas are what the core and the renderer validate when an entry enters or leaves the log.
 */
import { z } from 'zod';
import {
  AssignedEventSchema,
  MentionEventSchema,
  NoiseEventSchema,
  NotedEventSchema,
  ReopenedEventSchema,
  RepliedEventSchema,
  ResolvedEventSchema,
  SkippedEventSchema,
  TaggedEventSchema,
  UnassignedEventSchema,
  UnnoiseEventSchema,
  UntaggedEventSchema,
} from './events';

export const LogEntryEnvelopeSchema = z
  .object({
    id: z.string().min(1).max(300),
    type: z.string().min(1).max(40),
    at: z.iso.datetime({ offset: true }),
  })
  .passthrough();

export type LogEntry = z.infer<typeof LogEntryEnvelopeSchema>;

const Id = { id: z.string().min(1).max(300) };
const At = z.iso.datetime({ offset: true });

/** The id of a mention's arrival entry: hearing the same mention twice stores it once. */
export const mentionEntryId = (mentionId: string): string => `mention:${mentionId}`;

export const MentionEntrySchema = MentionEventSchema.extend(Id);
/**
 * `take: true` marks a first-come take: applied after someone else already holds the mention (earlier
 * in log order) it changes nothing, and the seat that issued it says who was first. `by` is who acted.
 */
export const AssignedEntrySchema = AssignedEventSchema.extend({ ...Id, by: z.string().min(1).optional() });
export const UnassignedEntrySchema = UnassignedEventSchema.extend({ ...Id, from: z.string().optional() });
export const RepliedEntrySchema = RepliedEventSchema.extend({ ...Id, inReplyTo: z.string().optional() });
export const ResolvedEntrySchema = ResolvedEventSchema.extend(Id);
/** `restore` (an undo) names the exact status the mention goes back to; see shared/workflow.ts. */
const Restore = z.enum(['new', 'assigned', 'waiting']).optional();
export const ReopenedEntrySchema = ReopenedEventSchema.extend({ ...Id, followUpId: z.string().optional(), restore: Restore });
export const SkippedEntrySchema = SkippedEventSchema.extend({ ...Id, note: z.string().max(2000).optional() });
export const NoiseEntrySchema = NoiseEventSchema.extend(Id);
export const UnnoiseEntrySchema = UnnoiseEventSchema.extend({ ...Id, restore: Restore });
export const TaggedEntrySchema = TaggedEventSchema.extend(Id);
export const UntaggedEntrySchema = UntaggedEventSchema.extend(Id);
export const NotedEntrySchema = NotedEventSchema.extend(Id);

/** An SLA policy version (shared/sla/policy.ts holds the policy's own schema); applies from `from`. */
export const PolicyEntrySchema = z.object({
  ...Id,
  type: z.literal('policy'),
  at: At,
  version: z.object({ id: z.string().min(1), from: At, policy: z.record(z.string(), z.unknown()) }),
  agent: z.string().optional(),
});

/** The team's whole set of saved replies; the latest entry wins. */
export const SavedRepliesEntrySchema = z.object({
  ...Id,
  type: z.literal('saved-replies'),
  at: At,
  replies: z.array(z.object({ id: z.string().min(1), title: z.string(), text: z.string() })).max(1000),
  agent: z.string().optional(),
});

/** One row of a CRM import, matched to authors by handle per channel or by email. */
export const CustomerEntrySchema = z.object({
  ...Id,
  type: z.literal('customer'),
  at: At,
  customer: z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    email: z.string().optional(),
    handles: z.array(z.string()),
    standing: z.string().optional(),
    plan: z.string().optional(),
    since: z.string().optional(),
    extra: z.record(z.string(), z.string()),
  }),
});

/** Two identities linked by hand: every author key with one personId is one person. */
export const IdentityLinkEntrySchema = z.object({
  ...Id,
  type: z.literal('identity-link'),
  at: At,
  authorKey: z.string().min(1),
  personId: z.string().min(1),
  agent: z.string().optional(),
});

/** The team's topic rules (INTERFACES.md "Topic rules"); the latest entry wins. */
export const TopicRulesEntrySchema = z.object({
  ...Id,
  type: z.literal('topic-rules'),
  at: At,
  topics: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), any: z.array(z.string().min(1)), none: z.array(z.string().min(1)).optional() })),
  agent: z.string().optional(),
});

const SCHEMAS = {
  mention: MentionEntrySchema,
  assigned: AssignedEntrySchema,
  unassigned: UnassignedEntrySchema,
  replied: RepliedEntrySchema,
  resolved: ResolvedEntrySchema,
  reopened: ReopenedEntrySchema,
  skipped: SkippedEntrySchema,
  noise: NoiseEntrySchema,
  unnoise: UnnoiseEntrySchema,
  tagged: TaggedEntrySchema,
  untagged: UntaggedEntrySchema,
  noted: NotedEntrySchema,
  policy: PolicyEntrySchema,
  'saved-replies': SavedRepliesEntrySchema,
  customer: CustomerEntrySchema,
  'identity-link': IdentityLinkEntrySchema,
  'topic-rules': TopicRulesEntrySchema,
} as const;

export type EntryType = keyof typeof SCHEMAS;
export const ENTRY_TYPES = Object.keys(SCHEMAS) as EntryType[];
export type TypedLogEntry = { [T in EntryType]: z.output<(typeof SCHEMAS)[T]> }[EntryType];
export type EntryOf<T extends EntryType> = Extract<TypedLogEntry, { type: T }>;
export type MentionEntry = EntryOf<'mention'>;
/** Entries that act on one mention (the workflow events of shared/events.ts). */
export type WorkflowEntry = Extract<TypedLogEntry, { mentionId: string }>;

const isEntryType = (t: unknown): t is EntryType => typeof t === 'string' && Object.prototype.hasOwnProperty.call(SCHEMAS, t);

/**
 * Validates one entry; the error names the field at fault (`assigned.agent: Invalid input…`), so a
 * bad append from a renderer or a bad row from the database is refused with a clear message.
 */
export function parseLogEntry(raw: unknown): { entry: TypedLogEntry } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'expected a JSON object with "id", "type" and "at"' };
  const type = (raw as { type?: unknown }).type;
  if (!isEntryType(type)) {
    const got = type === undefined ? 'missing' : `unknown entry type ${JSON.stringify(type).slice(0, 60)}`;
    return { error: `type: ${got} (expected one of ${ENTRY_TYPES.join(', ')})` };
  }
  const r = SCHEMAS[type].safeParse(raw);
  if (r.success) return { entry: r.data as TypedLogEntry };
  const issues = r.error.issues.slice(0, 3).map((i) => `${[type, ...i.path.map(String)].join('.')}: ${i.message}`);
  return { error: issues.join('; ') };
}

/** A mention's arrival as a log entry. */
export function mentionEntry(mention: MentionEntry['mention'], at = mention.receivedAt ?? new Date().toISOString()): MentionEntry {
  return { id: mentionEntryId(mention.id), type: 'mention', at, mention };
}
