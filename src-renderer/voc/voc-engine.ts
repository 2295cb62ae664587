/**
 * One voice-of-the-customer run in the renderer: the report's facts (reports/facts-store.ts: noise,
 * replies, follow-ups, kept current from the event log), the VoC columns (voc-store.ts), the state
 * as of the period's end straight from the facts (voc-state.ts: equal to the stateFromLog the `voc`
 * command runs on the exported log, with each mention's first-response outcome kept between runs),
 * then computeVoc. A filter change within the same period reuses the state: only the counting runs
 * again. Runs in the VoC worker, or on the main thread.
 */
import { EarshotDb } from '../db/schema';
import { currentFacts, type Loaded } from '../reports/facts-store';
import { loadPolicies } from '../reports/load';
import { computeVoc, vocMembers, type VocFigure, type VocFilter, type VocReport } from '../../src-main/shared/voc/report';
import type { VocState } from '../../src-main/shared/voc/state';
import { currentColumns, keepOutcomes, readColumnsJournal, readOutcomes, readStoredColumns } from './voc-store';
import { outcomesFor, policyKey, vocStateFromFacts } from './voc-state';
import type { VocColumns, VocIndex } from '../../src-main/shared/voc/columns';

export interface VocRequest {
  dbName: string;
  fromMs: number;
  toMs: number;
  filter: VocFilter;
}

export interface VocChoices {
  channels: string[];
  sources: string[];
  langs: string[];
  topics: string[];
}

export interface VocResponse {
  report: VocReport;
  choices: VocChoices;
  /** Whether the period's state was reused (a filter change) and where the time went. */
  reused: boolean;
  how: string;
  timings: { loadMs: number; stateMs: number; computeMs: number };
}

const open = new Map<string, EarshotDb>();
function dbNamed(name: string): EarshotDb {
  let db = open.get(name);
  if (!db) open.set(name, (db = new EarshotDb(name)));
  return db;
}

interface Ready {
  key: string;
  columns: VocColumns;
  index: VocIndex;
  state: VocState;
  choices: VocChoices;
}
/** The last period's state, per database: a filter change in the same period counts again only. */
const ready = new Map<string, Ready>();

function choicesOf(c: VocColumns): VocChoices {
  const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
  // Only topics some mention has: a re-tag can leave a topic with none.
  const used = new Uint8Array(c.topics.length);
  for (let k = 0; k < c.topicStart[c.n]!; k++) used[c.topic[k]!] = 1;
  return { channels: sorted(c.sources.map((s) => s.channel)), sources: sorted(c.sources.map((s) => s.sourceId)), langs: sorted(c.langs), topics: sorted(c.topics.filter((_, k) => used[k])) };
}

async function prepare(req: VocRequest, db: EarshotDb, fresh: boolean): Promise<{ r: Ready; reused: boolean; how: string; loadMs: number; stateMs: number }> {
  const key = `${req.fromMs}:${req.toMs}`;
  const have = ready.get(db.name);
  if (have && have.key === key && !fresh) return { r: have, reused: true, how: 'reused', loadMs: 0, stateMs: 0 };
  const t0 = performance.now();
  // The stored columns and outcomes are read alongside the facts (one wait), then reconciled.
  const phases: Record<string, number> = {};
  const timed = <T>(name: string, p: Promise<T>): Promise<T> => p.then((v) => ((phases[name] = performance.now() - t0), v));
  // Asked for in this order: IndexedDB answers in turn, and the facts' header and window are small.
  const factsRead = timed('factsMs', currentFacts(db, Date.now(), { early: true }));
  const policiesRead = loadPolicies(db);
  const read = timed('columnsReadMs', readStoredColumns(db));
  const journal = readColumnsJournal(db, read);
  journal.catch(() => undefined);
  const [first, policies, , held] = await Promise.all([factsRead, policiesRead, read, timed('outcomesReadMs', readOutcomes(db))]);
  const prevFromMs = req.fromMs - (req.toMs - req.fromMs);
  const stateOf = async (loaded: Loaded) => {
    const tc = performance.now();
    const cols = await currentColumns(db, loaded.facts, read, journal);
    const tm = performance.now();
    // The state of the mentions posted in this period or the one before, as of its end.
    const cache = outcomesFor(held, policyKey(policies), cols.columns.n);
    const { state, computed } = vocStateFromFacts(loaded.facts, cols.rowOf, cols.columns.n, policies, cache, { prevFromMs, toMs: req.toMs });
    keepOutcomes(db, cache, computed > 0);
    return { loaded, cols, state, computed, columnsMs: tm - tc, t1: tm };
  };
  // The facts' count check runs while the columns are matched and the state worked out; when it
  // fails, the facts are built again and the state with them.
  let got = await stateOf(first);
  const tCheck = performance.now();
  if (!(await first.checked)) got = await stateOf(await currentFacts(db, Date.now()));
  phases.checkWaitMs = performance.now() - tCheck;
  const { loaded, cols, state, computed, t1 } = got;
  Object.assign(phases, loaded.phases, { columnsMs: got.columnsMs });
  const t2 = performance.now();
  const r: Ready = { key, columns: cols.columns, index: cols.index, state, choices: choicesOf(cols.columns) };
  ready.set(db.name, r);
  const round = (x: number): number => Math.round(x * 10) / 10;
  const how = `facts ${loaded.how}, columns ${cols.how}; ${computed} outcomes worked out; ${Object.entries(phases).map(([k, v]) => `${k} ${round(v)}`).join(', ')}`;
  return { r, reused: false, how, loadMs: t1 - t0, stateMs: t2 - t1 };
}

export async function runVoc(req: VocRequest & { fresh?: boolean }, db: EarshotDb = dbNamed(req.dbName)): Promise<VocResponse> {
  const p = await prepare(req, db, req.fresh === true);
  const t = performance.now();
  const report = computeVoc(p.r.columns, p.r.index, p.r.state, req);
  return { report, choices: p.r.choices, reused: p.reused, how: p.how, timings: { loadMs: p.loadMs, stateMs: p.stateMs, computeMs: performance.now() - t } };
}

/** The ids of the mentions behind one figure, counted exactly as the figure was. */
export async function runVocMembers(req: VocRequest & { figure: VocFigure }, db: EarshotDb = dbNamed(req.dbName)): Promise<string[]> {
  const p = await prepare(req, db, false);
  return vocMembers(p.r.columns, p.r.index, p.r.state, req, req.figure);
}

/** As a new session would start (tests). */
export function forgetVocState(dbName: string): void {
  ready.delete(dbName);
}
