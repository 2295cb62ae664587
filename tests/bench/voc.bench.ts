/**
 * The Voice of the customer screen over 200,000 mentions (BENCH_MENTIONS changes the size), in
 * Chromium against browser mode: a year of history in IndexedDB, carrying language, sentiment and
 * topics. Measured from the page (request to answer, the worker's load / state / count split):
 * - the first report after a restart when nothing is stored yet (builds the facts and the columns);
 * - the first figures of a new session once they are stored (the everyday case), "Last 4 weeks";
 * - a filter change (language, sentiment, topic, channel, source), the period unchanged;
 * - a period change (the state of the new period is worked out again).
 * Writes tests/bench/results/voc.json through the runner (npm run bench -- voc).
 */
import type { Page } from 'playwright-core';
import { startWeb, launchBrowser, tempDir, writeConfig } from '../e2e/harness';
import { PAGE_WRITE_VOC_HISTORY } from './voc-page';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 200_000);
const DAYS = 365;
const log = (s: string): void => void process.stderr.write(`voc bench: ${s}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Answer {
  elapsedMs: number;
  wallMs: number;
  reused: string;
  timings: unknown;
  /** How the worker had the facts and columns, and its phases (voc-engine.ts). */
  how: string;
  mentions: number;
}

/** Does `act`, then waits for the next answer on screen; returns the page's own timing and the wall time. */
async function nextAnswer(page: Page, act: () => Promise<unknown>, timeout = 120_000): Promise<Answer> {
  const foot = page.locator('[data-testid="voc-foot"]');
  const before = Number((await foot.getAttribute('data-answers').catch(() => '0')) ?? 0);
  const t = Date.now();
  await act();
  // Polled from here: the app's CSP (rightly) refuses the string evaluation waitForFunction needs.
  while (Number((await foot.getAttribute('data-answers').catch(() => '0')) ?? 0) <= before) {
    if (Date.now() - t > timeout) throw new Error(`no answer within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const wallMs = Date.now() - t;
  const report = JSON.parse((await foot.getAttribute('data-report'))!) as { mentions: number };
  return {
    elapsedMs: Number(await foot.getAttribute('data-elapsed')),
    wallMs,
    reused: (await foot.getAttribute('data-reused'))!,
    timings: JSON.parse((await foot.getAttribute('data-timings'))!) as unknown,
    how: (await foot.getAttribute('data-how')) ?? '',
    mentions: report.mentions,
  };
}

const openVoc = (page: Page) => () => page.getByRole('button', { name: /Voice of the customer/ }).click();

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-voc');
  const web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [] }) });
  const { browser, page } = await launchBrowser();
  try {
    await page.goto(web.url);
    await page.locator('[data-testid="mention-row"], .empty, .inbox').first().waitFor({ timeout: 60_000 }).catch(() => undefined);
    const endMs = Date.now() - 60_000;
    const t = Date.now();
    let events = 0;
    const chunk = 10_000;
    for (let from = 0; from < TOTAL; from += chunk) {
      const r = (await page.evaluate(`${PAGE_WRITE_VOC_HISTORY}(${JSON.stringify({ from, n: Math.min(chunk, TOTAL - from), total: TOTAL, days: DAYS, endMs, seed: 11 })})`)) as { events: number };
      events += r.events;
      if ((from / chunk) % 5 === 4) log(`stored ${from + chunk} mentions`);
    }
    const storeMs = Date.now() - t;
    log(`stored ${TOTAL} mentions and ${events} events in ${storeMs} ms`);

    await page.reload();
    const cold = await nextAnswer(page, openVoc(page), 900_000);
    log(`first report, nothing stored yet (builds facts and columns): ${JSON.stringify(cold)}`);

    const firstFigures: Answer[] = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      firstFigures.push(await nextAnswer(page, openVoc(page)));
      log(`first figures of a new session: ${JSON.stringify(firstFigures[firstFigures.length - 1])}`);
    }

    const changes: Array<[string, string]> = [
      ['voc-filter-langs', 'es'],
      ['voc-filter-sentiments', 'negative'],
      ['voc-filter-topics', 'refunds'],
      ['voc-filter-channels', 'appstore'],
      ['voc-filter-sources', 'appstore-gb'],
      ['voc-filter-langs', ''],
      ['voc-filter-sentiments', ''],
      ['voc-filter-topics', ''],
      ['voc-filter-sources', ''],
      ['voc-filter-channels', ''],
    ];
    const filterChanges: Array<Answer & { filter: string }> = [];
    for (const [id, value] of changes) {
      const a = await nextAnswer(page, () => page.locator(`[data-testid="${id}"]`).selectOption(value));
      filterChanges.push({ filter: `${id}=${value}`, ...a });
      log(`filter ${id}=${value}: ${JSON.stringify(a)}`);
    }
    const periodChanges: Array<Answer & { days: string }> = [];
    for (const days of ['7', '91', '365', '28']) {
      const a = await nextAnswer(page, () => page.locator('[data-testid="voc-period"]').selectOption(days));
      periodChanges.push({ days, ...a });
      log(`period ${days} days: ${JSON.stringify(a)}`);
    }
    return {
      mentions: TOTAL,
      stored: { mentions: TOTAL, events, overDays: DAYS, storeMs },
      firstReportBuildingEverything: cold,
      firstFiguresNewSession: { medianElapsedMs: median(firstFigures.map((a) => a.elapsedMs)), medianWallMs: median(firstFigures.map((a) => a.wallMs)), runs: firstFigures },
      filterChange: { medianElapsedMs: median(filterChanges.map((a) => a.elapsedMs)), maxElapsedMs: Math.max(...filterChanges.map((a) => a.elapsedMs)), medianWallMs: median(filterChanges.map((a) => a.wallMs)), runs: filterChanges },
      periodChange: periodChanges,
      note: 'elapsedMs: in the page, from the request to the answer (IndexedDB read and count in the VoC worker); wallMs: from the click to the figures on screen, seen from the test',
    };
  } finally {
    await browser.close();
    await web.stop();
  }
}
