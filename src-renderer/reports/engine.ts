/**
 * One report run: get the facts of the range (facts-store.ts), rebuild the minimal event log from
 * them, compute, time each step. The same code runs in the report worker (report.worker.ts) and,
 * where no worker can start, on the main thread. The export reads the full log instead (load.ts).
 */
import { EarshotDb } from '../db/schema';
import type { ReachTier } from '../../src-main/shared/mention';
import type { FairnessReport } from '../../src-main/shared/sla/fairness';
import { computeReport, type SkipSummary, type TierBox } from './compute';
import { loadLog, loadPolicies, type ReportRange } from './load';
import { toJsonLines } from './log-lines';
import { currentFacts, haveFacts, rangeFacts, type Loaded } from './facts-store';
import { selectRows, tierOf, toLogEvents } from './facts';

export interface ReportRequest {
  dbName: string;
  range: ReportRange;
  agent?: string;
  nowMs: number;
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
  timings: { loadMs: number; buildMs: number; computeMs: number };
}

/** Ranges longer than this are read through the stored facts even on a first run. */
const SHORT_RANGE_MS = 62 * 86_400_000;

const open = new Map<string, EarshotDb>();
function dbNamed(name: string): EarshotDb {
  let db = open.get(name);
  if (!db) open.set(name, (db = new EarshotDb(name)));
  return db;
}

export async function runReport(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<ReportResponse> {
  const t0 = performance.now();
  const short = req.range.fromMs !== undefined && req.nowMs - req.range.fromMs <= SHORT_RANGE_MS;
  const [loaded, policies] = await Promise.all([short && !(await haveFacts(db)) ? rangeFacts(db, req.range) : currentFacts(db, req.nowMs), loadPolicies(db)]);
  const t1 = performance.now();
  const rows = selectRows(loaded.facts, req.range);
  const events = toLogEvents(loaded.facts, rows);
  const tiers = new Map<string, ReachTier>();
  for (const s of loaded.facts.skips) {
    const t = tierOf(loaded.facts, loaded.ix, s.takenMentionId);
    if (t) tiers.set(s.takenMentionId, t);
  }
  const t2 = performance.now();
  const r = computeReport(events, { policies, nowMs: req.nowMs, agent: req.agent, tierOf: tiers });
  const t3 = performance.now();
  return {
    report: r.report,
    boxes: r.boxes,
    skips: r.skips,
    agents: r.agents,
    read: { mentions: rows.length, events: events.length },
    how: loaded.how,
    timings: { loadMs: t1 - t0, buildMs: t2 - t1, computeMs: t3 - t2 },
  };
}

/** After a first short report, build the stored facts so the next (longer) one is quick. */
export async function warmUp(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<void> {
  if (!(await haveFacts(db))) await currentFacts(db, Date.now());
}

/** The event log behind a report, as JSON lines (INTERFACES.md), ready for `npm run fairness`. */
export async function runExportLog(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<string> {
  const [log, policies] = await Promise.all([loadLog(db, req.range), loadPolicies(db)]);
  const r = computeReport(log.events, { policies, nowMs: req.nowMs, agent: req.agent, tierOf: log.tierOf });
  return toJsonLines(r.events);
}
