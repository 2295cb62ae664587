/**
 * The skip flow in Chromium against browser mode: answering a mention while older-due ones wait in
 * the same view asks for a reason once, records a `skipped` event on each mention passed over, and
 * shows up in the fairness report; going back records nothing and sends nothing.
 */
import { describe, it, expect, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startWeb, launchBrowser, tempDir, writeConfig, waitFor, ARTIFACTS } from './harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

interface StoredEvent {
  id: string;
  type: string;
  mentionId?: string;
  agent?: string;
  data?: { takenMentionId?: string; reason?: string; note?: string };
}

/** Every workflow event in the page's IndexedDB (page code as text: this file has no DOM types). */
const READ_EVENTS = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const all = await new Promise((res, rej) => { const r = db.transaction('events').objectStore('events').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  db.close();
  return all.filter((e) => e.type !== 'mention');
})()`;

function events(page: Page): Promise<StoredEvent[]> {
  return page.evaluate(READ_EVENTS) as Promise<StoredEvent[]>;
}

async function rowIds(page: Page): Promise<string[]> {
  const rows = page.locator('[data-testid="mention-row"]');
  const out: Array<{ id: string; top: number }> = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const r = rows.nth(i);
    out.push({ id: (await r.getAttribute('data-mention-id'))!, top: (await r.boundingBox())!.y });
  }
  return out.sort((a, b) => a.top - b.top).map((r) => r.id);
}

async function answer(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`[data-testid="mention-row"][data-mention-id="${id}"]`).click();
  await page.locator(`[data-testid="mention-row"][data-mention-id="${id}"][aria-selected="true"]`).waitFor();
  await page.locator('[data-testid="reply-input"]').fill(text);
  await page.locator('[data-testid="reply-send"]').click();
}

describe('the skip guard end to end', () => {
  it('asks once for a reason, logs a skip on every mention passed over, and shows it in the report', async () => {
    const dir = tempDir('skip');
    const config = writeConfig(dir, { sources: [{ id: 'demo', kind: 'demo', backlog: 6, limit: 6, intervalSeconds: 3600 }] });
    const web = await startWeb({ dataDir: dir, config });
    cleanups.push(() => web.stop());
    const b = await launchBrowser();
    cleanups.push(() => b.browser.close());
    const { page } = b;
    await page.goto(web.url);
    await waitFor('six mentions', () => page.locator('[data-testid="mention-row"]').count(), (n) => n === 6, 30_000);
    const ids = await rowIds(page);

    // Answer the fourth due: the three above it are passed over.
    await answer(page, ids[3]!, 'Thanks for telling us, we are on it.');
    const dialog = page.locator('[data-testid="skip-dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('3 older-due mentions');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'skip-dialog.png') });
    await dialog.getByLabel("Lead's instruction").check();
    await page.locator('[data-testid="skip-confirm"]').click();
    await dialog.waitFor({ state: 'detached' });

    const skipped = await waitFor('three skipped events', async () => (await events(page)).filter((e) => e.type === 'skipped'), (s) => s.length === 3);
    expect(skipped.map((e) => e.mentionId).sort()).toEqual(ids.slice(0, 3).sort());
    for (const e of skipped) expect(e).toMatchObject({ data: { takenMentionId: ids[3], reason: 'lead-instruction' } });
    const agent = skipped[0]!.agent!;
    expect(agent).toBeTruthy();
    await waitFor('the reply recorded', async () => (await events(page)).some((e) => e.type === 'replied' && e.mentionId === ids[3]), Boolean);

    // Going back sends nothing and logs nothing.
    await answer(page, ids[5]!, 'A second answer out of order.');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    const after = await events(page);
    expect(after.filter((e) => e.type === 'skipped')).toHaveLength(3);
    expect(after.some((e) => e.type === 'replied' && e.mentionId === ids[5])).toBe(false);

    // The lead sees who skipped whom and why.
    await page.getByRole('button', { name: /Fairness/ }).click();
    const row = page.locator(`[data-testid="row-skips-${agent}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("Lead's instruction (3)");
  });
});
