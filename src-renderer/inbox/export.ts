/**
 * Exports. The event log as JSON lines exactly as INTERFACES.md "Event log export" (oldest first;
 * "mention" lines carry the whole Mention; other lines carry mentionId, agent and the event's own
 * fields), which `npm run fairness` reads; and the inbox (a view) as CSV for spreadsheets. Both read
 * a page at a time, so a year of data never sits in memory as records.
 */
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { toCsv } from '../customers/csv';
// One way to turn records into log lines, shared with the fairness report's own export.
import { lineOfEvent, mentionOf } from '../reports/log-lines';
import { checkedEvents } from '../db/stored-events';
import { arrivalEventOf } from '../db/arrivals';

const PAGE = 1000;

export function eventLine(e: EventRecord, mention?: MentionRecord): string | undefined {
  if (e.type === 'mention') return mention ? JSON.stringify({ type: 'mention', at: e.at, mention: mentionOf(mention) }) : undefined;
  const line = lineOfEvent(e);
  return line ? JSON.stringify(line) : undefined;
}

/** Same instant: the mention's arrival before what was done to it. */
const byTime = (a: EventRecord, b: EventRecord): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : (a.type === 'mention' ? 0 : 1) - (b.type === 'mention' ? 0 : 1));

/** Where a line comes from: an events row, or a mention's arrival (db/arrivals.ts). */
interface Source {
  at: string;
  id: string;
  arrival: boolean;
}

/**
 * Every event and every arrival, oldest first (at one instant, arrivals first): the two `at` indexes
 * (events by `at`, mentions by `arrival.at`) merged, keys only.
 */
async function timeline(db: EarshotDb): Promise<Source[]> {
  const [ats, ids, arrivalAts, arrivalIds] = await Promise.all([
    db.events.orderBy('at').keys(),
    db.events.orderBy('at').primaryKeys(),
    db.mentions.orderBy('arrival.at').keys(),
    db.mentions.orderBy('arrival.at').primaryKeys(),
  ]);
  const out: Source[] = [];
  let i = 0;
  let k = 0;
  while (i < ids.length || k < arrivalIds.length) {
    const e = i < ids.length ? String(ats[i]) : undefined;
    const a = k < arrivalIds.length ? String(arrivalAts[k]) : undefined;
    if (a !== undefined && (e === undefined || a <= e)) out.push({ at: a, id: arrivalIds[k++]!, arrival: true });
    else out.push({ at: e!, id: ids[i++]!, arrival: false });
  }
  return out;
}

export async function exportEventLog(db: EarshotDb, onProgress?: (done: number, total: number) => void): Promise<Blob> {
  const all = await timeline(db);
  const parts: string[] = [];
  for (let i = 0; i < all.length; i += PAGE) {
    const page = all.slice(i, i + PAGE);
    const rows = (await db.events.bulkGet(page.filter((s) => !s.arrival).map((s) => s.id))).filter(Boolean);
    const arrived = (await db.mentions.bulkGet(page.filter((s) => s.arrival).map((s) => s.id))).filter((m): m is MentionRecord => Boolean(m));
    const events = [...arrived.flatMap((m) => arrivalEventOf(m) ?? []), ...checkedEvents(rows, 'the event log export')].sort(byTime);
    // Only an arrival's line needs its mention, and every arrival comes with it (v7: no arrival rows in events).
    const mentions = new Map(arrived.map((m) => [m.id, m]));
    for (const e of events) {
      const line = eventLine(e, e.mentionId ? mentions.get(e.mentionId) : undefined);
      if (line) parts.push(`${line}\n`);
    }
    onProgress?.(Math.min(all.length, i + PAGE), all.length);
  }
  return new Blob(parts, { type: 'application/x-ndjson' });
}

export const CSV_HEADER = [
  'id',
  'channel',
  'source',
  'created_at',
  'author_name',
  'author_handle',
  'author_followers',
  'reach_tier',
  'reach_score',
  'status',
  'assignee',
  'tags',
  'due_at',
  'first_reply_at',
  'last_reply_at',
  'rating',
  'url',
  'text',
];

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

export function csvRow(m: MentionRecord): unknown[] {
  return [
    m.id,
    m.channel,
    m.sourceId,
    m.createdAt,
    m.author.name,
    m.author.handle,
    m.author.followers ?? '',
    m.reach.tier,
    m.reach.score,
    m.status,
    m.assignee ?? '',
    m.tags.join(' '),
    iso(m.dueAt),
    iso(m.firstReplyAt),
    iso(m.lastReplyAt),
    m.rating ?? '',
    m.url ?? '',
    m.text,
  ];
}

/** The mentions of a view, in the view's order. */
export async function exportInboxCsv(db: EarshotDb, ids: readonly string[]): Promise<Blob> {
  const parts: string[] = ['\ufeff', toCsv([CSV_HEADER])];
  for (let i = 0; i < ids.length; i += PAGE) {
    const rows = (await db.mentions.bulkGet(ids.slice(i, i + PAGE))).filter((m): m is MentionRecord => Boolean(m));
    if (rows.length) parts.push(toCsv(rows.map(csvRow)));
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function stamp(now = new Date()): string {
  return now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
}
