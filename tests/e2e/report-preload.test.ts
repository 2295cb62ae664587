/**
 * The report screen's code (the charts library, most of the page's script) is not part of the start
 * (app/App.tsx loads it lazily, so the page writes waiting mentions sooner; tests/unit/startup-imports
 * checks that), but it is loaded once the
 * inbox list is complete and the page is idle (inbox/inbox-data.ts useWarmUp): a lead's first
 * Fairness open then does not wait for it.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { startWeb, launchBrowser, waitFor, tempDir, writeConfig } from './harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** Scripts the page has fetched whose file name starts with `name`. */
const fetched = (name: string): string => `performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((f) => f.startsWith('${name}')).length`;

describe('the report screen loaded ahead', () => {
  it('is fetched once the inbox is complete and idle, and the screen opens without fetching it again', async () => {
    const dataDir = tempDir('web-report-preload');
    const web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 3600, backlog: 60, limit: 60 }] }) });
    cleanups.push(() => web.stop());
    const b = await launchBrowser();
    cleanups.push(() => b.browser.close());
    const { page } = b;
    await page.goto(web.url);
    await page.locator('[data-testid="inbox"][data-state="complete"]').waitFor({ timeout: 30_000 });
    await waitFor('the report screen fetched ahead', () => page.evaluate(fetched('ReportsScreen')) as Promise<number>, (n) => n === 1, 20_000, 100);
    await page.getByRole('button', { name: /Fairness/ }).click();
    await page.locator('[data-testid="report-foot"]').waitFor({ timeout: 60_000 });
    // Opening the screen fetched nothing more of it.
    expect(await page.evaluate(fetched('ReportsScreen'))).toBe(1);
  });
});
