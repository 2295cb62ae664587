/**
 * The whole path in Chromium against browser mode: demo mentions from the core's log into the
 * inbox, exactly once, across a page reload mid-stream, a SIGKILL of the web process mid-append, and
 * a stop and start on the same data folder with no --port (same origin, same profile); a second,
 * empty profile rebuilds the whole history from the log.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWeb, launchBrowser, readInbox, waitFor, tempDir, writeConfig, freePort, range, ARTIFACTS, type WebProcess } from './harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

function record(line: string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, 'e2e-measurements.txt'), `${new Date().toISOString()} ${line}\n`);
  console.log(line);
}

async function browser(): Promise<Awaited<ReturnType<typeof launchBrowser>>> {
  const b = await launchBrowser();
  cleanups.push(() => b.browser.close());
  return b;
}

function track(p: WebProcess): WebProcess {
  cleanups.push(() => p.stop());
  return p;
}

describe('delivery end to end (browser mode)', () => {
  it('fills the inbox with demo mentions on the default config, with countdowns and test hooks', async () => {
    const dataDir = tempDir('web-default');
    const web = await startWeb({ dataDir });
    track(web);
    const { page } = await browser();
    await page.goto(web.url);
    await page.locator('[data-testid="mention-row"]').first().waitFor({ timeout: 20_000 });
    const firstShownMs = Date.now() - web.startedAt;
    record(`time from process start to first mention shown (default demo): ${firstShownMs} ms`);
    await waitFor('a dozen mentions', () => page.locator('[data-testid="mention-row"]').count(), (n) => n >= 12, 20_000);
    const row = page.locator('[data-testid="mention-row"]').first();
    expect(await row.getAttribute('data-mention-id')).toMatch(/^demo:\d+$/);
    await expect(row.locator('.due').textContent()).resolves.toMatch(/left|over/);
    // New mentions arrive without a reload.
    const before = (await readInbox(page)).ids.length;
    await waitFor('a new live mention', async () => (await readInbox(page)).ids.length, (n) => n > before, 20_000);
    await page.locator('[data-testid="next-due"]').click();
    // Taking a mention records the assignment first, then selects it.
    await page.locator('[data-testid="mention-row"][aria-selected="true"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="mention-row"][aria-selected="true"]').count()).resolves.toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-demo.png') });
  });

  it('reloading the page mid-stream ends with every mention exactly once', async () => {
    const dataDir = tempDir('web-reload');
    const total = 600;
    const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 0.05, backlog: 30, perPoll: 6, limit: total }] });
    const web = track(await startWeb({ dataDir, config }));
    const { page } = await browser();
    await page.goto(web.url);
    await waitFor('some mentions', async () => (await readInbox(page)).ids.length, (n) => n >= 100, 30_000, 50);
    await page.reload();
    await page.reload();
    const inbox = await waitFor('all mentions', () => readInbox(page), (s) => s.ids.length >= total, 60_000);
    const expected = range(1, total, (n) => `demo:${n}`).sort();
    expect([...inbox.ids].sort()).toEqual(expected);
    expect(inbox.mentionEvents).toBe(total);
    record(`reload mid-stream: ${total} emitted, ${inbox.ids.length} in inbox, ${inbox.mentionEvents} arrival events`);
  });

  it('SIGKILL of the web process while delivering loses nothing and duplicates nothing', async () => {
    const dataDir = tempDir('web-kill');
    const port = await freePort();
    const total = 3000;
    const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 0.02, backlog: 50, perPoll: 25, limit: total }] });
    const first = await startWeb({ dataDir, config, port });
    const { page } = await browser();
    await page.goto(first.url);
    const atKill = await waitFor('delivery under way', () => readInbox(page), (s) => s.ids.length >= 400, 60_000, 20);
    await first.kill9();
    expect(atKill.ids.length).toBeLessThan(total); // it really was mid-stream
    const second = track(await startWeb({ dataDir, config, port }));
    await page.goto(second.url);
    const inbox = await waitFor('all mentions after restart', () => readInbox(page), (s) => s.ids.length >= total, 90_000);
    // Give any duplicate a chance to show up before comparing.
    await new Promise((r) => setTimeout(r, 1500));
    const final = await readInbox(page);
    const expected = range(1, total, (n) => `demo:${n}`).sort();
    expect([...final.ids].sort()).toEqual(expected);
    expect(final.mentionEvents).toBe(total);
    const rowIds = await page.locator('[data-testid="mention-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-mention-id')));
    expect(new Set(rowIds).size).toBe(rowIds.length);
    record(`SIGKILL mid-delivery: ${total} emitted, ${atKill.ids.length} in inbox at kill, ${final.ids.length} after restart, lost ${expected.length - new Set(final.ids).size}, duplicated ${final.mentionEvents - total}`);
    expect(inbox.ids.length).toBe(total);
    // Nothing was compacted away by the first profile's acks: an empty profile gets all of it.
    const fresh = await browser();
    await fresh.page.goto(second.url);
    const rebuilt = await waitFor('the whole history in an empty profile', () => readInbox(fresh.page), (s) => s.ids.length >= total, 90_000);
    expect([...rebuilt.ids].sort()).toEqual(expected);
    expect(rebuilt.mentionEvents).toBe(total);
  });

  it('stopped and started again on the same data folder with no --port: same origin, everything still there; an empty profile sees the whole history', async () => {
    const dataDir = tempDir('web-restart');
    const total = 40;
    const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 0.05, backlog: total, perPoll: 10, limit: total }] });
    const first = await startWeb({ dataDir, config, port: 'remembered' });
    const { page } = await browser();
    await page.goto(first.url);
    await waitFor('all mentions', () => readInbox(page), (s) => s.ids.length >= total, 30_000);
    await page.locator('[data-testid="next-due"]').click();
    const taken = page.locator('[data-testid="mention-row"][aria-selected="true"]');
    await taken.waitFor({ timeout: 10_000 });
    const takenId = await taken.getAttribute('data-mention-id');
    const before = await readInbox(page);
    expect(await first.stop()).toBe(0);

    const second = track(await startWeb({ dataDir, config, port: 'remembered' }));
    expect(new URL(second.url).origin).toBe(new URL(first.url).origin);
    await page.goto(second.url);
    await page.locator('[data-testid="mention-row"]').first().waitFor({ timeout: 20_000 });
    const after = await readInbox(page);
    expect([...after.ids].sort()).toEqual([...before.ids].sort());
    expect(after.events).toBe(before.events);
    const row = page.locator(`[data-testid="mention-row"][data-mention-id="${takenId}"]`);
    await expect(row.getAttribute('data-assignee')).resolves.not.toBe('');

    const fresh = await browser();
    await fresh.page.goto(second.url);
    // The take is in the log too, so the empty profile has it: every event, not just the arrivals.
    const rebuilt = await waitFor('the whole history in an empty profile', () => readInbox(fresh.page), (s) => s.ids.length >= total && s.events >= after.events, 30_000);
    expect([...rebuilt.ids].sort()).toEqual(range(1, total, (n) => `demo:${n}`).sort());
    expect(rebuilt.events).toBe(after.events);
    // The row shows the take once the page has heard of its write (the delivery worker's commits reach
    // the inbox's reads over a BroadcastChannel): a read of the attribute at one instant can come first.
    const shownAt = Date.now();
    const assignee = await waitFor('the take on the rebuilt row', () => fresh.page.locator(`[data-testid="mention-row"][data-mention-id="${takenId}"]`).getAttribute('data-assignee'), (a) => !!a, 10_000, 50);
    expect(assignee).not.toBe('');
    record(`the take on the rebuilt row ${Date.now() - shownAt} ms after the whole history was stored`);
    record(`restart on the remembered port: ${after.ids.length} mentions kept, ${after.events} events kept; empty profile rebuilt ${rebuilt.ids.length}`);
  });
});
