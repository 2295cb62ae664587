/**
 * Issue 11's table: one row per target, read from the benchmarks' result files, printed as
 * `now / limit / ratio` (ratio = now / limit for "at most" limits, limit / now for "at least", so a
 * ratio <= 1 means the target is met, up to its rounding: `met` says) and written to tests/bench/results/table.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
export interface Row {
  what: string;
  now: number | null;
  unit: string;
  limit: number | null;
  /** 'max': now must be at most the limit; 'min': at least; 'report': shown, limit for reference. */
  kind: 'max' | 'min' | 'report';
  ratio: number | null;
  /** Whether the target is met, from the figures themselves (the ratio is rounded: 1,003 ms read 1.0). */
  met: boolean | null;
  from: string;
}

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), o);
const num = (o: unknown, path: string): number | null => {
  const v = get(o, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

function read(dir: string, name: string): Json | undefined {
  const p = join(dir, `${name}.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Json) : undefined;
}

function row(what: string, now: number | null, unit: string, limit: number | null, kind: Row['kind'], from: string): Row {
  // A row shown for reference is not judged: no ratio, whatever its limit.
  const ratio = now === null || limit === null || kind === 'report' ? null : kind === 'min' ? limit / now : now / limit;
  const met = now === null || limit === null || kind === 'report' ? null : kind === 'min' ? now >= limit : now <= limit;
  return { what, now, unit, limit, kind, ratio: ratio === null ? null : Math.round(ratio * 100) / 100, met, from };
}

export function buildTable(dir: string): Row[] {
  const delivery = read(dir, 'delivery');
  const inbox = read(dir, 'inbox');
  const fairness = read(dir, 'fairness');
  const rebuild = read(dir, 'rebuild');
  const upgrade = read(dir, 'upgrade');
  const filters = (get(inbox, 'applyFilterMs') ?? {}) as Record<string, { firstRowsMs: number }>;
  const facet = Object.entries(filters).filter(([k]) => /^(channel|tag|assignee|status|language|lang|topic|sentiment)[=+ ]/.test(k) && !k.endsWith('=any'));
  const search = Object.entries(filters).filter(([k]) => k.startsWith('search') && !k.includes('cleared'));
  const maxOf = (xs: Array<[string, { firstRowsMs: number }]>): number | null => (xs.length ? Math.max(...xs.map(([, v]) => v.firstRowsMs)) : null);
  return [
    row('mentions into IndexedDB / raw put, same records and indexes (20,000, median of 3 runs)', num(delivery, 'backlog20000.raw.earshotOverRaw'), 'x', 0.9, 'min', 'delivery.backlog20000.raw'),
    row('the same run, from the first row on (the page\'s start left out, as the raw put has none)', num(delivery, 'backlog20000.raw.afterFirstRowOverRaw'), 'x', 0.9, 'min', 'delivery.backlog20000.afterFirstRow'),
    row('the same from the first row on, against the raw put in transactions of 2,000 as delivery commits', num(delivery, 'backlog20000.raw.afterFirstRowOverRawPaged'), 'x', null, 'report', 'delivery.backlog20000.raw'),
    row('raw IndexedDB put itself, same schema (20,000)', num(delivery, 'backlog20000.raw.rawMentionsPerSecond'), '/s', null, 'report', 'delivery.backlog20000.raw'),
    row('CPU cores kept busy while those 20,000 went in (Chromium and the core, of the machine\'s cores)', num(delivery, 'backlog20000.cpu.cores'), 'cores', null, 'report', 'delivery.backlog20000.cpu'),
    row('CPU cores the raw put kept busy by itself, from its first put to its complete', num(delivery, 'backlog20000.raw.rawAllIndexesCpu.cores'), 'cores', null, 'report', 'delivery.backlog20000.raw.rawAllIndexesCpu'),
    row('the raw put\'s CPU seconds over Earshot\'s, all processes: about the best ratio Earshot\'s CPU allows on this machine', num(delivery, 'backlog20000.raw.cpuBoundRatio'), 'x', 0.9, 'report', 'delivery.backlog20000.raw.cpuBoundRatio'),
    row('the same if the page spent only what the raw put\'s page did (its puts): the best any page work could reach here', num(delivery, 'backlog20000.raw.pageOnlyPutsBound'), 'x', 0.9, 'report', 'delivery.backlog20000.raw.pageOnlyPutsBound'),
    row('a polled mention visible in the inbox, 100,000 stored, p95', num(rebuild, 'polledVisible.p95Ms'), 'ms', 250, 'max', 'rebuild.polledVisible'),
    row('fairness report over 200,000 mentions, all time (median of 3)', num(fairness, 'chromium.allTime.medianWallMs'), 'ms', 1000, 'max', 'fairness.chromium.allTime'),
    row('the same after new events arrived (new session: open, then all time; median of 3 sessions)', num(fairness, 'chromium.afterNewEvents.medianOpenThenAllTimeMs'), 'ms', 1000, 'max', 'fairness.chromium.afterNewEvents'),
    row('the first of those sessions', num(fairness, 'chromium.afterNewEvents.openThenAllTimeMs'), 'ms', null, 'report', 'fairness.chromium.afterNewEvents.first'),
    row('the same, Fairness clicked 10 s after the inbox showed (facts made ready ahead)', num(fairness, 'chromium.afterNewEventsInboxUp.openThenAllTimeMs'), 'ms', null, 'report', 'fairness.chromium.afterNewEventsInboxUp'),
    row('the machine then: ms a MB to touch memory never used before (machine.ts; 3-4.4 at stop 47)', num(fairness, 'machine.freshMemoryMsPerMb'), 'ms', null, 'report', 'fairness.machine'),
    row('first report ever on data written behind the app (full build)', num(fairness, 'chromium.firstReportBuildingFacts.wallMs'), 'ms', null, 'report', 'fairness.chromium.firstReportBuildingFacts'),
    row('facet filter: first rows (worst of channel, tag, assignee, status)', maxOf(facet), 'ms', 100, 'max', 'inbox.applyFilterMs'),
    row('text search: first rows after the last keystroke, debounce included', maxOf(search), 'ms', 250, 'max', 'inbox.applyFilterMs'),
    row('scroll all 200,000: p95 frame, each frame counted in whole display frames (60 Hz here)', num(inbox, 'scrollAllMentions.frameMsP95InDisplayFrames'), 'ms', 16.7, 'max', 'inbox.scrollAllMentions'),
    row('the same p95 from the raw timestamps (coarsened: a frame on time reads 16.5-16.8 ms)', num(inbox, 'scrollAllMentions.frameMsP95'), 'ms', null, 'report', 'inbox.scrollAllMentions.raw'),
    row('the raw p95 of the same page with nothing scrolled: the floor of that measure here', num(inbox, 'idleFramesForComparison.frameMsP95'), 'ms', null, 'report', 'inbox.idleFramesForComparison'),
    row('renderer JS heap, 200,000 stored, inbox open', num(inbox, 'heap.usedMB'), 'MB', 250, 'max', 'inbox.heap'),
    row('schema upgrade to v7 over 200,000 mentions, once per profile: added to the first start', num(upgrade, 'upgradeCostMs'), 'ms', null, 'report', 'upgrade'),
  ];
}

export function printTable(rows: readonly Row[]): string {
  const f = (x: number | null): string => (x === null ? '—' : String(Math.round(x * 100) / 100));
  return rows
    .map((r) => `${r.what.padEnd(88)} ${`${f(r.now)} ${r.unit}`.padStart(12)} / ${`${r.kind === 'min' ? '>= ' : r.kind === 'max' ? '<= ' : ''}${r.kind === 'report' && r.limit !== null ? `(${f(r.limit)})` : f(r.limit)}`.padStart(9)} / ${r.ratio === null ? '—' : `${f(r.ratio)}${r.met ? ' ok' : ' over'}`}`)
    .join('\n');
}
