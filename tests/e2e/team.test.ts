/**
 * Team mode end to end (issue 8): two browser-mode seats (`npm run web -- --team URL --agent A/B`,
 * two data folders) on one real PostgreSQL, each opened in its own Chromium profile. Both have the
 * demo source under one id: one seat polls it, and its mentions appear in both inboxes; the status
 * bar's `team-status` says `connected` as each seat's agent. Then the team's work goes through the
 * log: agent A takes, replies and resolves on seat A; seat B shows each step; a third, empty profile
 * opened on seat B rebuilds the whole history.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInbox, waitFor, tempDir, writeConfig, ARTIFACTS } from './harness';
import { useTeamSeats } from './team-seats';
import { usePgServer } from '../helpers/pg-server';
import { startFakeX, FAKE_BEARER, FAKE_USER_TOKEN } from '../fakes/x-server';
import type { Page } from 'playwright-core';

const server = usePgServer();

const team = useTeamSeats('team');

describe('team mode end to end', () => {
  it('two seats on one database: a mention appears on both; team-status is connected on both', async () => {
    const url = await server.createDatabase();
    const config = writeConfig(tempDir('team-config'), { sources: [{ id: 'demo', kind: 'demo', backlog: 3, limit: 6, perPoll: 1, intervalSeconds: 1 }] });
    const a = await team.seat(url, 'ann', config);
    const b = await team.seat(url, 'bob', config);
    const pa = await team.browser();
    const pb = await team.browser();
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

    // Both agents take the next mention due at the same moment: the log keeps the first take, the
    // other seat is told who has it, and both show the same owner.
    await Promise.all([pa.page.keyboard.press('n'), pb.page.keyboard.press('n')]);
    const pick = async (page: Page) => (await page.locator('[data-testid="mention-row"][aria-selected="true"]').getAttribute('data-mention-id'))!;
    const [takenA, takenB] = [await pick(pa.page), await pick(pb.page)];
    expect(takenB).toBe(takenA);
    const owner = (page: Page) => page.locator(`[data-testid="mention-row"][data-mention-id="${takenA}"]`).getAttribute('data-assignee');
    const lostOn = await waitFor(
      'the seat whose take came second to be told',
      async () => {
        for (const [page, agent] of [
          [pa.page, 'ann'],
          [pb.page, 'bob'],
        ] as const) {
          const text = (await page.getByTestId('toast').locator('span').first().textContent({ timeout: 200 }).catch(() => null)) ?? '';
          if (/took this .*; it stays with (ann|bob)\./.test(text)) return { page, agent, text };
        }
        return undefined;
      },
      (r) => r !== undefined,
      15_000,
      50,
    );
    const winner = lostOn!.agent === 'ann' ? 'bob' : 'ann';
    expect(lostOn!.text).toMatch(new RegExp(`^${winner} took this (\\d+ s ago|first); it stays with ${winner}\\.$`));
    // The thread says what happened: the second take changed nothing.
    await lostOn!.page.getByText(`${lostOn!.agent} tried to take it; ${winner} had it first`).waitFor({ timeout: 5000 });
    await lostOn!.page.screenshot({ path: join(ARTIFACTS, 'team-lost-take.png') });
    await expect.poll(() => owner(pa.page), { timeout: 5000 }).toBe(winner);
    await expect.poll(() => owner(pb.page), { timeout: 5000 }).toBe(winner);
  }, 120_000);

  it('A takes, replies once and resolves on seat A; seat B shows each step; an empty third profile gets the whole history', async () => {
    const x = await startFakeX();
    team.later(() => x.close());
    const url = await server.createDatabase();
    const source = { id: 'acme-mentions', kind: 'x-mentions', label: 'X mentions', userId: '783214', bearerToken: FAKE_BEARER, userAccessToken: FAKE_USER_TOKEN, apiBase: x.url, intervalSeconds: 5 };
    const config = writeConfig(tempDir('team-x-config'), { sources: [source] });
    const a = await team.seat(url, 'ann', config);
    const b = await team.seat(url, 'bob', config);
    const [pa, pb] = [await team.browser(), await team.browser()];
    await pa.page.goto(a.url);
    await pb.page.goto(b.url);
    for (const page of [pa.page, pb.page]) {
      await waitFor('the X mentions on both seats', () => readInbox(page), (s) => s.ids.filter((i) => i.startsWith('x:')).length >= 5, 30_000);
      await page.locator('[data-testid="team-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    }
    const row = (page: Page, id: string) => page.locator(`[data-testid="mention-row"][data-mention-id="${id}"]`);

    // A takes the next mention due (n); B shows it assigned to ann within 2 s.
    await pa.page.locator('[data-testid="mention-row"]').first().waitFor();
    await pa.page.keyboard.press('n');
    const taken = (await pa.page.locator('[data-testid="mention-row"][aria-selected="true"]').getAttribute('data-mention-id'))!;
    expect(taken).toMatch(/^x:/);
    await expect.poll(() => row(pa.page, taken).getAttribute('data-assignee')).toBe('ann');
    const tookAt = Date.now();
    await expect.poll(() => row(pb.page, taken).getAttribute('data-assignee'), { timeout: 2000, interval: 50 }).toBe('ann');
    const seenAfterMs = Date.now() - tookAt;
    expect(seenAfterMs).toBeLessThan(2000);

    // A replies: the fake X server gets exactly one POST, whichever seat polls X.
    await pa.page.keyboard.press('r');
    await pa.page.getByTestId('reply-input').fill('Sorry about this, we are on it. ^ANN');
    await pa.page.keyboard.press('Control+Enter');
    await pa.page.getByTestId('thread-reply').waitFor({ timeout: 20_000 });
    expect(x.posts).toHaveLength(1);
    await expect.poll(() => row(pb.page, taken).locator('.row-state').textContent(), { timeout: 5000 }).toBe('waiting');

    // A resolves: it leaves B's open view too.
    await pa.page.keyboard.press('e');
    await waitFor("the resolved mention to leave seat B's open view", () => row(pb.page, taken).count(), (n) => n === 0, 5000, 50);
    await pb.page.waitForTimeout(1000);
    expect(x.posts).toHaveLength(1);

    // A third, empty profile on seat B: the whole history, the team's work included.
    const pc = await team.browser();
    await pc.page.goto(b.url);
    const full = await readInbox(pb.page);
    const rebuilt = await waitFor('the whole history in the empty profile', () => readInbox(pc.page), (s) => s.position >= full.position && s.ids.length === full.ids.length, 30_000);
    expect([...rebuilt.ids].sort()).toEqual([...full.ids].sort());
    expect(rebuilt.events).toBe(full.events);
    const state = (page: Page) => page.evaluate(MENTION_STATE.replaceAll('__ID__', taken)) as Promise<{ status: string; assignee: string; types: string[] }>;
    const [onB, onC] = [await state(pb.page), await state(pc.page)];
    expect(onC).toEqual(onB);
    expect(onC).toMatchObject({ status: 'resolved', assignee: 'ann' });
    expect(onC.types).toEqual(expect.arrayContaining(['mention', 'assigned', 'replied', 'resolved']));
    // The lead's report on seat B's third profile covers seat A's work: ann is one of its agents.
    mkdirSync(ARTIFACTS, { recursive: true });
    await pc.page.getByRole('button', { name: /Fairness/ }).first().click();
    await pc.page.locator('[data-testid="fairness-report"][aria-busy="false"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => pc.page.getByTestId('report-agent').locator('option').allTextContents(), { timeout: 10_000 }).toContain('ann');
    await pc.page.screenshot({ path: join(ARTIFACTS, 'team-third-profile.png') });
    console.log(`team e2e: take on seat A visible on seat B after ${seenAfterMs} ms`);
  }, 180_000);
});

/** One mention's state and its event types, read straight from IndexedDB in the page. */
const MENTION_STATE = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(['mentions', 'events'], 'readonly');
  const m = await req(tx.objectStore('mentions').get('__ID__'));
  const events = await req(tx.objectStore('events').index('[mentionId+at]').getAll(IDBKeyRange.bound(['__ID__', ''], ['__ID__', '\uffff'])));
  db.close();
  // The arrival is on the mention since schema v7: counted among its events as the 'mention' it was.
  return { status: m.status, assignee: m.assignee, types: [...(m.arrival ? ['mention'] : []), ...events.map((e) => e.type)].sort() };
})()`;
