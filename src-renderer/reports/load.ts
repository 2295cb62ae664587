/**
 * Reading what a report covers out of the database: the mentions whose SLA clock started in the
 * range (and on the chosen channels), with all their events, as the event log of INTERFACES.md.
 *
 * Indexes keep a short range cheap on a year of data: a mention's due time is never before its clock
 * start, so `dueAt >= from` finds every candidate; its events happen after it arrived, so events
 * from a week before the range start on are enough (the week covers odd imported logs).
 */
import type { Channel, ReachTier } from '../../src-main/shared/mention';
import type { EarshotDb, EventRecord, MentionRecord } from '../db/schema';
import { toLogEvents, type LogEvent } from './log-lines';
import type { CustomerFields } from '../../src-main/shared/events';
import { handleKey } from '../customers/match';
import type { PolicyInput } from './compute';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import type { PolicyRecord } from '../db/schema';
import { versionsFromRecords } from '../db/policies';
import { checkedEvents } from '../db/stored-events';

export interface ReportRange {
  /** Clock start at or after (epoch ms). */
  fromMs?: number;
  /** Clock start before (epoch ms). */
  toMs?: number;
  channels?: Channel[];
}

const EVENT_SLACK_MS = 7 * 86_400_000;

export async function loadMentions(db: EarshotDb, r: ReportRange): Promise<MentionRecord[]> {
  const rows = r.fromMs === undefined ? await db.mentions.toArray() : await db.mentions.where('dueAt').aboveOrEqual(r.fromMs).toArray();
  const channels = r.channels?.length ? new Set(r.channels) : undefined;
  return rows.filter((m) => (r.fromMs === undefined || m.clockStartMs >= r.fromMs) && (r.toMs === undefined || m.clockStartMs < r.toMs) && (!channels || channels.has(m.channel)));
}

async function loadEvents(db: EarshotDb, r: ReportRange, ids: ReadonlySet<string>): Promise<EventRecord[]> {
  const rows = r.fromMs === undefined ? await db.events.toArray() : await db.events.where('at').aboveOrEqual(new Date(r.fromMs - EVENT_SLACK_MS).toISOString()).toArray();
  return checkedEvents(rows, 'the fairness report').filter((e) => e.mentionId !== undefined && ids.has(e.mentionId));
}

export interface LoadedLog {
  events: LogEvent[];
  /** Where the time went: reading mentions, reading events, turning them into the log. */
  timings: { mentionsMs: number; eventsMs: number; buildMs: number };
  /** Tiers of every mention read, for naming the tier of a mention taken out of order. */
  tierOf: Map<string, ReachTier>;
  mentions: number;
}

/** The CRM import's plan and standing by author `channel:handle` (the import is small: read it whole). */
export async function customersByHandle(db: EarshotDb): Promise<(key: string) => CustomerFields | undefined> {
  const map = new Map<string, CustomerFields>();
  for (const c of await db.customers.toArray()) {
    const fields: CustomerFields = { ...(c.plan ? { plan: c.plan } : {}), ...(c.standing ? { standing: c.standing } : {}) };
    for (const h of c.handles) if (!map.has(h)) map.set(h, fields);
  }
  return (key) => map.get(key);
}

export async function loadLog(db: EarshotDb, r: ReportRange): Promise<LoadedLog> {
  const t0 = performance.now();
  const mentions = await loadMentions(db, r);
  const t1 = performance.now();
  const ids = new Set(mentions.map((m) => m.id));
  const events = await loadEvents(db, r, ids);
  const t2 = performance.now();
  const tierOf = new Map(mentions.map((m) => [m.id, m.reach.tier] as const));
  const customer = await customersByHandle(db);
  const log = toLogEvents(mentions, events, (m) => (m.author.handle ? customer(handleKey(m.channel, m.author.handle)) : undefined));
  const t3 = performance.now();
  return { events: log, tierOf, mentions: mentions.length, timings: { mentionsMs: t1 - t0, eventsMs: t2 - t1, buildMs: t3 - t2 } };
}

/** The policy versions as computeFairness takes them: the default, then each saved version. */
export function policyInputOf(rows: readonly PolicyRecord[]): PolicyInput {
  const { versions } = versionsFromRecords(rows);
  return {
    base: DEFAULT_POLICY,
    changes: versions.filter((v) => v.version > 0).map((v) => ({ from: new Date(v.fromMs).toISOString(), policy: v.policy })),
  };
}

export async function loadPolicies(db: EarshotDb): Promise<PolicyInput> {
  return policyInputOf(await db.policies.toArray());
}
