/**
 * Listening for real, as a user sees it: the app polls the fake X API and the fake feed server,
 * shows their mentions with reach tiers, and the sources screen gives each source a health line —
 * a broken feed says what went wrong while the others keep delivering. Test, pause and add work.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeX, FAKE_BEARER, type FakeX } from '../fakes/x-server';
import { start as startFeeds, type FakeFeedServer } from '../fakes/feed-server';
import { startWeb, launchBrowser, readInbox, waitFor, tempDir, writeConfig, ARTIFACTS, type WebProcess, type LaunchedBrowser } from './harness';
import type { Page } from 'playwright-core';

let x: FakeX;
let feeds: FakeFeedServer;
let web: WebProcess;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  x = await startFakeX();
  feeds = await startFeeds();
  const dataDir = tempDir('web-sources');
  const config = writeConfig(dataDir, {
    sources: [
      { id: 'acme-mentions', kind: 'x-mentions', label: 'X mentions', userId: '783214', bearerToken: FAKE_BEARER, apiBase: x.url },
      { id: 'appstore-us', kind: 'feed', label: 'App Store (US)', url: `${feeds.url}/sources/appstore-reviews.xml?validators=1`, allowPrivateNetwork: true },
      { id: 'reddit', kind: 'feed', label: 'Reddit search', url: `${feeds.url}/sources/reddit-search.atom`, allowPrivateNetwork: true },
      { id: 'broken-feed', kind: 'feed', label: 'Status blog', url: `${feeds.url}/sources/hn-search.rss?status=503`, allowPrivateNetwork: true },
    ],
  });
  web = await startWeb({ dataDir, config });
  ({ browser, page } = await launchBrowser());
  await page.goto(web.url);
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await x?.close();
  await feeds?.close();
});

describe('sources in the app', () => {
  it('shows mentions from X and the feeds with their reach tiers', async () => {
    const inbox = await waitFor('mentions from every working source', () => readInbox(page), (s) => s.ids.some((i) => i.startsWith('x:')) && s.ids.some((i) => i.startsWith('feed:appstore-us:')) && s.ids.some((i) => i.startsWith('feed:reddit:')), 30_000);
    expect(inbox.ids.some((i) => i.startsWith('feed:broken-feed:'))).toBe(false);
    const megaRow = page.locator('[data-testid="mention-row"][data-mention-id="x:1860000000000000104"]');
    await megaRow.scrollIntoViewIfNeeded();
    await expect(megaRow.locator('.tier').textContent()).resolves.toBe('mega');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-listening.png') });
  });

  it('gives each source a health line: the broken one says what happened, the others are OK', async () => {
    await page.getByRole('button', { name: /Sources/ }).click();
    const broken = page.locator('[data-testid="source"][data-source-id="broken-feed"]');
    await waitFor('the broken source to report', () => broken.getAttribute('data-state'), (s) => s === 'error', 20_000);
    await expect(broken.locator('[data-testid="health-line"]').textContent()).resolves.toMatch(/HTTP 503/);
    await expect(page.locator('[data-testid="source"][data-source-id="appstore-us"]').getAttribute('data-state')).resolves.toBe('ok');
    await expect(page.locator('[data-testid="source"][data-source-id="acme-mentions"]').getAttribute('data-state')).resolves.toBe('ok');
    await page.screenshot({ path: join(ARTIFACTS, 'sources.png'), fullPage: true });
  });

  it('test runs one poll and shows what came back; pause and resume change the state', async () => {
    const store = page.locator('[data-testid="source"][data-source-id="appstore-us"]');
    await store.getByRole('button', { name: 'Test' }).click();
    await waitFor('test results', () => store.locator('[data-testid="test-result"] li').count(), (n) => n > 0, 15_000);
    await store.getByRole('button', { name: 'Pause' }).click();
    await waitFor('paused', () => store.getAttribute('data-state'), (s) => s === 'paused', 10_000);
    await store.getByRole('button', { name: 'Resume' }).click();
    await waitFor('polling again', () => store.getAttribute('data-state'), (s) => s !== 'paused', 10_000);
  });

  it('adds a feed source through the form, and it starts delivering', async () => {
    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByRole('form', { name: 'Add a source' });
    await form.getByLabel(/^Id/).fill('mastodon-tag');
    await form.getByLabel('Feed URL').fill(`${feeds.url}/sources/mastodon-tag.rss`);
    // The fake runs on 127.0.0.1: a feed there must be allowed explicitly (issue 10).
    await form.getByLabel(/Allow addresses on this computer/).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await waitFor('the new source', () => page.locator('[data-testid="source"][data-source-id="mastodon-tag"]').getAttribute('data-state'), (s) => s === 'ok', 20_000);
    await waitFor('its mentions in the inbox', () => readInbox(page), (s) => s.ids.some((i) => i.startsWith('feed:mastodon-tag:')), 20_000);
  });

  it('refuses a bad source with a message and keeps the form', async () => {
    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByRole('form', { name: 'Add a source' });
    await form.getByLabel(/^Id/).fill('bad id with spaces');
    await form.getByLabel('Feed URL').fill(`${feeds.url}/x.rss`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/id/);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });
});
