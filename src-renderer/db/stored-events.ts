/**
 * Rows of the events table, checked when they are read back. A row is written from a validated log
 * entry, a follow-up this seat derived, an imported log or the demo history, but IndexedDB keeps
 * whatever was put: an older build's row, a hand-edited profile or a bug elsewhere could leave a row
 * a screen would trip over. So every reader goes through `checkedEvents`: a row that does not match
 * its type's schema is left out with a message naming the row and the field, never cast and used.
 *
 * Only what readers rely on is checked (the envelope, and per type the `data` fields that the
 * thread, author panel, reports, skip guard and export read); other fields pass through untouched,
 * so a newer field a later build adds is kept, not refused.
 */
import { z } from 'zod';
import type { EventRecord } from './schema';

const Restore = z.enum(['new', 'assigned', 'waiting']).optional();

const isText = (v: unknown, min = 0): boolean => typeof v === 'string' && v.length >= min;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The envelope every reader uses, checked by hand: it runs on every row a report reads (200,000
 * and more), where a zod parse of it cost about 2 µs a row against 0.1 µs here.
 */
function envelopeProblem(raw: unknown): string | undefined {
  if (!isPlainObject(raw)) return `event: expected an object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`;
  if (!isText(raw.id, 1)) return 'event.id: expected a non-empty string';
  if (!isText(raw.type, 1)) return 'event.type: expected a non-empty string';
  if (!isText(raw.at) || Number.isNaN(Date.parse(raw.at as string))) return 'event.at: not a readable time';
  if (raw.mentionId !== undefined && !isText(raw.mentionId, 1)) return 'event.mentionId: expected a non-empty string';
  if (raw.agent !== undefined && typeof raw.agent !== 'string') return 'event.agent: expected a string';
  if (raw.data !== undefined && !isPlainObject(raw.data)) return 'event.data: expected an object';
  if (raw.position !== undefined && !(Number.isInteger(raw.position) && (raw.position as number) > 0)) return 'event.position: expected a whole number from 1';
  return undefined;
}

/** Per event type: the `data` fields readers use (INTERFACES.md "Event log export"), checked with zod. */
const DATA_SCHEMAS: Record<string, z.ZodType> = {
  assigned: z.looseObject({ take: z.boolean().optional(), lostTo: z.string().optional(), by: z.string().optional() }).optional(),
  unassigned: z.looseObject({ from: z.string().optional() }).optional(),
  replied: z.looseObject({ via: z.string().optional(), text: z.string().optional(), replyId: z.string().optional(), url: z.string().optional() }).optional(),
  reopened: z.looseObject({ reason: z.string().optional(), followUpId: z.string().optional(), restore: Restore }).optional(),
  skipped: z.looseObject({ takenMentionId: z.string().min(1), reason: z.string().optional(), note: z.string().optional() }),
  noise: z.looseObject({ reason: z.string().optional() }).optional(),
  unnoise: z.looseObject({ restore: Restore }).optional(),
  tagged: z.looseObject({ tag: z.string().min(1) }),
  untagged: z.looseObject({ tag: z.string().min(1) }),
  noted: z.looseObject({ text: z.string() }),
};

/** The row as an EventRecord, or what is wrong with it (`skipped.data.takenMentionId: …`). */
export function checkEventRow(raw: unknown): { event: EventRecord } | { error: string } {
  const problem = envelopeProblem(raw);
  if (problem) return { error: problem };
  const row = raw as EventRecord;
  const data = DATA_SCHEMAS[row.type]?.safeParse(row.data);
  if (data && !data.success) return { error: issuesOf(`${row.type}.data`, data.error) };
  // The row itself, not zod's copy: fields no schema names are kept as they were.
  return { event: row };
}

function issuesOf(prefix: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
}

/** Where bad rows are told; tests replace it to see what was said. */
let tell = (message: string): void => console.error(message);
export function onBadEventRow(fn: (message: string) => void): () => void {
  const before = tell;
  tell = fn;
  return () => {
    tell = before;
  };
}

/**
 * The rows that are well-formed events; each bad one is told once per read (`where` names the
 * reader: "the thread", "the fairness report") with its id, and left out.
 */
export function checkedEvents(rows: readonly unknown[], where: string): EventRecord[] {
  const out: EventRecord[] = [];
  for (const raw of rows) {
    const r = checkEventRow(raw);
    if ('event' in r) out.push(r.event);
    else tell(`earshot: ${where} skipped event ${idOf(raw)} of the events table: ${r.error}`);
  }
  return out;
}

function idOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? JSON.stringify(id.slice(0, 80)) : '(no id)';
}
