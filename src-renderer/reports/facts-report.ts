/**
 * The report straight from the facts' columns, without writing them out as an event log and parsing
 * it back (which took most of the 3 s an all-time report over 200,000 mentions used to cost).
 *
 * It gives exactly what computeReport(minimalLogOf(facts, rows)) gives: for each row it takes the
 * events that minimal log would hold (arrival, first reply, last owner change, last noise change,
 * skips), ignores those after `now` the way evaluateMentions does (counting them as future events,
 * or as orphans when the mention itself arrives after now), and hands the folded state to the very
 * outcomeOf and fairness code that `npm run fairness` runs. A renderer test checks the two paths give
 * equal reports, with and without an agent filter and a grouping.
 *
 * Without a grouping, the outcomes stay in columns (outcome-memo.ts keeps the costly part between
 * reports) and the report reads them as rows (fairnessOfRows, in steps): 200,000 outcome objects made and
 * tallied cost about a second; the columns, a few tens of milliseconds.
 */
import { REACH_TIERS, CHANNELS } from '../../src-main/shared/mention';
import { fairnessAgain, fairnessOfOutcomes, fairnessOfRowsSteps, finishSteps, NO_AGENT, type FlagsChange, type RowsExtras, type RowsTallies } from '../../src-main/shared/sla/fairness';
import { ANSWERED, BREACHED, flagsOf, PAST_DUE, type OutcomeRows } from '../../src-main/shared/sla/outcome-rows';
import { policyRules, policyVersions, type EvaluatedLog, type MentionOutcome } from '../../src-main/shared/sla/outcomes';
import type { GroupBy } from '../../src-main/shared/sla/groups';
import type { CustomerFields } from '../../src-main/shared/events';
import { clockOf, type Facts, type FactsIndex } from './facts';
import { skipSummaryOf, tierBoxes, tierBoxesOfTimes, type ComputedReport, type PolicyInput, type SkipCounted } from './compute';
import { outcomeColumns, type OutcomeColumns } from './outcome-memo';
import { emptyTable, outcomesOf, type OutcomesPass, type OutcomeTable } from './facts-outcomes';
import { KeptPerFacts } from './kept-per-facts';

export interface FactsReportOptions {
  policies: PolicyInput;
  nowMs: number;
  agent?: string;
  by?: GroupBy;
  /** The CRM import's fields by author `channel:handle`, for `by` plan / standing. */
  customerOf?: (handleKey: string) => CustomerFields | undefined;
}

type Result = Omit<ComputedReport, 'events'> & { events: number; mentions: number };

/** The table as rows for fairnessOfRows: the same fields outcomeOf would have given each outcome. */
function rowsOf(f: Facts, c: OutcomeColumns, t: OutcomeTable): OutcomeRows {
  return {
    length: t.n,
    tier: (k) => REACH_TIERS[f.tier[t.row[k]!]!]!,
    channel: (k) => CHANNELS[f.channel[t.row[k]!]!]!,
    agent: (k) => (t.agent[k]! < 0 ? null : f.agents[t.agent[k]!]!),
    tierIndex: (k) => f.tier[t.row[k]!]!,
    channelIndex: (k) => f.channel[t.row[k]!]!,
    // facts.agents holds each name once: its index (-1: nobody) names the agent.
    agentKey: (k) => t.agent[k]! + 1,
    clockStartMs: (k) => clockOf(f, t.row[k]!),
    minutes: (k) => (t.reply[k] === Infinity ? null : c.minutes[t.row[k]!]!),
    breached: (k) => (t.reply[k] === Infinity ? t.pastDue[k] === 1 : t.reply[k]! > c.dueMs[t.row[k]!]!),
    pastDue: (k) => t.pastDue[k] === 1,
    skips: (k) => t.skips[k]!,
    policyIndex: (k) => c.policyIndex[t.row[k]!]!,
    groups: () => undefined,
    // The same fields as the methods above give, read straight from the columns.
    fill: (order, from, to, into) => {
      for (let j = from; j < to; j++) {
        const k = order[j]!;
        const x = j - from;
        const i = t.row[k]!;
        const clock = f.clockStartMs[i]!;
        const reply = t.reply[k]!;
        const answered = reply !== Infinity;
        const pastDue = t.pastDue[k] === 1;
        into.tier[x] = f.tier[i]!;
        into.channel[x] = f.channel[i]!;
        into.agent[x] = t.agent[k]! + 1;
        // clockOf, written out (as in facts-outcomes.ts outcomesOf).
        into.clockStartMs[x] = clock === clock ? clock : f.createdMs[i]!;
        into.minutes[x] = answered ? c.minutes[i]! : 0;
        into.flags[x] = (answered ? ANSWERED : 0) | ((answered ? reply > c.dueMs[i]! : pastDue) ? BREACHED : 0) | (pastDue ? PAST_DUE : 0);
        into.skips[x] = t.skips[k]!;
        into.policyIndex[x] = c.policyIndex[i]!;
      }
    },
  };
}

/** The facts row of each skip's mention, in skip order (-1: not in the facts). */
function skipRowsOf(f: Facts, ix: FactsIndex): Int32Array {
  const rows = new Int32Array(f.skips.length);
  for (let k = 0; k < f.skips.length; k++) rows[k] = ix.row.get(f.skips[k]!.mentionId) ?? -1;
  return rows;
}

// Loops over every row are in plain functions (here and facts-outcomes.ts outcomesOf), not in the
// generator itself: V8 ran the same loops two to three times slower inside the generator (the
// all-time report's outcomes over 200,000 rows: 70-90 ms there, 30-40 ms as functions; Node 20).

/** 1 at each of `rows`, of `n`. */
function markRows(n: number, rows: readonly number[]): Uint8Array {
  const marked = new Uint8Array(n);
  for (let r = 0; r < rows.length; r++) marked[rows[r]!] = 1;
  return marked;
}

/** The chosen rows' skip times, row by row: row i's are skipAt[skipFrom[i]] up to skipAt[skipFrom[i + 1]], in skip order. */
function skipTimesOf(f: Facts, rowOfSkip: Int32Array, chosen: Uint8Array): { skipFrom: Int32Array; skipAt: Float64Array } {
  const skipFrom = new Int32Array(f.n + 1);
  for (let k = 0; k < rowOfSkip.length; k++) {
    const r = rowOfSkip[k]!;
    if (r >= 0 && chosen[r]) skipFrom[r + 1]!++;
  }
  for (let i = 0; i < f.n; i++) skipFrom[i + 1]! += skipFrom[i]!;
  const skipAt = new Float64Array(skipFrom[f.n]!);
  const filled = skipFrom.slice(0, f.n);
  for (let k = 0; k < rowOfSkip.length; k++) {
    const r = rowOfSkip[k]!;
    if (r >= 0 && chosen[r]) skipAt[filled[r]!++] = f.skips[k]!.ms;
  }
  return { skipFrom, skipAt };
}

/** The agents the table's outcomes name (NO_AGENT for nobody), sorted: each seen once by index, not by name per row. */
function agentNamesOf(f: Facts, t: OutcomeTable): string[] {
  // Index a + 1 for agent a; 0 for nobody.
  const seen = new Uint8Array(f.agents.length + 1);
  for (let k = 0; k < t.n; k++) seen[t.agent[k]! + 1] = 1;
  const names = new Set<string>();
  if (seen[0]) names.add(NO_AGENT);
  for (let a = 0; a < f.agents.length; a++) if (seen[a + 1]) names.add(f.agents[a]!);
  return [...names].sort();
}

/**
 * Each change between two outcome tables over the same rows when only past-due flags changed (the
 * clock passed unanswered rows' due times), as fairnessAgain takes them: none when the tables are
 * the same; undefined when anything else differs (a row, a reply, an agent, skips).
 */
function pastDueChanges(f: Facts, c: OutcomeColumns, was: OutcomeTable, now: OutcomeTable): FlagsChange[] | undefined {
  if (was.n !== now.n) return undefined;
  const before = rowsOf(f, c, was);
  const after = rowsOf(f, c, now);
  const changes: FlagsChange[] = [];
  for (let k = 0; k < now.n; k++) {
    // Object.is: a NaN time equals itself.
    if (was.row[k] !== now.row[k] || was.agent[k] !== now.agent[k] || was.skips[k] !== now.skips[k] || !Object.is(was.reply[k], now.reply[k])) return undefined;
    if (was.pastDue[k] === now.pastDue[k]) continue;
    const flags = (r: OutcomeRows): number => flagsOf(r.minutes(k) !== null, r.breached(k), r.pastDue(k));
    changes.push({ tierIndex: after.tierIndex(k), channelIndex: after.channelIndex(k), agent: after.agent(k), clockStartMs: after.clockStartMs(k), skips: now.skips[k]!, was: flags(before), now: flags(after) });
  }
  return changes;
}

/**
 * The last report over each facts object, and what it was computed from; for a plain report (no
 * agent, no grouping), its groups' tallies too, so the report as of a later instant, when only
 * past-due flags changed, is those tallies moved (fairnessAgain) rather than a pass over every row.
 */
interface LastReport {
  skips: Facts['skips'];
  table: OutcomeTable;
  result: Result;
  tallies?: RowsTallies;
}
/** Reports kept per facts: the periods and agents a lead switches between. */
const lastReports = new KeptPerFacts<LastReport>(6);

export type FactsReport = Result & { validUntilMs: number; phases: Record<string, number> };

/** Rows gone over between two steps of a report worked out in steps (a few milliseconds' work). */
export const ROWS_PER_STEP = 20_000;

/** A report's steps: each stop names the part of the work the step before it was (benchmarks). */
export type Steps<T> = Generator<string, T>;

/** Steps of another kind named as one part. */
function* named<T>(part: string, steps: Generator<void, T>): Steps<T> {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    yield part;
  }
}

/**
 * `validUntilMs`: a report over the same facts (unchanged since) and rows, as of any instant from
 * `nowMs` up to (not including) this one, has the same outcomes, so the same figures but its `now`.
 */
export function reportFromFacts(f: Facts, ix: FactsIndex, rows: readonly number[], opts: FactsReportOptions): FactsReport {
  return finishSteps(reportSteps(f, ix, rows, opts));
}

/**
 * The same report in steps: it stops after every ROWS_PER_STEP rows and between its parts, so a
 * worker working one out ahead (engine.ts prepareAllTime) can answer a request meanwhile. The facts
 * must not change between steps (the caller gives up the rest when they do: factsRevision).
 */
export function* reportSteps(f: Facts, ix: FactsIndex, rows: readonly number[], opts: FactsReportOptions): Steps<FactsReport> {
  const t0 = performance.now();
  const nowMs = opts.nowMs;
  const { versions, changes } = policyVersions({ policy: opts.policies.base, changes: opts.policies.changes });
  const rules = policyRules(versions, changes);
  const counts = { mentions: 0, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: 0 };
  const memo = outcomeColumns(f, JSON.stringify(opts.policies), rules);

  // Rows marked in typed arrays, not sets and maps of 200,000 ids (those cost more than the report).
  const chosen = markRows(f.n, rows);
  const rowOfSkip = skipRowsOf(f, ix);
  const { skipFrom, skipAt } = skipTimesOf(f, rowOfSkip, chosen);

  // With a grouping, outcome objects (each carries its groups); otherwise the table.
  const objects: MentionOutcome[] = [];
  const table = emptyTable(rows.length);
  const futureOf = new Int32Array(f.n);
  // The first instant after now at which any comparison with now turns the other way: until then a
  // report over the same facts has the same outcomes (validUntilMs). The policy changes, then every
  // time outcomesOf compares with now.
  let nextMs = Infinity;
  for (const v of versions) {
    const from = v.from === null ? Number.NaN : Date.parse(v.from);
    if (from > nowMs && from < nextMs) nextMs = from;
  }
  const pass: OutcomesPass = { f, rows, nowMs, skipFrom, skipAt, memo, table, futureOf, counts, events: 0, nextMs, byObjects: opts.by ? { rules, by: opts.by, customerOf: opts.customerOf, objects } : undefined };
  for (let r = 0; r < rows.length; r += ROWS_PER_STEP) {
    if (r > 0) yield 'outcomes';
    outcomesOf(pass, r, Math.min(rows.length, r + ROWS_PER_STEP));
  }
  const { events } = pass;
  const validUntilMs = pass.nextMs;

  const t1 = performance.now();
  // The same outcomes as the last report over these facts: the same report, but for the instant it is as of.
  const current = [...versions].reverse().findIndex((v) => v.from === null || Date.parse(v.from) <= nowMs);
  const key = JSON.stringify({ agent: opts.agent, policies: opts.policies, counts, events, current, mentions: rows.length, skips: f.skips.length });
  const last = opts.by ? undefined : lastReports.get(f, key);
  const flips = last && last.skips === f.skips ? pastDueChanges(f, memo.columns, last.table, table) : undefined;
  if (last && flips?.length === 0) {
    yield 'outcomes';
    const again = { ...last.result, report: { ...last.result.report, now: new Date(nowMs).toISOString() } };
    return { ...again, validUntilMs, phases: { outcomesMs: t1 - t0, reusedMs: performance.now() - t1 } };
  }
  // Only past-due flags changed since the last report: its tallies (a plain report's) moved, the same figures.
  const moved = last?.tallies && flips ? fairnessAgain(last.tallies, flips, { versions, nowMs, counts }, {}) : undefined;
  if (last && moved) {
    yield 'outcomes';
    const result = { ...last.result, report: moved };
    lastReports.keep(f, key, { skips: f.skips, table, result, tallies: last.tallies });
    return { ...result, validUntilMs, phases: { outcomesMs: t1 - t0, movedMs: performance.now() - t1, movedRows: flips!.length } };
  }
  yield 'outcomes';
  const agentName = (k: number): string => (table.agent[k]! < 0 ? NO_AGENT : f.agents[table.agent[k]!]!);
  const agents = agentNamesOf(f, table);
  let picked = table;
  let skipRows = chosen;
  let cut = counts;
  if (opts.agent !== undefined) {
    // As computeReport does: the log cut to this agent's mentions, evaluated again.
    skipRows = new Uint8Array(f.n);
    picked = emptyTable(table.n);
    let future = 0;
    for (let k = 0; k < table.n; k++) {
      if (agentName(k) !== opts.agent) continue;
      const j = picked.n++;
      for (const col of ['row', 'reply', 'agent', 'skips', 'pastDue'] as const) picked[col][j] = table[col][k]!;
      skipRows[table.row[k]!] = 1;
      future += futureOf[table.row[k]!]!;
    }
    cut = { ...counts, mentions: picked.n, noise: 0, followUps: 0, filteredOut: 0, orphanEvents: 0, futureEvents: future };
  }
  let report;
  let boxes;
  let tallies: RowsTallies | undefined;
  if (opts.by) {
    const names = new Set(opts.agent === undefined ? undefined : [opts.agent]);
    const pickedObjects = opts.agent === undefined ? objects : objects.filter((o) => names.has(o.agent ?? NO_AGENT));
    const evaluated: EvaluatedLog = { outcomes: pickedObjects, versions, nowMs, counts: cut };
    report = fairnessOfOutcomes(evaluated, { by: opts.by });
    boxes = tierBoxes(pickedObjects);
  } else {
    // The table is in the order of `rows` (any order gives the same figures).
    const outcomeRows = rowsOf(f, memo.columns, picked);
    const order = new Int32Array(picked.n);
    for (let k = 0; k < picked.n; k++) order[k] = k;
    const extras: RowsExtras = {};
    report = yield* named('fairness', fairnessOfRowsSteps(outcomeRows, order, { versions, nowMs, counts: cut }, {}, extras));
    yield 'fairness';
    // The box plot from the very samples of the tier figures.
    boxes = tierBoxesOfTimes(extras.tierTimes!);
    tallies = extras.tallies;
  }
  yield 'boxes';
  const t2 = performance.now();

  // The skips of the chosen rows, counted straight from the facts (no log event, nor its time as text, per skip).
  const skips: SkipCounted[] = [];
  for (const [k, s] of f.skips.entries()) {
    const row = rowOfSkip[k]!;
    if (row < 0 || !skipRows[row]) continue;
    const taken = ix.row.get(s.takenMentionId);
    skips.push({ agent: s.agent, reason: s.reason, note: s.note, passed: REACH_TIERS[f.tier[row]!]!, taken: taken === undefined ? 'unknown' : REACH_TIERS[f.tier[taken]!]! });
  }
  const result = { report, boxes, skips: skipSummaryOf(skips), agents, events, mentions: rows.length };
  if (!opts.by) lastReports.keep(f, key, { skips: f.skips, table, result, ...(opts.agent === undefined && tallies ? { tallies } : {}) });
  return { ...result, validUntilMs, phases: { outcomesMs: t1 - t0, fairnessMs: t2 - t1, extrasMs: performance.now() - t2 } };
}
