/**
 * One report run: get the facts of the range (facts-store.ts), compute the report straight from
 * their columns (facts-report.ts, the same figures as the minimal event log gives), time each step. The same code runs in the report worker (report.worker.ts) and,
 * where no worker can start, on the main thread. The export reads the full log instead (load.ts).
 */
import { EarshotDb } from '../db/schema';
import type { FairnessReport } from '../../src-main/shared/sla/fairness';
import { computeReport, type SkipSummary, type TierBox } from './compute';
import { customersByHandle, loadLog, loadPolicies, type ReportRange } from './load';
import { toJsonLines } from './log-lines';
import { checkPending, currentFacts, factsHeld, factsVerified, haveFacts, rangeFacts, type Loaded } from './facts-store';
import { byClock, factsRevision, selectRows, type Facts, type FactsIndex } from './facts';
import { reportFromFacts, type FactsReportOptions } from './facts-report';
import { loadIntervals, saveIntervals } from './intervals-store';
import type { GroupBy } from '../../src-main/shared/sla/groups';

export interface ReportRequest {
  dbName: string;
  range: ReportRange;
  agent?: string;
  nowMs: number;
  /** Compare these groups instead of the reach tiers (INTERFACES.md `--by`). */
  by?: GroupBy;
}

export interface ReportResponse {
  report: FairnessReport;
  boxes: TierBox[];
  skips: SkipSummary;
  agents: string[];
  /** Mentions in the range (before the agent filter), and events the report was computed over. */
  read: { mentions: number; events: number };
  /** How the facts were had (see facts-store.ts) and where the time went. */
  how: Loaded['how'];
  /** An idle count check of the facts is pending: ask verifyReport whether the report still stands. */
  checking: boolean;
  /** Reading the facts, the small reads beside, computing; then the phases of each (facts-store.ts, facts-report.ts). */
  timings: { loadMs: number; buildMs: number; computeMs: number } & Record<string, number>;
}

/** Ranges longer than this are read through the stored facts even on a first run. */
const SHORT_RANGE_MS = 62 * 86_400_000;

const open = new Map<string, EarshotDb>();
function dbNamed(name: string): EarshotDb {
  let db = open.get(name);
  if (!db) open.set(name, (db = new EarshotDb(name)));
  return db;
}

type Computed = ReturnType<typeof reportFromFacts>;
/** A report kept with the facts it came from: their revision then, and until when it holds. */
interface Kept {
  revision: number;
  nowMs: number;
  validUntilMs: number;
  result: Computed;
}
const keptReports = new WeakMap<Facts, Map<string, Kept>>();
/** Kept per facts: the periods and agents a lead switches between. */
const KEPT = 6;

/**
 * The report over the facts' rows in `range`. A report asked for again over the same facts with
 * nothing folded in since (factsRevision), as of an instant its outcomes still hold for
 * (validUntilMs, facts-report.ts), is the kept one as of the new instant: the very figures the
 * computation would give, without going over every row again (0.1-0.2 s at 200,000 mentions).
 * With a grouping, always computed (a CRM import may have changed the groups).
 */
export function reportOver(f: Facts, ix: FactsIndex, range: ReportRange, opts: FactsReportOptions): Computed {
  const t0 = performance.now();
  const key = opts.by ? undefined : JSON.stringify({ range, agent: opts.agent, policies: opts.policies });
  let byKey = keptReports.get(f);
  const hit = key === undefined ? undefined : byKey?.get(key);
  if (hit && hit.revision === factsRevision(f) && opts.nowMs >= hit.nowMs && opts.nowMs < hit.validUntilMs) {
    const r = hit.result;
    // Reused as facts-report.ts reuses (reusedMs), and without going over the rows (keptMs).
    const ms = performance.now() - t0;
    return { ...r, report: { ...r.report, now: new Date(opts.nowMs).toISOString() }, phases: { reusedMs: ms, keptMs: ms } };
  }
  const revision = factsRevision(f);
  const r = reportFromFacts(f, ix, byClock(f, selectRows(f, range)), opts);
  if (key !== undefined) {
    if (!byKey) keptReports.set(f, (byKey = new Map()));
    byKey.delete(key);
    if (byKey.size >= KEPT) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, { revision, nowMs: opts.nowMs, validUntilMs: r.validUntilMs, result: r });
  }
  return r;
}

export async function runReport(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<ReportResponse> {
  const t0 = performance.now();
  const short = req.range.fromMs !== undefined && req.nowMs - req.range.fromMs <= SHORT_RANGE_MS;
  // Not counted: the count check of every event runs once the screen is idle (useReport asks for its verdict).
  const early = { early: true, counted: false };
  const marks: Record<string, number> = {};
  const facts = (): Promise<Loaded> =>
    short
      ? haveFacts(db).then((have) => {
          marks.haveMs = performance.now() - t0;
          return have ? currentFacts(db, req.nowMs, early) : rangeFacts(db, req.range);
        })
      : currentFacts(db, req.nowMs, early);
  // The small reads are asked for first: IndexedDB answers them before the facts' long count.
  const small = Promise.all([loadPolicies(db), loadIntervals(db)]).then((got) => {
    marks.smallMs = performance.now() - t0;
    return got;
  });
  const [first, [policies]] = await Promise.all([facts(), small]);
  let loaded = first;
  const t1 = performance.now();
  const customerOf = req.by === 'plan' || req.by === 'standing' ? await customersByHandle(db) : undefined;
  const compute = (l: Loaded) => reportOver(l.facts, l.ix, req.range, { policies, nowMs: req.nowMs, agent: req.agent, by: req.by, customerOf });
  const t2 = performance.now();
  let r = compute(loaded);
  const t3 = performance.now();
  // The count check ran while the report was computed; when it failed, the facts are built again.
  if (!(await loaded.checked)) {
    loaded = await currentFacts(db, req.nowMs, { counted: false });
    r = compute(loaded);
  }
  const t4 = performance.now();
  saveIntervals(db);
  return {
    report: r.report,
    boxes: r.boxes,
    skips: r.skips,
    agents: r.agents,
    read: { mentions: r.mentions, events: r.events },
    how: loaded.how,
    checking: checkPending(db),
    timings: { loadMs: t1 - t0, buildMs: t2 - t1, computeMs: t3 - t2, checkWaitMs: t4 - t3, ...marks, ...loaded.phases, ...r.phases },
  };
}

/**
 * Resolves once the idle count check (facts-store.ts) is done: false when the facts behind the last
 * report missed writes made behind the app's back (the next report builds them again).
 */
export function verifyReport(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<boolean> {
  return factsVerified(db);
}

/** After a first short report, build the stored facts so the next (longer) one is quick. */
export async function warmUp(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<void> {
  if (!(await haveFacts(db))) await currentFacts(db, Date.now(), { counted: false });
}

/**
 * A new session's worker, ready before the first report is asked for: the database opened and the
 * stored intervals taken in (the screen asks for this when the app starts; the worker's start and
 * these reads cost the first report 0.1-0.3 s).
 */
export async function prepareWorker(req: Pick<ReportRequest, 'dbName'>, db: EarshotDb = dbNamed(req.dbName)): Promise<void> {
  await Promise.all([db.open(), loadIntervals(db)]);
}

/**
 * After a plain report over a shorter period (the screen opens on the last four weeks), the
 * all-time report over the same facts, worked out while the screen draws the first one: its
 * outcomes and figures are kept (facts-report.ts keeps the last reports per facts), so a lead who
 * switches to "All time" gets them once the outcomes are found unchanged (a fold since, or a
 * later `now` that changes one, computes again). Facts held in memory only: nothing is read.
 */
export async function prepareAllTime(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<void> {
  const plain = req.agent === undefined && req.by === undefined && !req.range.channels?.length;
  if (!plain || (req.range.fromMs === undefined && req.range.toMs === undefined)) return;
  const held = factsHeld(db);
  if (!held) return;
  const policies = await loadPolicies(db);
  // The same range as the screen's "All time" asks for (params.ts rangeOf), so the report is kept for it.
  reportOver(held.facts, held.ix, { fromMs: undefined, channels: undefined }, { policies, nowMs: Date.now() });
  saveIntervals(db);
}

/** The event log behind a report, as JSON lines (INTERFACES.md), ready for `npm run fairness`. */
export async function runExportLog(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<string> {
  const [log, policies] = await Promise.all([loadLog(db, req.range), loadPolicies(db)]);
  const r = computeReport(log.events, { policies, nowMs: req.nowMs, agent: req.agent, tierOf: log.tierOf });
  return toJsonLines(r.events);
}
