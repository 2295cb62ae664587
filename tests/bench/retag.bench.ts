/**
 * Saving topic rules over 200,000 stored mentions (BENCH_MENTIONS changes the size), in Chromium
 * against browser mode, the way a lead meets it: the Topics screen, a new topic, Save. The rules go
 * through the log and come back as a `topic-rules` entry, which re-tags every mention heard before it.
 * Twice: a topic no mention matches (the re-tag reads everything and writes nothing), then one every
 * mention matches (it writes every mention: the worst case). For each:
 * - from Save until every mention carries its new topics;
 * - how long a read of the inbox's store issued 1 s after Save waited for its answer (what the
 *   inbox, the counters and the next page of the log wait for meanwhile);
 * then the Fairness report opened afterwards (its facts take in the re-tag's changes).
 * Writes tests/bench/results/retag.json through the runner (npm run bench -- retag).
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { startWeb, launchBrowser, tempDir, writeConfig } from '../e2e/harness';
import { PAGE_WRITE_HISTORY } from './fairness-page';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 200_000);
const log = (s: string): void => void process.stderr.write(`retag bench: ${s}\n`);
const load = (): number => Math.round(loadavg()[0]! * 100) / 100;

/** In the page: mentions whose facets hold `topic:<id>` (the inbox's topic filter reads the same index). */
const PAGE_COUNT_TOPIC = `(async (id) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  try {
    return await new Promise((res, rej) => { const r = db.transaction('mentions').objectStore('mentions').index('facets').count('topic:' + id); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  } finally { db.close(); }
})`;

/** In the page: how long one small read of `mentions` waits for its answer, in ms. */
const PAGE_READ_WAIT = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const t0 = performance.now();
  try {
    await new Promise((res, rej) => { const r = db.transaction('mentions').objectStore('mentions').index('dueAt').getAll(undefined, 50); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    return performance.now() - t0;
  } finally { db.close(); }
})()`;

/** The log position this profile has applied (meta `position`). */
const appliedPosition = async (page: Page): Promise<number> =>
  (await page.evaluate(`(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    try { return await new Promise((res) => { const r = db.transaction('meta').objectStore('meta').get('position'); r.onsuccess = () => res(r.result ? r.result.value.position : 0); }); } finally { db.close(); }
  })()`)) as number;

async function saveRule(page: Page, words: string, first: boolean): Promise<void> {
  await page.getByRole('button', { name: /Topics/ }).click();
  if (first) {
    await page.locator('[data-testid="topic-add"]').click();
    await page.getByLabel('Name').fill('Bench topic');
  } else {
    await page.locator('[data-testid="topic-pick-new-topic"]').click();
  }
  await page.getByLabel(/Any of these words/).fill(words);
}

async function retag(page: Page, words: string, first: boolean, expected: number): Promise<Record<string, unknown>> {
  await saveRule(page, words, first);
  const before = await appliedPosition(page);
  const loadAtStart = load();
  const t0 = Date.now();
  await page.locator('[data-testid="topics-save"]').click();
  await page.waitForTimeout(1000);
  const readWaitMs = Math.round((await page.evaluate(PAGE_READ_WAIT)) as number);
  // BENCH_SHOT=<file.png>: the screen during the every-mention re-tag, to look at the status bar.
  if (process.env.BENCH_SHOT && expected > 0) await page.screenshot({ path: process.env.BENCH_SHOT });
  log(`'${words}': a read 1 s after Save waited ${readWaitMs} ms`);
  // Done when the topic's count is as expected and the applied position has moved past the entry.
  // For a topic nothing matches, the count is 0 from the start: the position tells.
  for (;;) {
    const n = (await page.evaluate(`${PAGE_COUNT_TOPIC}('new-topic')`)) as number;
    if (n === expected && (expected > 0 || (await appliedPosition(page)) > before)) break;
    if (Date.now() - t0 > 900_000) throw new Error(`re-tag unfinished after 15 min: ${n} of ${expected}`);
    await page.waitForTimeout(200);
  }
  const allMs = Date.now() - t0;
  log(`'${words}': every mention re-tagged ${allMs} ms after Save (${expected} tagged; load ${loadAtStart} → ${load()})`);
  return { words, tagged: expected, allMs, readWaitMs, load: { atStart: loadAtStart, atEnd: load() } };
}

async function openReport(page: Page): Promise<Record<string, unknown>> {
  const t = Date.now();
  await page.getByRole('button', { name: /Fairness/ }).click();
  await page.locator('[data-testid="report-foot"]').waitFor({ timeout: 600_000 });
  const ms = Date.now() - t;
  const foot = page.locator('[data-testid="report-foot"]');
  const how = await foot.getAttribute('data-how');
  log(`Fairness opened after the re-tag: ${ms} ms (${how})`);
  return { openMs: ms, how, timings: JSON.parse((await foot.getAttribute('data-timings')) ?? '{}') as unknown };
}

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-retag');
  const web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [] }) });
  const { browser, page } = await launchBrowser();
  try {
    await page.goto(web.url);
    await page.locator('[data-testid="inbox-empty"]').waitFor({ timeout: 60_000 });
    const endMs = Date.now() - 60_000;
    const chunk = 10_000;
    for (let from = 0; from < TOTAL; from += chunk) {
      await page.evaluate(`${PAGE_WRITE_HISTORY}(${JSON.stringify({ from, n: Math.min(chunk, TOTAL - from), total: TOTAL, days: 365, endMs, seed: 7 })})`);
    }
    log(`stored ${TOTAL} mentions`);
    await page.reload();
    // The report's facts built once, as on a lead's machine that has opened Fairness before.
    await page.getByRole('button', { name: /Fairness/ }).click();
    await page.locator('[data-testid="report-foot"]').waitFor({ timeout: 600_000 });
    const noneMatch = await retag(page, 'zeppelin', true, 0);
    const everyMatch = await retag(page, 'mention', false, TOTAL);
    const report = await openReport(page);
    return {
      mentions: TOTAL,
      noneMatch,
      everyMatch,
      reportAfter: report,
      note: 'from Save on the Topics screen until every stored mention carries the new rules; readWaitMs: a read of mentions issued 1 s after Save, time to its answer',
    };
  } finally {
    await browser.close();
    await web.stop();
  }
}
