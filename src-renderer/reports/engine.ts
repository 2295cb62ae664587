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
import { checkPending, currentFacts, factsHeld, factsVerified, haveFacts, rangeFacts, saveOutcomesWhenQuiet, type Loaded } from './facts-store';
import { factsRevision, selectRows, type Facts, type FactsIndex } from './facts';
import { reportFromFacts, reportSteps, type FactsReport, type FactsReportOptions, type Steps } from './facts-report';
import { loadIntervals, saveIntervalsWhenQuiet } from './intervals-store';
import { oldWritesSeq } from '../db/old-writes';
import { warmOutcomeColumns } from './outcome-memo';
import { policyRules, policyVersions } from '../../src-main/shared/sla/outcomes';
import type { GroupBy } from '../../src-main/shared/sla/groups';
import { nextTask } from '../lib/next-task';
import { tellProgress } from './progress';
import { KeptPerFacts } from './kept-per-facts';

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
  /**
   * The old-writes marker (db/old-writes.ts) as of before the report's reads (undefined: unreadable):
   * once it has moved past this, old history was written or removed since, and the report no longer
   * holds (useReport asks again).
   */
  oldWrites?: number;
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

type Computed = FactsReport;
/** A report kept with the facts it came from: their revision then, and until when it holds. */
interface Kept {
  revision: number;
  nowMs: number;
  validUntilMs: number;
  result: Computed;
  /** Worked out ahead: what that cost (preparedTimings). */
  prepared?: Record<string, number>;
}
/** Kept per facts: the periods and agents a lead switches between. */
const keptReports = new KeptPerFacts<Kept>(6);

/** What a report is kept under; none with a grouping (a CRM import may have changed the groups). */
const keyOf = (range: ReportRange, opts: FactsReportOptions): string | undefined => (opts.by ? undefined : JSON.stringify({ range, agent: opts.agent, policies: opts.policies }));

/** The kept report for `key` that holds as of `nowMs` over the facts as they are now. */
function keptFor(f: Facts, key: string | undefined, nowMs: number): Kept | undefined {
  const hit = key === undefined ? undefined : keptReports.get(f, key);
  return hit && hit.revision === factsRevision(f) && nowMs >= hit.nowMs && nowMs < hit.validUntilMs ? hit : undefined;
}

/** The report over the facts' rows in `range`, in steps (facts-report.ts reportSteps). */
function* stepsOver(f: Facts, ix: FactsIndex, range: ReportRange, opts: FactsReportOptions): Steps<Computed> {
  const rows = selectRows(f, range);
  yield 'select';
  return yield* reportSteps(f, ix, rows, opts);
}

/** The report being worked out ahead (prepareAllTime), between two of its steps. */
interface Preparing {
  facts: Facts;
  key: string;
  revision: number;
  nowMs: number;
  steps: Steps<Computed>;
  /** A request for the same report finished it (reportOver). */
  taken: boolean;
  /** Time spent on each part of the work so far (benchmarks: prepSelectMs, prepOutcomesMs... prepLastMs), and since it started. */
  busy: Record<string, number>;
  startedAt: number;
}

/** One step of a preparation, its time added to the part it was. */
function stepOf(p: Preparing): IteratorResult<string, Computed> {
  const t = performance.now();
  const s = p.steps.next();
  // The last step: the extras, or the figures reused (facts-report.ts).
  const part = s.done ? 'prepLastMs' : `prep${s.value[0]!.toUpperCase()}${s.value.slice(1)}Ms`;
  p.busy[part] = (p.busy[part] ?? 0) + performance.now() - t;
  return s;
}

/** What a preparation cost, for the timings of the report kept from it. */
const preparedTimings = (p: Preparing): Record<string, number> => ({ ...p.busy, prepElapsedMs: performance.now() - p.startedAt });
let preparing: Preparing | undefined;

/** Whether a report is being worked out ahead, between two of its steps (tests). */
export const preparingReport = (): boolean => preparing !== undefined;

/**
 * The report over the facts' rows in `range`. A report asked for again over the same facts with
 * nothing folded in since (factsRevision), as of an instant its outcomes still hold for
 * (validUntilMs, facts-report.ts), is the kept one as of the new instant: the very figures the
 * computation would give, without going over every row again (0.1-0.2 s at 200,000 mentions).
 * The same report half worked out ahead (prepareAllTime) is finished first and then kept, so the
 * request pays only for the steps not yet done. With a grouping, always computed.
 */
export function reportOver(f: Facts, ix: FactsIndex, range: ReportRange, opts: FactsReportOptions): Computed {
  const t0 = performance.now();
  const key = keyOf(range, opts);
  const p = preparing;
  let finishedMs: number | undefined;
  if (key !== undefined && p && p.facts === f && p.key === key) {
    preparing = undefined;
    p.taken = true;
    if (p.revision === factsRevision(f)) {
      let s = stepOf(p);
      while (!s.done) s = stepOf(p);
      keptReports.keep(f, key, { revision: p.revision, nowMs: p.nowMs, validUntilMs: s.value.validUntilMs, result: s.value, prepared: preparedTimings(p) });
      finishedMs = performance.now() - t0;
    }
  }
  const hit = keptFor(f, key, opts.nowMs);
  if (hit) {
    const r = hit.result;
    // Reused as facts-report.ts reuses (reusedMs), and without going over the rows (keptMs);
    // finishedMs: the steps of the one worked out ahead that were still to do.
    const ms = performance.now() - t0;
    return { ...r, report: { ...r.report, now: new Date(opts.nowMs).toISOString() }, phases: { reusedMs: ms, keptMs: ms, ...(finishedMs === undefined ? {} : { finishedMs }), ...hit.prepared } };
  }
  const revision = factsRevision(f);
  // In row order: the figures are the same in any order (fairness.ts weeklySeries), and sorting
  // 200,000 rows by clock start cost 0.05-0.1 s.
  const r = reportFromFacts(f, ix, selectRows(f, range), opts);
  if (key !== undefined) keptReports.keep(f, key, { revision, nowMs: opts.nowMs, validUntilMs: r.validUntilMs, result: r });
  return r;
}

export async function runReport(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<ReportResponse> {
  const t0 = performance.now();
  const short = req.range.fromMs !== undefined && req.nowMs - req.range.fromMs <= SHORT_RANGE_MS;
  // Not counted: the count check of every event runs once the screen is idle (useReport asks for its verdict).
  const early = { early: true, counted: false };
  const marks: Record<string, number> = {};
  // Read before the facts (one key): a marker moved between the two only makes the screen ask again.
  const oldWrites = oldWritesSeq(db).catch(() => undefined);
  // The small reads are asked for first: IndexedDB answers them before the facts' long count.
  const small = Promise.all([loadPolicies(db), loadIntervals(db)]).then((got) => {
    marks.smallMs = performance.now() - t0;
    return got;
  });
  // Facts read back from storage: their outcome columns worked out while the window is read.
  const meanwhile = async (f: Facts, waiting: () => boolean): Promise<void> => {
    const [policies] = await small;
    const t = performance.now();
    const { versions, changes } = policyVersions({ policy: policies.base, changes: policies.changes });
    const rows = await warmOutcomeColumns(f, JSON.stringify(policies), policyRules(versions, changes), req.nowMs, waiting, nextTask);
    marks.warmRows = rows;
    marks.warmMs = performance.now() - t;
  };
  const opts = { ...early, meanwhile };
  const facts = (): Promise<Loaded> =>
    short
      ? haveFacts(db).then((have) => {
          marks.haveMs = performance.now() - t0;
          return have ? currentFacts(db, req.nowMs, opts) : rangeFacts(db, req.range);
        })
      : currentFacts(db, req.nowMs, opts);
  const asked = Promise.all([facts(), small]);
  // The reads are asked for: Intl's locale data loaded while they come (no-op once done).
  warmIntl();
  const [first, [policies]] = await asked;
  let loaded = first;
  const t1 = performance.now();
  const customerOf = req.by === 'plan' || req.by === 'standing' ? await customersByHandle(db) : undefined;
  const compute = (l: Loaded) => reportOver(l.facts, l.ix, req.range, { policies, nowMs: req.nowMs, agent: req.agent, by: req.by, customerOf });
  const t2 = performance.now();
  tellProgress({ step: 'figures' });
  let r = compute(loaded);
  const t3 = performance.now();
  // The count check ran while the report was computed; when it failed, the facts are built again.
  if (!(await loaded.checked)) {
    loaded = await currentFacts(db, req.nowMs, { counted: false });
    r = compute(loaded);
  }
  const t4 = performance.now();
  saveIntervalsWhenQuiet(db);
  saveOutcomesWhenQuiet(db);
  return {
    report: r.report,
    boxes: r.boxes,
    skips: r.skips,
    agents: r.agents,
    read: { mentions: r.mentions, events: r.events },
    how: loaded.how,
    checking: checkPending(db),
    oldWrites: await oldWrites,
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
 * A new session's facts made ready before a lead asks (the inbox asks for this once its list is
 * complete, search is loaded and the page is idle): the report the screen opens on is worked out
 * as an open would (stored facts read back, the window of new events folded in, the outcome columns
 * worked out meanwhile) and thrown away; what stays is the facts held in memory, so the open reads
 * one key (the writes mark) or the window of what came since, instead of 20 MB of columns and two
 * days of events (2.1-3.1 s at 200,000 mentions, even with the inbox up for 15 s: fairness bench).
 * Only where facts were stored before (a report was opened on this profile): a seat that never
 * opens a report never builds them. Already held: nothing. Resolves to whether it read them.
 *
 * The save of the refreshed facts and the count check then run at once rather than once the worker
 * has been idle a while (facts-idle.ts): left to wait, they held IndexedDB up just when a lead
 * clicked Fairness some 10 s after the inbox showed (0.3 s of that open's reads). Not while a report
 * waits (`asked`): then they wait for idle as after any report.
 */
export async function readyAhead(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName), asked: () => boolean = () => false): Promise<boolean> {
  if (factsHeld(db) || !(await haveFacts(db))) return false;
  await runReport(req, db);
  if (!asked()) await factsVerified(db, { now: true });
  return true;
}

/**
 * A new session's worker, ready before the first report is asked for: the database opened and the
 * stored intervals taken in (the inbox asks for this once its list is complete; the worker's start
 * and these reads cost the first report 0.1-0.3 s). It runs beside the worker's queue: a report
 * asked for meanwhile shares the open and the intervals read (report.worker.ts).
 */
export async function prepareWorker(req: Pick<ReportRequest, 'dbName'>, db: EarshotDb = dbNamed(req.dbName)): Promise<void> {
  const opened = Promise.all([db.open(), loadIntervals(db)]);
  // In a task of its own: a report already sent goes first (it warms up once its reads are asked for).
  void nextTask().then(warmIntl);
  await opened;
}

let intlWarm = false;

/**
 * The first use of Intl in a thread loads its locale data: 24-32 ms in a fresh Chromium worker (a
 * scratch probe), paid by the first report's first time-zone offset (luxon, business-time.ts).
 * Done once, while the thread would only wait for IndexedDB.
 */
function warmIntl(): void {
  if (intlWarm) return;
  intlWarm = true;
  new Intl.DateTimeFormat().resolvedOptions();
}

/** Work done ahead between two looks at the worker's messages: a request waits about this long. */
const SLICE_MS = 8;

/**
 * After a plain report over a shorter period (the screen opens on the last four weeks), the
 * all-time report over the same facts, worked out while the screen draws the first one, so a lead
 * who switches to "All time" gets it kept (reportOver). It is worked out in steps of a few
 * milliseconds with the thread let go between them: a request sent meanwhile runs at once instead
 * of waiting for the whole (0.2-0.6 s at 200,000 mentions); when it is the all-time report, it
 * finishes the steps left. A fold of new events or other facts meanwhile: given up. Facts held in
 * memory only: nothing is read. Resolves to what became of it.
 */
export async function prepareAllTime(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName), sliceMs = SLICE_MS): Promise<'none' | 'done' | 'taken' | 'dropped'> {
  const plain = req.agent === undefined && req.by === undefined && !req.range.channels?.length;
  if (!plain || (req.range.fromMs === undefined && req.range.toMs === undefined)) return 'none';
  if (!factsHeld(db)) return 'none';
  const policies = await loadPolicies(db);
  const held = factsHeld(db);
  if (!held) return 'none';
  const f = held.facts;
  // The same range as the screen's "All time" asks for (params.ts rangeOf), so the report is kept for it.
  const range: ReportRange = { fromMs: undefined, channels: undefined };
  const opts = { policies, nowMs: Date.now() };
  const key = keyOf(range, opts)!;
  if (keptFor(f, key, opts.nowMs)) return 'done';
  const p: Preparing = { facts: f, key, revision: factsRevision(f), nowMs: opts.nowMs, steps: stepsOver(f, held.ix, range, opts), taken: false, busy: {}, startedAt: performance.now() };
  preparing = p;
  let slice = performance.now();
  for (;;) {
    if (p.taken) return 'taken';
    if (preparing !== p || factsRevision(f) !== p.revision || factsHeld(db)?.facts !== f) {
      if (preparing === p) preparing = undefined;
      return 'dropped';
    }
    const s = stepOf(p);
    if (s.done) {
      preparing = undefined;
      keptReports.keep(f, key, { revision: p.revision, nowMs: p.nowMs, validUntilMs: s.value.validUntilMs, result: s.value, prepared: preparedTimings(p) });
      saveIntervalsWhenQuiet(db);
      saveOutcomesWhenQuiet(db);
      return 'done';
    }
    if (performance.now() - slice >= sliceMs) {
      await nextTask();
      slice = performance.now();
    }
  }
}

/** The event log behind a report, as JSON lines (INTERFACES.md), ready for `npm run fairness`. */
export async function runExportLog(req: ReportRequest, db: EarshotDb = dbNamed(req.dbName)): Promise<string> {
  const [log, policies] = await Promise.all([loadLog(db, req.range), loadPolicies(db)]);
  const r = computeReport(log.events, { policies, nowMs: req.nowMs, agent: req.agent, tierOf: log.tierOf });
  return toJsonLines(r.events);
}
