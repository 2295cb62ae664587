/**
 * The Voice of the customer screen in Chromium against browser mode, on the bundled demo data: it
 * shows figures, a click on a figure opens the inbox on exactly that many mentions, and the app's
 * figures equal `npm run voc` on the event log the app exports. Screenshots in light and dark.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWeb, launchBrowser, tempDir, waitFor, ROOT, ARTIFACTS } from './harness';
import type { VocReport } from '../../src-main/shared/voc/report';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function shownReport(page: Page): Promise<VocReport> {
  const foot = page.locator('[data-testid="voc-foot"][data-status="ready"]');
  await foot.waitFor({ timeout: 60_000 });
  return JSON.parse((await foot.getAttribute('data-report'))!) as VocReport;
}

async function openVoc(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Voice of the customer/ }).click();
  await page.locator('[data-testid="voc-report"]').waitFor();
}

describe('the Voice of the customer screen end to end', () => {
  it('shows the demo figures, drills down into the inbox, and agrees with `npm run voc`', async () => {
    const dir = tempDir('voc');
    const web = await startWeb({ dataDir: dir });
    cleanups.push(() => web.stop());
    const b = await launchBrowser();
    cleanups.push(() => b.browser.close());
    const page = b.page;
    await page.goto(web.url);
    await openVoc(page);
    // The demo's four weeks of history are written on first opening; the report then counts again.
    await page.locator('[data-testid="demo-history-note"]').waitFor({ timeout: 60_000 });
    const report = await waitFor('the demo history in the report', () => shownReport(page), (r) => r.mentions > 100, 60_000, 1000);
    expect(report.weeks.length).toBeGreaterThanOrEqual(4);
    expect(report.sources.length).toBeGreaterThan(1);
    expect(Object.keys(report.languages).length).toBeGreaterThan(1);
    await expect(page.locator('[data-testid="voc-total"]').textContent()).resolves.toContain(report.mentions.toLocaleString('en-GB'));

    // The screen scrolls inside the app's frame: a tall window shows all of it at once.
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 2000 });
    await page.screenshot({ path: join(ARTIFACTS, 'voc-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'voc-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1400, height: 860 });

    // A small figure: the mentions of the second language (or of one source) open in the inbox.
    const [lang, n] = Object.entries(report.languages).filter(([, k]) => k > 0).sort((a, b) => a[1] - b[1])[0]!;
    await page.locator('[data-testid="voc-languages"] tr', { hasText: lang === 'unknown' ? 'unknown' : lang.toUpperCase() }).locator('button.fig').click();
    const chip = page.locator('[data-testid="drill-filter"]');
    await chip.waitFor({ timeout: 20_000 });
    await expect(chip.textContent()).resolves.toContain(`· ${n.toLocaleString()}`);
    const rows = page.locator('[data-testid="mention-row"]');
    await waitFor('the drilled rows', () => rows.count(), (k) => k === Math.min(n, k) && k > 0, 20_000);
    if (n <= 8) expect(await rows.count()).toBe(n);
    if (lang !== 'unknown') {
      // Every row shown is in that language, said in words on the row.
      for (const text of await page.locator('[data-testid="mention-row"] .row-lang').allTextContents()) expect(text).toBe(lang.toUpperCase());
    }

    // The same figures from the command, on the log the app exports (every mention and its events).
    await page.getByRole('button', { name: /Fairness/ }).click();
    await page.locator('[data-testid="report-range"]').selectOption('all');
    await page.locator('[data-testid="report-foot"]').waitFor({ timeout: 60_000 });
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-log"]').click()]);
    const logPath = join(dir, 'export.jsonl');
    writeFileSync(logPath, readFileSync((await d.path())!, 'utf8'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/voc.ts'), '--input', logPath, '--from', report.from, '--to', report.to], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(report);
  });
});
