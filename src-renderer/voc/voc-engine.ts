/**
 * One voice-of-the-customer run in the renderer: the report's facts (reports/facts-store.ts: noise,
 * replies, follow-ups, kept current from the event log), the VoC columns (voc-store.ts), the state
 * as of the period's end straight from the facts (voc-state.ts: equal to the stateFromLog the `voc`
 * command runs on the exported log, with each mention's first-response outcome kept between runs),
 * then computeVoc. A filter change within the same period reuses the state: only the counting runs
 * again. Runs in the VoC worker, or on the main thread.
 */
import { EarshotDb } from '../db/schema';
import { currentFacts, factsVerified, type Loaded } from '../reports/facts-store';
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
  /**
   * False: counted before the stored facts' count check came in (confirmVoc says whether these
   * figures stand; they do unless the database changed behind the app's back).
   */
  checked: boolean;
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
  /**
   * The stored facts' count check of this state: true once it held; false when it failed (the
   * state was worked out again in `ready`: count again). Resolved true for a state that needed none.
   */
  checked: Promise<boolean>;
  /** Whether `checked` resolved true (known without waiting). */
  held: boolean;
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

interface Prepared {
  r: Ready;
  reused: boolean;
  how: string;
  loadMs: number;
  stateMs: number;
}

/** Per database, the state the last figures were counted from (confirmVoc answers for it). */
const lastUsed = new Map<string, Ready>();

/**
 * The period's state, from the facts as read back. Their checks are the fairness report's
 * (reports/facts-store.ts): the old-writes marker, read with the recent window, and a count of every
 * event and mention once the screen is idle (IndexedDB counts by walking every record, which took
 * as long as everything else together and held up every other request). Both go on in
 * `Ready.checked`; the figures counted meanwhile are marked unchecked, and confirmVoc says whether
 * they stand.
 */
async function prepare(req: VocRequest, db: EarshotDb, fresh: boolean, countNow: boolean): Promise<Prepared> {
  const key = `${req.fromMs}:${req.toMs}`;
  const have = ready.get(db.name);
  if (have && have.key === key && !fresh) return { r: have, reused: true, how: 'reused', loadMs: 0, stateMs: 0 };
  const t0 = performance.now();
  // The stored columns and outcomes are read alongside the facts (one wait), then reconciled.
  const phases: Record<string, number> = {};
  const timed = <T>(name: string, p: Promise<T>): Promise<T> => p.then((v) => ((phases[name] = performance.now() - t0), v));
  // Asked for in this order: IndexedDB answers in turn, and the facts' header and window are small.
  // The screen's figures as the fairness report's: the old-writes marker now, the count of every
  // event when idle. A caller that waits for checked figures (countNow) has the count run now.
  const factsRead = timed('factsMs', currentFacts(db, Date.now(), { early: true, counted: countNow }));
  const policiesRead = loadPolicies(db);
  const read = timed('columnsReadMs', readStoredColumns(db));
  const journal = readColumnsJournal(db, read);
  journal.catch(() => undefined);
  const [first, policies, , held] = await Promise.all([factsRead, policiesRead, read, timed('outcomesReadMs', readOutcomes(db))]);
  // The idle count check's verdict on these facts, asked for now (before anything can run the check).
  const counted = countNow ? true : factsVerified(db);
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
  const got = await stateOf(first);
  const t2 = performance.now();
  const readyOf = (g: typeof got, checked: Promise<boolean>): Ready => ({ key, columns: g.cols.columns, index: g.cols.index, state: g.state, choices: choicesOf(g.cols.columns), checked, held: false });
  const r = readyOf(
    got,
    first.checked
      .then((ok) => ok && counted)
      .then(async (ok): Promise<boolean> => {
        if (ok) return (r.held = true);
        // Something changed below the facts' window (an old log imported, data written behind the
        // app): the facts are built again, and the state with them.
        console.warn('earshot: the stored report facts were not current; the voice-of-the-customer figures are counted again');
        const again = readyOf(await stateOf(await currentFacts(db, Date.now(), { counted: false })), Promise.resolve(true));
        again.held = true;
        if (ready.get(db.name) === r) ready.set(db.name, again);
        return false;
      })
      // The check or the build after it failed: the next request starts over (and says why).
      .catch(() => (ready.get(db.name) === r && ready.delete(db.name), false)),
  );
  ready.set(db.name, r);
  const round = (x: number): number => Math.round(x * 10) / 10;
  const all = { ...phases, ...first.phases, columnsMs: got.columnsMs };
  const how = `facts ${first.how}, columns ${got.cols.how}; ${got.computed} outcomes worked out; ${Object.entries(all).map(([k, v]) => `${k} ${round(v)}`).join(', ')}`;
  return { r, reused: false, how, loadMs: got.t1 - t0, stateMs: t2 - got.t1 };
}

/**
 * The report. With `early` (the screen's first figures) it comes as soon as the state is read back,
 * possibly before the stored facts' count check is in (`checked: false`; confirmVoc follows up);
 * without, it runs the check now instead of when idle, waits for it and counts again when it failed.
 */
export async function runVoc(req: VocRequest & { fresh?: boolean; early?: boolean }, db: EarshotDb = dbNamed(req.dbName)): Promise<VocResponse> {
  let p = await prepare(req, db, req.fresh === true, req.early !== true);
  let computeMs = 0;
  const count = (): VocReport => {
    const t = performance.now();
    const report = computeVoc(p.r.columns, p.r.index, p.r.state, req);
    computeMs += performance.now() - t;
    return report;
  };
  let report = count();
  // A failed check leaves the state worked out again in `ready`: take it and count again.
  for (let tries = 0; !req.early && !p.r.held && tries < 3; tries++) {
    // A state prepared for the screen waits for an idle check: it runs now.
    void factsVerified(db, { now: true });
    if (await p.r.checked) break;
    p = await prepare(req, db, false, true);
    report = count();
  }
  lastUsed.set(db.name, p.r);
  return { report, choices: p.r.choices, reused: p.reused, checked: p.r.held, how: p.how, timings: { loadMs: p.loadMs, stateMs: p.stateMs, computeMs } };
}

/**
 * Whether the last figures given unchecked stand: waits for the facts' count check, which runs once
 * the screen is idle (the footer says "checking they are current…" meanwhile). False: the state
 * was worked out again, ask for the figures again.
 */
export function confirmVoc(dbName: string): Promise<boolean> {
  return lastUsed.get(dbName)?.checked ?? Promise.resolve(true);
}

/** The ids of the mentions behind one figure, counted exactly as the figure was (after the check). */
export async function runVocMembers(req: VocRequest & { figure: VocFigure }, db: EarshotDb = dbNamed(req.dbName)): Promise<string[]> {
  // A drill-down lists exactly the mentions behind the figure: the check runs now, not when idle.
  let p = await prepare(req, db, false, true);
  if (!p.r.held) void factsVerified(db, { now: true });
  if (!(await p.r.checked)) p = await prepare(req, db, false, true);
  return vocMembers(p.r.columns, p.r.index, p.r.state, req, req.figure);
}

/** As a new session would start (tests). */
export function forgetVocState(dbName: string): void {
  ready.delete(dbName);
  lastUsed.delete(dbName);
}
