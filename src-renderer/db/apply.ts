/**
 * Applying the log to IndexedDB (DESIGN.md "The log is the system of record"). A page of
 * positioned entries is applied in ONE Dexie transaction together with the position it reaches, so
 * a page is either wholly there or not at all, and applying is idempotent: entries at or below the
 * stored position are skipped. A renderer whose position came from another log (another data
 * folder: another `logId`) forgets what it applied first (db/log-switch.ts, called by delivery) and
 * starts from 0.
 */
import { parseLogEntry, type TypedLogEntry, type WorkflowEntry } from '../../src-main/shared/log-entry';
import type { LogPage } from '../../src-main/shared/contract';
import type { EarshotDb, MentionRecord } from './schema';
import { foldEntries } from '../../src-main/shared/workflow';
import { eventRecordOf } from './events';
import { noteOldWrites } from './old-writes';
import { confirmedState, pendingByMention, showWith } from './pending';
import { applyTeamData, isTeamData, type TeamDataEntry } from './team-data';
import { writeMentions, type HeardMention } from './ingest';
import { getMeta, metaKey, putMeta, record } from './meta';
import { ensurePoliciesLoaded, setPolicyRecords } from './policies';
import { queueRetag } from './retag-queue';
import { foldPendingOnArrivals } from './log-switch';
import { primeSearchWords } from './derived';

/** The typed value of the `position` meta key: how far this profile has applied which log. */
export interface AppliedPosition {
  logId: string;
  position: number;
}

const POSITION = metaKey<AppliedPosition>('position', (raw) => {
  const v = record(raw);
  return v && typeof v.logId === 'string' && typeof v.position === 'number' ? { logId: v.logId, position: v.position } : undefined;
});

export async function readPosition(db: EarshotDb): Promise<AppliedPosition | undefined> {
  return getMeta(db, POSITION);
}

/** This seat's take that the log put after someone else's: they keep it, this seat is told. */
export interface LostTake {
  mentionId: string;
  /** Who holds it (first in log order). */
  holder: string;
  /** When this seat tried. */
  at: string;
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
  /** Takes of this seat that lost to a teammate's earlier one. */
  lostTakes: LostTake[];
}

type Positioned<T> = { position: number; entry: T };

/**
 * Workflow entries in log order: each mention's confirmed state is folded on (shared/workflow.ts),
 * this seat's entries among them leave `pending`, and what is still pending is folded on top again,
 * so every seat shows what the log says plus only its own unconfirmed work.
 */
async function applyWorkflow(db: EarshotDb, list: readonly Positioned<WorkflowEntry>[]): Promise<LostTake[]> {
  const ids = [...new Set(list.map((p) => p.entry.mentionId))];
  const [rows, pending, mine] = await Promise.all([db.mentions.bulkGet(ids), pendingByMention(db, ids), db.pending.where('id').anyOf(list.map((p) => p.entry.id)).toArray()]);
  // This seat's own entries in the page: confirmed now.
  const mineIds = new Set(mine.map((p) => p.id));
  const byMention = new Map<string, WorkflowEntry[]>();
  for (const { entry } of list) {
    const l = byMention.get(entry.mentionId) ?? [];
    l.push(entry);
    byMention.set(entry.mentionId, l);
  }
  const lost: LostTake[] = [];
  const lostAll = new Map<string, string>();
  const puts: MentionRecord[] = [];
  rows.forEach((row) => {
    if (!row) return; // an action on a mention this log never heard: kept as an event only
    const entries = byMention.get(row.id)!;
    const { state, lostTakes } = foldEntries(confirmedState(row), entries);
    for (const e of entries) {
      const holder = lostTakes.get(e.id);
      if (!holder) continue;
      lostAll.set(e.id, holder);
      if (mineIds.has(e.id)) lost.push({ mentionId: row.id, holder, at: e.at });
    }
    const still = (pending.get(row.id) ?? []).filter((p) => !mineIds.has(p.id));
    puts.push(showWith(row, state, still));
  });
  await db.mentions.bulkPut(puts);
  // A take that lost is kept (it happened) but marked, so reports never count the loser as owner.
  const written = list.map((p) => {
    const row = eventRecordOf(p.entry, p.position);
    const holder = lostAll.get(p.entry.id);
    return holder ? { ...row, data: { ...row.data, lostTo: holder } } : row;
  });
  await db.events.bulkPut(written);
  await noteOldWrites(db, written); // the page's transaction includes meta
  if (mine.length) await db.pending.bulkDelete(mine.map((p) => p.seq!));
  return lost;
}

/** A page's entry with its validation done (parseLogEntry): an entry to apply, or what is wrong with it. */
export interface ParsedEntry {
  position: number;
  parsed: ReturnType<typeof parseLogEntry>;
}

/**
 * Validates a page's entries, outside any transaction: delivery does it as a page arrives, while the
 * previous page's write keeps IndexedDB busy, so the write transaction does not wait on it (a fifth
 * of a 2,000-entry page's script time; tmp profile of issue 11).
 */
export function parsePage(page: LogPage['entries']): ParsedEntry[] {
  return page.map(({ position, entry }) => {
    const parsed = parseLogEntry(entry);
    // A mention's search words too (db/derived.ts), for the same reason.
    if ('entry' in parsed && parsed.entry.type === 'mention') primeSearchWords(parsed.entry.mention);
    return { position, parsed };
  });
}

export async function applyPage(db: EarshotDb, page: LogPage['entries'], logId: string): Promise<ApplyResult> {
  return applyParsed(db, parsePage(page), logId);
}

export interface ApplyOptions {
  /**
   * Read the SLA policies inside the page's transaction (a context other than the window's: the
   * delivery worker). The window updates its memory itself when it saves a version; elsewhere only
   * the read in the same transaction order sees that version before the next mention is applied.
   */
  policiesInTransaction?: boolean;
}

/** applyPage, for entries parsePage has validated. */
export async function applyParsed(db: EarshotDb, page: readonly ParsedEntry[], logId: string, opts: ApplyOptions = {}): Promise<ApplyResult> {
  await ensurePoliciesLoaded(db); // due times are computed synchronously from the policies in memory
  return db.transaction('rw', [db.mentions, db.authors, db.events, db.meta, db.pending, db.policies, db.customers, db.authorLinks], async () => {
    const [stored] = await Promise.all([readPosition(db), opts.policiesInTransaction ? db.policies.toArray().then(setPolicyRecords) : undefined]);
    let position = stored?.logId === logId ? stored.position : 0;
    const todo = page.filter((p) => p.position > position);
    if (!todo.length) return { position, applied: 0, added: 0, problems: [], lostTakes: [] };
    if (todo[0]!.position !== position + 1) {
      throw new Error(`the log skipped from position ${position} to ${todo[0]!.position}; it will be sent again`);
    }
    // Consecutive runs of arrivals, of workflow entries and of team data, applied run by run in log
    // order: a follow-up that arrives after our reply must find the reply already applied, and a
    // mention after a new policy version gets that version's due time.
    let heard: HeardMention[] = [];
    let work: Positioned<WorkflowEntry>[] = [];
    let shared: TeamDataEntry[] = [];
    let added = 0;
    const lostTakes: LostTake[] = [];
    const flush = async (): Promise<void> => {
      if (heard.length) {
        added += (await writeMentions(db, heard)).added;
        await foldPendingOnArrivals(db, heard.map((h) => h.mention.id));
      }
      if (work.length) lostTakes.push(...(await applyWorkflow(db, work)));
      if (shared.length) {
        const ids = new Set(shared.map((e) => e.id));
        const pending = (await db.pending.toArray()).filter((p) => !ids.has(p.id));
        // Due times of mentions later in the same page use a new policy version at once.
        if ((await applyTeamData(db, shared, pending)).policies) setPolicyRecords(await db.policies.toArray());
        await db.pending.where('id').anyOf([...ids]).delete();
      }
      heard = [];
      work = [];
      shared = [];
    };
    const problems: string[] = [];
    for (const { position: p, parsed: r } of todo) {
      if (p !== position + 1) throw new Error(`positions out of order in a page (${position} then ${p})`);
      position = p;
      if ('error' in r) {
        // Main validates every append, so this is an entry from a newer version: skip it, say so.
        problems.push(`position ${p}: ${r.error}`);
        continue;
      }
      const entry: TypedLogEntry = r.entry;
      if (entry.type === 'mention') {
        if (work.length || shared.length) await flush();
        heard.push({ mention: entry.mention, at: entry.at, eventId: entry.id, position: p });
      } else if ('mentionId' in entry) {
        if (heard.length || shared.length) await flush();
        work.push({ position: p, entry });
      } else if (isTeamData(entry)) {
        if (heard.length || work.length) await flush();
        shared.push(entry);
      } else if (entry.type === 'topic-rules') {
        // A change of the team's topic rules applies to every mention heard before it (INTERFACES.md
        // "Topic rules"), on every seat and in `voc --team` alike (shared/log-export.ts). Queued here,
        // re-tagged in chunks after this transaction (db/retag-queue.ts): inside it, the whole re-tag
        // held the inbox's reads.
        await flush();
        await queueRetag(db, entry.topics, p);
      }
    }
    await flush();
    await putMeta(db, POSITION, { logId, position });
    return { position, applied: todo.length, added, problems, lostTakes };
  });
}
