/**
 * The fairness report in Chromium against browser mode, checked against `npm run fairness`: a
 * scenario log with a known answer goes through both the command and the app (imported through the
 * report screen's "Open an event log…"), and every figure read from the page equals the command's.
 * The app's own exports reproduce the command's output byte for byte. Also: the demo's history
 * shows its warning, screenshotted in light, dark and print.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWeb, launchBrowser, tempDir, writeConfig, waitFor, ROOT, ARTIFACTS, type WebProcess } from './harness';
import { scenarioLog, SCENARIO_EXPECTED } from './fairness-scenario';
import { REACH_TIERS } from '../../src-main/shared/mention';
import type { FairnessReport, GroupStats } from '../../src-main/shared/sla/fairness';

const DAY = 86_400_000;
const FIELDS = ['mentions', 'answered', 'unansweredPastDue', 'medianFirstResponseMinutes', 'p90FirstResponseMinutes', 'breachRate', 'skips'] as const;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function open(config: unknown): Promise<{ web: WebProcess; page: Page; dir: string }> {
  const dir = tempDir('fairness');
  const web = await startWeb({ dataDir: dir, config: config === undefined ? undefined : writeConfig(dir, config) });
  cleanups.push(() => web.stop());
  const b = await launchBrowser();
  cleanups.push(() => b.browser.close());
  await b.page.goto(web.url);
  await b.page.getByRole('button', { name: /Fairness/ }).click();
  await b.page.locator('[data-testid="fairness-report"]').waitFor();
  return { web, page: b.page, dir };
}

function cli(input: string, now: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/fairness.ts'), '--input', input, '--now', now], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fairness exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The raw value a table cell holds, as the report JSON writes it. */
async function cell(page: Page, row: string, field: string): Promise<number | null> {
  const v = await page.locator(`[data-testid="${row}"] [data-field="${field}"]`).getAttribute('data-value');
  return v === '' || v === null ? null : Number(v);
}

async function expectRow(page: Page, row: string, s: GroupStats): Promise<void> {
  for (const f of FIELDS) expect(await cell(page, row, f), `${row} ${f}`).toBe(s[f]);
}

async function download(page: Page, testId: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testId}"]`).click()]);
  const path = await d.path();
  return readFileSync(path, 'utf8');
}

describe('the fairness report end to end', () => {
  it('shows the same figures as `npm run fairness` for a scenario log with a known answer', async () => {
    const { page, dir } = await open({ sources: [] });
    const logPath = join(dir, 'scenario.jsonl');
    writeFileSync(logPath, scenarioLog(Date.now() - 10 * DAY).map((e) => JSON.stringify(e)).join('\n') + '\n');

    await page.locator('[data-testid="report-range"]').selectOption('all');
    await page.locator('[data-testid="import-log"]').setInputFiles(logPath);
    await expect(page.locator('[data-testid="data-message"]').textContent()).resolves.toContain('Imported 25 mentions');
    await waitFor('the report of the imported log', () => page.locator('[data-testid="report-ratio"]').getAttribute('data-value').catch(() => null), (v) => v === String(SCENARIO_EXPECTED.ratio), 30_000);

    const now = (await page.locator('[data-testid="report-now"]').getAttribute('datetime'))!;
    const stdout = cli(logPath, now);
    const report = JSON.parse(stdout) as FairnessReport;

    // The known answer, from the command...
    expect(report.fairnessRatio).toBe(SCENARIO_EXPECTED.ratio);
    expect([report.slowestTier, report.fastestTier]).toEqual([SCENARIO_EXPECTED.slowest, SCENARIO_EXPECTED.fastest]);
    expect(report.tiers.everyday.medianFirstResponseMinutes).toBe(SCENARIO_EXPECTED.everydayMedian);
    expect(report.tiers.mega.medianFirstResponseMinutes).toBe(SCENARIO_EXPECTED.megaMedian);
    expect(report.tiers.mid.medianFirstResponseMinutes).toBe(SCENARIO_EXPECTED.midMedian);
    expect(report.warning).toBe(true);

    // ...and the same figures on the page.
    expect(await page.locator('[data-testid="report-sentence"]').textContent()).toBe(report.sentence);
    expect(Number(await page.locator('[data-testid="report-ratio"]').getAttribute('data-value'))).toBe(report.fairnessRatio);
    expect(await page.locator('[data-testid="report-ci"]').getAttribute('data-value')).toBe(report.fairnessRatioCI90!.join(','));
    expect(await page.locator('[data-testid="report-verdict"]').getAttribute('data-warning')).toBe(String(report.warning));
    for (const t of REACH_TIERS) await expectRow(page, `row-tier-${t}`, report.tiers[t]);
    for (const [c, s] of Object.entries(report.byChannel)) await expectRow(page, `row-channel-${c}`, s!);
    for (const [a, s] of Object.entries(report.byAgent)) await expectRow(page, `row-agent-${a}`, s);
    expect(await page.locator('[data-testid="row-tier-micro"]').textContent()).toContain('n=3, too few to judge');

    // The app's exports: the report JSON is the command's output, byte for byte...
    expect(await download(page, 'export-json')).toBe(stdout);
    // ...and its event log gives the command the same figures.
    const exported = join(dir, 'exported.jsonl');
    writeFileSync(exported, await download(page, 'export-log'));
    expect(cli(exported, now)).toBe(stdout);
    await expect(page.locator('[data-testid="data-message"]').textContent()).resolves.toContain('npm run --silent fairness -- --input');
  });

  it('shows new users a warning on the demo history, readable in light, dark and print', async () => {
    const { page } = await open(undefined);
    const t0 = Date.now();
    await page.locator('[data-testid="demo-history-note"]').waitFor({ timeout: 60_000 });
    await waitFor('the demo report', () => page.locator('[data-testid="report-verdict"]').getAttribute('data-warning').catch(() => null), (w) => w === 'true', 60_000);
    const sentence = await page.locator('[data-testid="report-sentence"]').textContent();
    const ratio = await page.locator('[data-testid="report-ratio"]').getAttribute('data-value');
    const ci = await page.locator('[data-testid="report-ci"]').getAttribute('data-value');
    const foot = await page.locator('[data-testid="report-foot"]').textContent();
    expect(sentence).toMatch(/^Customers with under 1,000 followers waited \d\.\dx longer than those with/);
    mkdirSync(ARTIFACTS, { recursive: true });
    appendFileSync(join(ARTIFACTS, 'e2e-measurements.txt'), `${new Date().toISOString()} demo fairness report (${Date.now() - t0} ms to show): ${sentence} | ratio ${ratio} ci ${ci} | ${foot}\n`);
    await page.locator('.chart svg').first().waitFor();
    // The report scrolls inside the app's frame, and nothing in it (screen-reader text placed
    // absolutely) makes the window itself scroll: a wheel over the sidebar scrolled the app away.
    expect(await page.evaluate('document.documentElement.scrollHeight - innerHeight')).toBeLessThanOrEqual(0);
    // Make the window as tall as the report to see it all.
    const height = await page.locator('[data-testid="fairness-report"]').evaluate((el) => el.scrollHeight);
    await page.setViewportSize({ width: 1400, height: Math.min(6000, height + 80) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'fairness-report-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'fairness-report-dark.png'), fullPage: true });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'fairness-report-print.png'), fullPage: true });
    // No chart is drawn on a canvas: SVG only (prints crisply, nothing needs a relaxed CSP).
    expect(await page.locator('.chart canvas').count()).toBe(0);
  });
});
