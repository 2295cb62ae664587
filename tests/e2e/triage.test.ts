/**
 * A shift in the inbox, in Chromium against browser mode and the fake X API: take the next mention
 * due with the keyboard, reply (the fake X receives exactly one POST, in reply to that tweet), see the
 * reply under the mention, resolve it and watch it leave the open view; the customer writes again
 * and the conversation is back in the queue; a CRM export is imported and matches an author.
 * Screenshots of the inbox, the thread and the author panel go to test-results/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeX, FAKE_BEARER, FAKE_USER_TOKEN, type FakeX } from '../fakes/x-server';
import { readFixtureJson } from '../fixtures';
import { startWeb, launchBrowser, waitFor, tempDir, writeConfig, ARTIFACTS, type WebProcess, type LaunchedBrowser } from './harness';

interface Tweet {
  id: string;
  author_id: string;
  conversation_id?: string;
}
const FIXTURE_TWEETS = [...readFixtureJson<{ data: Tweet[] }>('x', 'mentions-page1.json').data, ...readFixtureJson<{ data: Tweet[] }>('x', 'mentions-page2.json').data];

let x: FakeX;
let web: WebProcess;
let browser: LaunchedBrowser;
let page: Page;

const rows = (p: Page) => p.locator('[data-testid="mention-row"]');
const row = (p: Page, id: string) => p.locator(`[data-testid="mention-row"][data-mention-id="${id}"]`);
const rowIds = (p: Page): Promise<Array<string | null>> => rows(p).evaluateAll((els) => els.map((e) => e.getAttribute('data-mention-id')));
const shot = (name: string) => join(ARTIFACTS, name);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  x = await startFakeX();
  const dataDir = tempDir('web-triage');
  const config = writeConfig(dataDir, {
    sources: [{ id: 'acme-mentions', kind: 'x-mentions', label: 'X mentions', userId: '783214', bearerToken: FAKE_BEARER, userAccessToken: FAKE_USER_TOKEN, apiBase: x.url, intervalSeconds: 5 }],
  });
  web = await startWeb({ dataDir, config });
  ({ browser, page } = await launchBrowser());
  await page.goto(web.url);
  // Who I am: the initials sign replies and mark everything I do.
  await page.getByRole('button', { name: /Settings/ }).click();
  await page.getByTestId('settings-name').fill('Maya Kowalski');
  await page.getByTestId('settings-initials').fill('MK');
  await page.getByRole('button', { name: /Inbox/ }).click();
  await waitFor('the X mentions in the inbox', () => rowIds(page), (ids) => ids.filter((i) => i?.startsWith('x:')).length >= 5, 30_000);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await x?.close();
});

describe('triage and response, end to end', () => {
  let taken = '';
  let replyId = '';

  it('takes the next mention due, replies once to X, shows the reply, resolves, and it leaves the open view', async () => {
    await page.screenshot({ path: shot('triage-inbox.png') });
    const first = (await rowIds(page))[0]!;
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('[data-testid="mention-row"][aria-selected="true"]').getAttribute('data-mention-id')).toBe(first);
    taken = first;
    await expect.poll(() => page.getByTestId('thread').locator('.status-pill').textContent()).toMatch(/Assigned · you/);

    await page.keyboard.press('r');
    const input = page.getByTestId('reply-input');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.dataset.testid')).toBe('reply-input');
    await input.fill('Sorry about this — we are looking into it now. ^MK');
    await expect(page.getByTestId('reply-counter').textContent()).resolves.toBe('50/280');
    await page.keyboard.press('Control+Enter');

    const reply = page.getByTestId('thread-reply');
    await reply.waitFor({ timeout: 20_000 });
    const href = (await reply.getByRole('link', { name: /View the reply/ }).getAttribute('href')) ?? '';
    expect(href).toMatch(/^https:\/\/x\.com\/.+\/status\/\d+$/);
    replyId = href.split('/').pop()!;
    expect(x.posts).toHaveLength(1);
    const body = x.posts[0]!.body as { text: string; reply?: { in_reply_to_tweet_id?: string } };
    expect(body.reply?.in_reply_to_tweet_id).toBe(taken.slice(2));
    expect(body.text).toBe('Sorry about this — we are looking into it now. ^MK');
    await expect(row(page, taken).locator('.row-state').textContent()).resolves.toBe('waiting');
    await page.screenshot({ path: shot('triage-thread.png') });

    // Sending hands the keyboard back: e resolves (the resolve button carries its test hook too).
    await expect(page.getByTestId('resolve').isVisible()).resolves.toBe(true);
    await page.keyboard.press('e');
    await waitFor('the resolved mention to leave the open view', () => row(page, taken).count(), (n) => n === 0, 10_000);
    await expect(page.getByTestId('toast').textContent()).resolves.toContain('Resolved 1');
    // Nothing was posted twice, whatever happened after.
    await page.waitForTimeout(1000);
    expect(x.posts).toHaveLength(1);
  });

  it('the customer writes again: the conversation is back in the queue with the follow-up in its thread', async () => {
    const tweet = FIXTURE_TWEETS.find((t) => `x:${t.id}` === taken)!;
    x.addPost('mentions', {
      id: '1860000000000000950',
      text: '@AcmeAir still nobody at the desk, can someone actually help?',
      author_id: tweet.author_id,
      created_at: new Date().toISOString(),
      conversation_id: tweet.conversation_id ?? tweet.id,
      in_reply_to_user_id: '783214',
      referenced_tweets: [{ type: 'replied_to', id: replyId }],
      lang: 'en',
      edit_history_tweet_ids: ['1860000000000000950'],
    });
    // Back in the view, drawn from its record (a row may stand as a placeholder until its record is
    // read; it must never be drawn as it left, resolved and read: inbox-screen.test.tsx).
    const back = row(page, taken).and(page.locator('[data-status]'));
    await waitFor('the conversation back in the open view', () => back.count(), (n) => n === 1, 30_000);
    await expect(back.getAttribute('data-status')).resolves.toMatch(/^(new|assigned)$/);
    await expect(back.getAttribute('class')).resolves.toContain('row-unread');
    // The follow-up joins the conversation rather than standing as a second item.
    expect(await row(page, 'x:1860000000000000950').count()).toBe(0);
    await row(page, taken).click();
    const thread = page.getByTestId('thread');
    await thread.locator('[data-testid="thread-message"][data-mention-id="x:1860000000000000950"]').waitFor();
    await expect(thread.getByTestId('thread-activity').filter({ hasText: 'Reopened: customer wrote again' }).count()).resolves.toBe(1);
    await expect(thread.locator('.due').textContent()).resolves.toMatch(/left/);
    await page.screenshot({ path: shot('triage-followup.png') });
  });

  it('a CSV customer import matches an author, shown on the author panel', async () => {
    const dana = FIXTURE_TWEETS.find((t) => t.author_id === '1500000001')!;
    await page.getByRole('button', { name: /Settings/ }).click();
    const csv = ['Customer ID,Full name,Email,X handle,Plan,Account standing,Customer since,Lifetime value', 'C-1,"Whitfield, Dana",dana@example.com,@DanaWhit,Gold,open ticket,2019-04-02,"€ 12,400"', ''].join('\r\n');
    await page.getByTestId('customer-csv').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`) });
    await page.getByTestId('customer-mapping').waitFor();
    await expect(page.getByLabel('Column X handle').inputValue()).resolves.toBe('handle:x');
    await page.getByTestId('customer-import-run').click();
    await expect(page.getByTestId('customer-import-result').textContent()).resolves.toContain('1 new');
    // Importing the same file again updates, never duplicates.
    await page.getByTestId('customer-csv').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('Gold', 'Platinum')) });
    await page.getByTestId('customer-import-run').click();
    await expect(page.getByTestId('customer-import-result').textContent()).resolves.toContain('0 new, 1 updated');

    await page.getByRole('button', { name: /Inbox/ }).click();
    await row(page, `x:${dana.id}`).click();
    const panel = page.getByTestId('author-panel');
    await expect(panel.getByTestId('customer-card').textContent()).resolves.toContain('customer since 2019, Platinum, open ticket');
    await page.screenshot({ path: shot('triage-author.png') });
    await panel.screenshot({ path: shot('triage-author-panel.png') });
  });
});
