/**
 * Presence end to end (issue 8 item 6): two browser-mode seats on one real PostgreSQL, each in its
 * own Chromium profile. Seat A opens a mention: seat B's row for it shows A's dot within 2 s; A types
 * a reply: B's dot turns to "writing a reply"; A opens another mention: the dot moves. Seat B's
 * assign picker offers both agents from the roster.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInbox, waitFor, tempDir, writeConfig, ARTIFACTS } from './harness';
import { useTeamSeats } from './team-seats';
import { usePgServer } from '../helpers/pg-server';

const server = usePgServer();

const team = useTeamSeats('presence');

describe('presence end to end', () => {
  it('seat B shows seat A\'s dot on the row within 2 s of A opening it, then "writing a reply"', async () => {
    const url = await server.createDatabase();
    const config = writeConfig(tempDir('presence-config'), { sources: [{ id: 'demo', kind: 'demo', backlog: 3, limit: 3, perPoll: 1, intervalSeconds: 1 }] });
    const a = await team.seat(url, 'ann', config);
    const b = await team.seat(url, 'bob', config);
    const pa = await team.browser();
    const pb = await team.browser();
    await pa.page.goto(a.url);
    await pb.page.goto(b.url);
    for (const page of [pa.page, pb.page]) {
      await page.locator('[data-testid="team-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
      await waitFor('three demo mentions', () => readInbox(page), (s) => s.ids.length >= 3, 30_000);
    }
    const rowOn = (page: typeof pa.page, id: string) => page.locator(`[data-testid="mention-row"][data-mention-id="${id}"]`);
    const dotOn = (id: string) => rowOn(pb.page, id).locator('[data-testid="presence-dot"][data-agent="ann"]');
    expect(await pb.page.locator('[data-testid="presence-dot"]').count()).toBe(0);

    // A opens demo:2: B's row shows "AN" within 2 s.
    const t0 = Date.now();
    await rowOn(pa.page, 'demo:2').click();
    await dotOn('demo:2').waitFor({ timeout: 2000 });
    const seenAfterMs = Date.now() - t0;
    expect(seenAfterMs).toBeLessThan(2000);
    await expect(dotOn('demo:2').textContent()).resolves.toBe('AN');
    await expect(dotOn('demo:2').getAttribute('data-activity')).resolves.toBe('viewing');
    await expect(rowOn(pb.page, 'demo:2').locator('.sr-only').textContent()).resolves.toContain('ann has this open');

    // A types a reply: B sees "writing a reply", on the row and in its open thread's header.
    await rowOn(pb.page, 'demo:2').click();
    await pa.page.locator('[data-testid="reply-input"]').fill('Thanks for flagging this, we are on it');
    await dotOn('demo:2').and(pb.page.locator('[data-activity="drafting"]')).waitFor({ timeout: 2000 });
    await expect(pb.page.locator('[data-testid="thread-presence"]').textContent()).resolves.toContain('ann is writing a reply');
    mkdirSync(ARTIFACTS, { recursive: true });
    await rowOn(pb.page, 'demo:2').screenshot({ path: join(ARTIFACTS, 'presence-row-drafting.png') });
    await pb.page.screenshot({ path: join(ARTIFACTS, 'presence-seat-b.png') });

    // A's own screen shows no dot of its own; A moves on: the dot moves with it.
    expect(await pa.page.locator('[data-testid="presence-dot"][data-agent="ann"]').count()).toBe(0);
    // ...but it sees bob, who has the same mention open.
    await rowOn(pa.page, 'demo:2').locator('[data-testid="presence-dot"][data-agent="bob"]').waitFor({ timeout: 2000 });
    await rowOn(pa.page, 'demo:3').click();
    await dotOn('demo:3').waitFor({ timeout: 2000 });
    await expect(dotOn('demo:2').count()).resolves.toBe(0);
    await rowOn(pb.page, 'demo:3').screenshot({ path: join(ARTIFACTS, 'presence-row-viewing.png') });

    // B's assign picker lists the roster: both agents.
    await pb.page.keyboard.press('Escape');
    await pb.page.locator('[data-testid="mention-row"]').first().click();
    await pb.page.keyboard.press('a');
    const picker = pb.page.getByRole('dialog', { name: /Assign/ });
    await picker.getByRole('option', { name: /ann/ }).waitFor({ timeout: 5000 });
    const options = await picker.getByRole('option').allTextContents();
    expect(options).toEqual(['Me — bob take it', 'ann agent', 'Nobody unassign']);
    console.log(`presence e2e: seat B showed seat A's dot ${seenAfterMs} ms after A opened the mention`);
  }, 120_000);
});
