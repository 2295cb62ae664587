/**
 * Team mode end to end (issue 8): two browser-mode seats (`npm run web -- --team URL --agent A/B`,
 * two data folders) on one real PostgreSQL, each opened in its own Chromium profile. Both have the
 * demo source under one id: one seat polls it, and its mentions appear in both inboxes; the status
 * bar's `team-status` says `connected` as each seat's agent.
 */
import { describe, it, expect, afterEach, afterAll, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startWeb, launchBrowser, readInbox, waitFor, tempDir, writeConfig, ARTIFACTS, type WebProcess } from './harness';
import { startPgServer, type PgServer } from '../helpers/pg-server';

let server: PgServer;
beforeAll(async () => {
  server = await startPgServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function seat(url: string, agent: string, config: string): Promise<WebProcess> {
  const web = await startWeb({ dataDir: tempDir(`team-${agent}`), config, args: ['--team', url, '--agent', agent] });
  cleanups.push(() => web.stop());
  return web;
}

describe('team mode end to end', () => {
  it('two seats on one database: a mention appears on both; team-status is connected on both', async () => {
    const url = await server.createDatabase();
    const config = writeConfig(tempDir('team-config'), { sources: [{ id: 'demo', kind: 'demo', backlog: 3, limit: 6, perPoll: 1, intervalSeconds: 1 }] });
    const a = await seat(url, 'ann', config);
    const b = await seat(url, 'bob', config);
    const pa = await launchBrowser();
    cleanups.push(() => pa.browser.close());
    const pb = await launchBrowser();
    cleanups.push(() => pb.browser.close());
    await pa.page.goto(a.url);
    await pb.page.goto(b.url);

    for (const [page, agent] of [
      [pa.page, 'ann'],
      [pb.page, 'bob'],
    ] as const) {
      const status = page.locator('[data-testid="team-status"]');
      await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
      await expect(status.textContent()).resolves.toBe(`Team: connected as ${agent}`);
    }

    // Only one seat polls the demo, yet all six mentions reach both profiles, once each.
    const all = Array.from({ length: 6 }, (_, i) => `demo:${i + 1}`);
    for (const page of [pa.page, pb.page]) {
      const inbox = await waitFor('all six demo mentions', () => readInbox(page), (s) => s.ids.length >= 6, 30_000);
      expect([...inbox.ids].sort()).toEqual([...all].sort());
      expect(inbox.mentionEvents).toBe(6);
    }
    await pb.page.locator('[data-testid="mention-row"][data-mention-id="demo:1"]').waitFor({ timeout: 10_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await pb.page.screenshot({ path: join(ARTIFACTS, 'team-seat-b.png') });
  }, 120_000);
});
