/**
 * The fairness report over 200,000 mentions (BENCH_MENTIONS changes the size):
 * - in Chromium against browser mode, the way a lead meets it: a year of history in IndexedDB, the
 *   report screen set to "All time" and to "Last 4 weeks"; time from choosing the period to the
 *   report on screen (read from IndexedDB and computed in the report worker), and the longest the
 *   window went without a frame meanwhile;
 * - in Node, the computation alone (computeFairness and the charts' extras) over the same size.
 * Writes tests/bench/results/fairness.json through the runner (npm run bench -- fairness).
 */
import { startWeb, launchBrowser, tempDir, writeConfig } from '../e2e/harness';
import { PAGE_MEASURE_REPORT, PAGE_OPEN_REPORT, PAGE_WRITE_HISTORY } from './fairness-page';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { toJsonLines } from '../../src-renderer/reports/log-lines';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 200_000);
const DAYS = 365;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Math.round(x);
const log = (s: string): void => void process.stderr.write(`fairness bench: ${s}\n`);

async function inNode(): Promise<Record<string, unknown>> {
  const endMs = Date.now();
  // The demo generator at scale: ~40 mentions a day times `scale`, over half a year.
  const days = 182;
  const events = generateDemoHistory({ endMs, days, scale: TOTAL / (days * 40.2) });
  const mentions = events.filter((e) => e.type === 'mention').length;
  const runs: number[] = [];
  let sentence = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = computeReport(events, { policies: DEFAULT_POLICY_INPUT, nowMs: endMs });
    runs.push(performance.now() - t);
    sentence = r.report.sentence;
  }
  const t = performance.now();
  const bytes = toJsonLines(events).length;
  const exportMs = performance.now() - t;
  log(`node: ${mentions} mentions, ${events.length} events, compute ${runs.map(round).join(', ')} ms`);
  return { mentions, events: events.length, computeMs: runs.map(round), computeMedianMs: round(median(runs)), exportJsonLinesMs: round(exportMs), exportBytes: bytes, sentence };
}

async function inChromium(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-fairness');
  const web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [] }) });
  const { browser, page } = await launchBrowser();
  try {
    await page.goto(web.url);
    await page.getByRole('button', { name: /Fairness/ }).click();
    await page.locator('[data-testid="report-foot"]').waitFor({ timeout: 60_000 });
    const endMs = Date.now() - 60_000;
    let t = Date.now();
    let events = 0;
    const chunk = 10_000;
    for (let from = 0; from < TOTAL; from += chunk) {
      const r = (await page.evaluate(`${PAGE_WRITE_HISTORY}(${JSON.stringify({ from, n: Math.min(chunk, TOTAL - from), total: TOTAL, days: DAYS, endMs, seed: 7 })})`)) as { events: number };
      events += r.events;
      if ((from / chunk) % 5 === 4) log(`stored ${from + chunk} mentions`);
    }
    const storeMs = Date.now() - t;
    log(`stored ${TOTAL} mentions and ${events} events in ${storeMs} ms`);
    // A new session on a year of data: the stored facts no longer match, so the first report builds
    // them from every mention and event (the cold case), in one read-only transaction.
    await page.reload();
    await page.getByRole('button', { name: /Fairness/ }).click();
    t = Date.now();
    await page.locator('[data-testid="report-foot"][data-how="built"]').waitFor({ timeout: 600_000 });
    const cold = { wallMs: Date.now() - t, timings: JSON.parse((await page.locator('[data-testid="report-foot"]').getAttribute('data-timings')) ?? '{}') as unknown };
    log(`first report after a restart, building the facts: ${cold.wallMs} ms ${JSON.stringify(cold.timings)}`);

    const results: Record<string, unknown[]> = { all: [], '28d': [] };
    for (let i = 0; i < 3; i++) {
      for (const range of ['all', '28d'] as const) {
        t = Date.now();
        const r = (await page.evaluate(`${PAGE_MEASURE_REPORT}(${JSON.stringify({ range })})`)) as Record<string, number | string>;
        results[range]!.push(r);
        log(`${range}: ${Math.round(r.wallMs as number)} ms (read ${r.loadMs}, compute ${r.computeMs}; ${r.mentions} mentions; longest frame gap ${Math.round(r.longestFrameGapMs as number)} ms)`);
      }
    }
    const summary = (rs: unknown[]): Record<string, unknown> => {
      const xs = rs as Array<Record<string, number | string>>;
      return {
        mentions: xs[0]!.mentions,
        wallMs: xs.map((x) => round(x.wallMs as number)),
        medianWallMs: round(median(xs.map((x) => x.wallMs as number))),
        readMs: xs.map((x) => x.loadMs),
        computeMs: xs.map((x) => x.computeMs),
        timings: xs.map((x) => x.timings),
        longestFrameGapMs: xs.map((x) => round(x.longestFrameGapMs as number)),
        sentence: xs[0]!.sentence,
      };
    };
    // New events arrive (2,000 mentions of the last day with their replies, written as the app
    // would: journaled, db/window-journal.ts), then a new session opens the report on "All time":
    // the case a lead meets on Monday.
    const added = 2000;
    const r = (await page.evaluate(`${PAGE_WRITE_HISTORY}(${JSON.stringify({ from: TOTAL, start: TOTAL, n: added, total: added, days: 1, endMs: Date.now() - 60_000, seed: 11, journal: true })})`)) as { events: number };
    await page.reload();
    await page.locator('[data-testid="inbox"]').waitFor({ timeout: 120_000 });
    // From the click on Fairness (default period "Last 4 weeks", which folds the new events in) to
    // the "All time" report on screen.
    const { openMs, howOpen, openTimings } = await openReport(page);
    const afterRuns: Array<Record<string, number | string>> = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await page.evaluate(`${PAGE_MEASURE_REPORT}(${JSON.stringify({ range: '28d' })})`);
      afterRuns.push((await page.evaluate(`${PAGE_MEASURE_REPORT}(${JSON.stringify({ range: 'all' })})`)) as Record<string, number | string>);
      log(`after ${added} new mentions (${r.events} events), all time: ${Math.round(afterRuns[i]!.wallMs as number)} ms (${afterRuns[i]!.how}); open ${openMs} ms (${howOpen})`);
    }
    const first = { openMs, allTimeMs: round(afterRuns[0]!.wallMs as number), openThenAllTimeMs: openMs + round(afterRuns[0]!.wallMs as number), howOpen };
    // Two more such sessions, each after a quiet spell (the last one's saves done, as over a
    // weekend) and 2,000 more new mentions: one session's figure moved by 0.4 s from run to run
    // (771-1,232 ms, stops 43-45), so the row is judged on the median of three.
    const sessions = [first];
    for (let k = 1; k < AFTER_SESSIONS; k++) {
      const { openMs, allTimeMs, openThenAllTimeMs, howOpen } = await newSession(page, TOTAL + k * added, added, 20 + k, { quietMs: QUIET_BEFORE_SESSION_MS });
      sessions.push({ openMs, allTimeMs, openThenAllTimeMs, howOpen });
    }
    const afterNewEvents = {
      added: { mentions: added, events: r.events },
      openMs,
      howOpen,
      openTimings,
      openThenAllTimeMs: first.openThenAllTimeMs,
      sessions,
      medianOpenThenAllTimeMs: median(sessions.map((x) => x.openThenAllTimeMs)),
      ...summary(afterRuns),
      note: `a new session after 2,000 new mentions: from the click on Fairness (default period folds the new events in) to the All time report on screen; the first session's figures, then all ${AFTER_SESSIONS} such sessions (the first and ${AFTER_SESSIONS - 1} more, 2,000 more new mentions before each) and their median`,
    };
    const inboxUp = await openLater(page, TOTAL + AFTER_SESSIONS * added, added);
    return { stored: { mentions: TOTAL, events, overDays: DAYS, storeMs }, firstReportBuildingFacts: cold, allTime: summary(results.all!), last4Weeks: summary(results['28d']!), afterNewEvents, afterNewEventsInboxUp: inboxUp };
  } finally {
    await browser.close();
    await web.stop();
  }
}

type Page = Awaited<ReturnType<typeof launchBrowser>>['page'];

/** Clicks Fairness and times it in the page (PAGE_OPEN_REPORT); how the report had its facts, and its timings. */
async function openReport(page: Page): Promise<{ openMs: number; howOpen: string | null; openTimings: unknown }> {
  const openMs = round((await page.evaluate(`${PAGE_OPEN_REPORT}()`)) as number);
  const foot = page.locator('[data-testid="report-foot"]');
  return { openMs, howOpen: await foot.getAttribute('data-how'), openTimings: JSON.parse((await foot.getAttribute('data-timings')) ?? '{}') as unknown };
}

/** New sessions after new events whose open-then-All-time figure is judged (their median). */
const AFTER_SESSIONS = 3;
/** The quiet spell before each of those sessions after the first: the saves of the one before are done. */
const QUIET_BEFORE_SESSION_MS = 20_000;

/** One new session after new events: what was written, the open, and the All time report after it. */
interface Session {
  events: number;
  openMs: number;
  howOpen: string | null;
  openTimings: unknown;
  all: Record<string, number | string>;
  allTimeMs: number;
  openThenAllTimeMs: number;
}

/**
 * After a quiet spell (`quietMs`), `n` new mentions (journaled, as the app writes them), a new
 * session, and the lead's click on Fairness `inboxUpMs` after the inbox shows, then All time.
 */
async function newSession(page: Page, from: number, n: number, seed: number, { quietMs = 0, inboxUpMs = 0 } = {}): Promise<Session> {
  if (quietMs) await page.waitForTimeout(quietMs);
  const r = (await page.evaluate(`${PAGE_WRITE_HISTORY}(${JSON.stringify({ from, start: from, n, total: n, days: 1, endMs: Date.now() - 60_000, seed, journal: true })})`)) as { events: number };
  await page.reload();
  await page.locator('[data-testid="inbox"]').waitFor({ timeout: 120_000 });
  if (inboxUpMs) await page.waitForTimeout(inboxUpMs);
  const { openMs, howOpen, openTimings } = await openReport(page);
  const all = (await page.evaluate(`${PAGE_MEASURE_REPORT}(${JSON.stringify({ range: 'all' })})`)) as Record<string, number | string>;
  const allTimeMs = round(all.wallMs as number);
  log(`${n} more new mentions, Fairness clicked ${inboxUpMs} ms after the inbox showed: open ${openMs} ms (${howOpen}), then all time ${allTimeMs} ms (${all.how})`);
  return { events: r.events, openMs, howOpen, openTimings, all, allTimeMs, openThenAllTimeMs: openMs + allTimeMs };
}

/** How long the inbox is up before the lead clicks Fairness in the last new session. */
const INBOX_UP_MS = 10_000;

/**
 * Again after 2,000 more new mentions, a new session whose lead clicks Fairness once the inbox has
 * been up a while (INBOX_UP_MS) rather than the moment it shows: the inbox has had the report
 * worker make the facts ready by then (engine.ts readyAhead). Open, then All time.
 */
async function openLater(page: Page, from: number, n: number): Promise<Record<string, unknown>> {
  const s = await newSession(page, from, n, 12, { inboxUpMs: INBOX_UP_MS });
  return { added: { mentions: n, events: s.events }, inboxUpMs: INBOX_UP_MS, openMs: s.openMs, howOpen: s.howOpen, openTimings: s.openTimings, allTimeWallMs: s.allTimeMs, allTimeHow: s.all.how, allTimeTimings: s.all.timings, openThenAllTimeMs: s.openThenAllTimeMs, note: `a new session after ${n} more new mentions, Fairness clicked ${INBOX_UP_MS / 1000} s after the inbox showed: open, then All time` };
}

export async function run(): Promise<Record<string, unknown>> {
  // BENCH_NODE=0 skips the Node part (iterating on the Chromium figures on a shared machine).
  const node = process.env.BENCH_NODE === '0' ? 'skipped (BENCH_NODE=0)' : await inNode();
  const chromium = await inChromium();
  return { mentions: TOTAL, chromium, node, note: 'chromium: from choosing the period to the report on screen (IndexedDB read + compute in the report worker); node: computeFairness and the chart extras alone' };
}
