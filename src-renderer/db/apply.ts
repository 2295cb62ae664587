/**
 * Applying the log to IndexedDB (DESIGN.md "The log is the system of record"). A page of
 * positioned entries is applied in ONE Dexie transaction together with the position it reaches, so
 * a page is either wholly there or not at all, and applying is idempotent: entries at or below the
 * stored position are skipped. A renderer whose position came from another log (another data
 * folder: another `logId`) starts from 0, keeping what it has (mentions are keyed by id).
 */
import { parseLogEntry, type TypedLogEntry, type WorkflowEntry } from '../../src-main/shared/log-entry';
import type { LogPage } from '../../src-main/shared/contract';
import type { EarshotDb, EventRecord } from './schema';
import { writeMentions, type HeardMention } from './ingest';
import { ensurePoliciesLoaded } from '../sla/policy-store';

/** The typed value of the `position` meta key: how far this profile has applied which log. */
export interface AppliedPosition {
  logId: string;
  position: number;
}

const POSITION_KEY = 'position';

export async function readPosition(db: EarshotDb): Promise<AppliedPosition | undefined> {
  const v = (await db.meta.get(POSITION_KEY))?.value as Partial<AppliedPosition> | undefined;
  return v && typeof v.logId === 'string' && typeof v.position === 'number' ? { logId: v.logId, position: v.position } : undefined;
}

export interface ApplyResult {
  /** The position now applied. */
  position: number;
  /** Entries applied by this call (0 for a replayed page). */
  applied: number;
  /** New mentions in the inbox. */
  added: number;
  /** Entries that failed validation: skipped (named in `problems`), never applied half-way. */
  problems: string[];
}

/** A workflow entry as a row of the events table (the INTERFACES.md export line, minus type/at/id/mentionId/agent). */
function eventRecord(e: WorkflowEntry): EventRecord {
  const { id, type, at, mentionId, agent, ...data } = e;
  return { id, type, at, mentionId, agent, data: Object.keys(data).length ? data : undefined };
}

export async function applyPage(db: EarshotDb, page: LogPage['entries'], logId: string): Promise<ApplyResult> {
  await ensurePoliciesLoaded(db); // due times are computed synchronously from the policies in memory
  return db.transaction('rw', [db.mentions, db.authors, db.events, db.meta], async () => {
    const stored = await readPosition(db);
    let position = stored?.logId === logId ? stored.position : 0;
    const todo = page.filter((p) => p.position > position);
    if (!todo.length) return { position, applied: 0, added: 0, problems: [] };
    if (todo[0]!.position !== position + 1) {
      throw new Error(`the log skipped from position ${position} to ${todo[0]!.position}; it will be sent again`);
    }
    const heard: HeardMention[] = [];
    const events: EventRecord[] = [];
    const problems: string[] = [];
    for (const { position: p, entry: raw } of todo) {
      if (p !== position + 1) throw new Error(`positions out of order in a page (${position} then ${p})`);
      position = p;
      const r = parseLogEntry(raw);
      if ('error' in r) {
        // Main validates every append, so this is an entry from a newer version: skip it, say so.
        problems.push(`position ${p}: ${r.error}`);
        continue;
      }
      const entry: TypedLogEntry = r.entry;
      if (entry.type === 'mention') heard.push({ mention: entry.mention, at: entry.at, eventId: entry.id });
      else if ('mentionId' in entry) events.push(eventRecord(entry));
    }
    const { added } = await writeMentions(db, heard);
    if (events.length) await db.events.bulkPut(events);
    await db.meta.put({ key: POSITION_KEY, value: { logId, position } satisfies AppliedPosition });
    return { position, applied: todo.length, added, problems };
  });
}
