/**
 * The Topics screen in Chromium against browser mode on the demo: the demo's rules load from main,
 * a new rule is tried on the last 30 days (the count matches the mentions in IndexedDB), saved to
 * the data folder's topics.json, past mentions re-tagged as the rules come back from the log (with a
 * progress bar), and applied again by hand (nothing left to change); light and dark
 * screenshots.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startWeb, launchBrowser, tempDir, waitFor, ARTIFACTS } from './harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** Mentions in the page's IndexedDB whose text holds the word (passed as source text, see harness.ts). */
const countWord = (word: string, field: 'text' | 'topics') => `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const all = await new Promise((res, rej) => { const r = db.transaction('mentions').objectStore('mentions').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  db.close();
  const since = Date.now() - 30 * 86400000;
  return ${field === 'text' ? `all.filter((m) => m.createdMs >= since && /(^|[^\\p{L}\\p{N}])${word}([^\\p{L}\\p{N}]|$)/iu.test((m.title ? m.title + ' ' : '') + m.text)).length` : `all.filter((m) => (m.topics || []).includes('${word}')).length`};
})()`;

describe('Topics screen', () => {
  it('loads the demo rules, tests a new rule on 30 days, saves it to topics.json and re-tags past mentions', async () => {
    const dir = tempDir('topics');
    const web = await startWeb({ dataDir: dir });
    cleanups.push(() => web.stop());
    const b = await launchBrowser();
    cleanups.push(() => b.browser.close());
    const page = b.page;
    await page.goto(web.url);
    // The demo history is seeded when the Fairness screen first opens: wait for it before counting.
    await page.getByRole('button', { name: /Fairness/ }).click();
    await waitFor('demo history', () => page.evaluate(countWord('wifi', 'text')) as Promise<number>, (n) => n > 20);
    await page.getByRole('button', { name: /Topics/ }).click();
    await page.locator('[data-testid="topic-pick-lost-luggage"]').waitFor();
    expect(await page.locator('.topic-pick').count()).toBe(6);

    await page.locator('[data-testid="topic-add"]').click();
    await page.getByLabel('Name').fill('Seats');
    await page.getByLabel(/Any of these words/).fill('seat\nlegroom\npoltrona');
    await page.locator('[data-testid="topic-test"]').click();
    const shown = Number(await page.locator('[data-testid="topic-preview-count"]').textContent());
    const expected = (await page.evaluate(countWord('(seat|legroom|poltrona)', 'text'))) as number;
    expect(shown).toBe(expected);

    await page.getByLabel('Name').fill('Seats and legroom');
    await page.locator('[data-testid="topic-pick-wifi"]').click();
    await page.getByLabel(/But none of these/).fill('wifi worked');
    await page.locator('[data-testid="topic-pick-new-topic"]').click();
    await page.locator('[data-testid="topics-save"]').click();
    await page.getByText(/^Saved\./).waitFor();
    const onDisk = JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8')) as { topics: Array<{ id: string; name: string; any: string[]; none?: string[] }> };
    expect(onDisk.topics.map((t) => t.id)).toEqual(['lost-luggage', 'refunds', 'delays', 'app', 'wifi', 'staff', 'new-topic']);
    expect(onDisk.topics[6]).toEqual({ id: 'new-topic', name: 'Seats and legroom', any: ['seat', 'legroom', 'poltrona'] });
    expect(onDisk.topics[4]!.none).toEqual(['wifi worked']);

    // The saved rules come back from the log and re-tag past mentions on their own, with the
    // progress bar, then the result.
    const result = page.getByText(/checked, \d+ changed/);
    await result.waitFor({ timeout: 60_000 });
    const progress = page.locator('[data-testid="topics-apply-progress"]');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
    const tagged = (await page.evaluate(countWord('new-topic', 'topics'))) as number;
    expect(tagged).toBeGreaterThanOrEqual(shown);
    expect(Number(/(\d+) changed/.exec((await result.textContent())!)![1])).toBeGreaterThanOrEqual(shown);
    // By hand afterwards: every mention checked again, nothing left to change.
    await page.locator('[data-testid="topics-apply"]').click();
    await page.getByText(/checked, 0 changed/).waitFor({ timeout: 60_000 });

    await page.locator('[data-testid="topic-pick-new-topic"]').click();
    await page.locator('[data-testid="topic-test"]').click();
    await page.locator('[data-testid="topic-preview"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'topics-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'topics-dark.png'), fullPage: true });
  });
});
