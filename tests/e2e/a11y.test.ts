/**
 * Accessibility in Chromium against browser mode: axe-core (every rule it runs by default, so any
 * impact fails) on every screen the navigation offers, in light and dark, and on the inbox's states
 * (a mention open, reading mode, a bulk selection, each dialog and menu). The screens come from the
 * navigation itself, so a screen added there is checked without touching this file.
 * Also: the inbox is one tab stop whose arrows move the open mention, rows are named with their
 * essentials, and the layout holds at 200% zoom. Screenshots and the axe report go to test-results/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { startWeb, launchBrowser, waitFor, tempDir, writeConfig, ARTIFACTS, type WebProcess, type LaunchedBrowser } from './harness';

interface Violation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}
interface StateResult {
  theme: string;
  state: string;
  violations: Violation[];
}

let web: WebProcess;
let browser: LaunchedBrowser;
let page: Page;
const results: StateResult[] = [];

const rows = (p: Page) => p.locator('[data-testid="mention-row"]');
const shot = (name: string) => join(ARTIFACTS, name);

/** Runs axe on the whole document (injected through the debugger protocol: the page's CSP refuses inline scripts). */
async function audit(theme: string, state: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(axe.source);
  // Let transitions and live counts settle; axe judges colours as drawn.
  await page.waitForTimeout(250);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as Violation[];
  results.push({ theme, state, violations: found });
}

/** The screens as the navigation lists them. */
async function screens(): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const names = await nav.getByRole('button').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\d+$/, '').replace(/^\W+/, '').trim()));
  return names.filter(Boolean);
}

async function goTo(screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen, exact: false }).first().click();
  await page.locator('h1').first().waitFor({ timeout: 3_000 }).catch(() => undefined);
  if (screen === 'Fairness') await reportSettled();
  await page.waitForTimeout(400);
}

/**
 * The Fairness report as a lead reads it: its first visit writes the demo history and the report is
 * worked out again once that is in, its body faded meanwhile (a stale report, dimmed on purpose).
 * Audited faded, its text fails contrast (one CI run: 279 nodes, the disclosures opened just as the
 * history came in), so each audit of it waits for the report on the history, not being worked out.
 */
async function reportSettled(): Promise<void> {
  await page.getByTestId('demo-history-note').waitFor({ timeout: 60_000 });
  await waitFor('the demo report', () => page.getByTestId('report-verdict').getAttribute('data-warning').catch(() => null), (w) => w === 'true', 60_000);
  await page.locator('[data-testid="fairness-report"][aria-busy="false"]').waitFor({ timeout: 30_000 });
}

async function openInbox(): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Inbox/ }).click();
  await rows(page).first().waitFor();
}

async function pressInList(key: string): Promise<void> {
  await page.getByRole('listbox', { name: /Inbox/ }).focus();
  await page.keyboard.press(key);
}

/** Each inbox state: how to get there and how to leave it again. */
const INBOX_STATES: Array<{ name: string; enter(): Promise<void>; leave(): Promise<void> }> = [
  {
    name: 'inbox, a mention open',
    enter: async () => {
      await rows(page).first().click();
      await page.getByTestId('thread').waitFor();
    },
    leave: async () => undefined,
  },
  {
    name: 'inbox, reading mode',
    enter: async () => {
      await pressInList('Enter');
      await page.locator('.panes-reading').waitFor();
    },
    leave: async () => {
      await page.keyboard.press('Escape');
      await page.locator('.panes-reading').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'shortcuts dialog',
    enter: async () => {
      await pressInList('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
    leave: () => page.keyboard.press('Escape'),
  },
  {
    name: 'assign picker',
    enter: async () => {
      await pressInList('a');
      await page.getByRole('dialog', { name: /Assign/ }).waitFor();
    },
    leave: () => page.keyboard.press('Escape'),
  },
  {
    name: 'tag picker',
    enter: async () => {
      await pressInList('t');
      await page.getByRole('dialog', { name: /Tag/ }).waitFor();
    },
    leave: () => page.keyboard.press('Escape'),
  },
  {
    name: 'saved replies menu',
    enter: async () => {
      await page.getByTestId('reply-input').focus();
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog', { name: 'Saved replies' }).waitFor();
    },
    leave: async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Saved replies' }).waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'export menu',
    enter: async () => {
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('menu').waitFor();
    },
    leave: () => page.keyboard.press('Escape'),
  },
  {
    name: 'bulk selection',
    enter: async () => {
      await pressInList('x');
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      await page.getByTestId('bulk-bar').waitFor();
    },
    leave: async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'save-view dialog',
    enter: async () => {
      await page.getByRole('searchbox').or(page.getByPlaceholder(/Search/)).first().fill('a');
      await page.getByRole('button', { name: 'Save view…' }).click();
      await page.getByRole('dialog', { name: 'Save view' }).waitFor();
    },
    leave: async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Reset' }).click();
    },
  },
  {
    name: 'skip-reason dialog',
    enter: async () => {
      // Answer the third due: the two above it are passed over, and the guard asks why.
      const third = rows(page).nth(2);
      const id = await third.getAttribute('data-mention-id');
      await third.click();
      // Type only once its conversation is open: text typed into the previous one's box stays there.
      await page.locator(`[data-testid="thread-message"][data-mention-id="${id}"]`).first().waitFor();
      await page.getByTestId('reply-input').fill('Thanks, we are looking into it.');
      await page.getByTestId('reply-send').click();
      await page.getByTestId('skip-dialog').waitFor();
    },
    leave: async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('skip-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('reply-input').fill('');
    },
  },
];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = tempDir('a11y');
  const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', backlog: 20, limit: 20, intervalSeconds: 3600 }] });
  web = await startWeb({ dataDir, config });
  ({ browser, page } = await launchBrowser());
  await page.goto(web.url);
  await waitFor('the demo mentions', () => rows(page).count(), (n) => n >= 12, 30_000);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('accessibility, end to end', () => {
  it('axe finds no violation on any screen or inbox state, in light and dark', async () => {
    const listed = await screens();
    expect(listed).toEqual(expect.arrayContaining(['Inbox', 'Fairness', 'Sources', 'SLA policy', 'Settings']));
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const screen of listed) {
        await goTo(screen);
        await audit(theme, screen);
        await page.screenshot({ path: shot(`a11y-${theme}-${screen.toLowerCase().replace(/\W+/g, '-')}.png`) });
        // Disclosures (a chart's figures) open too: what they hold is checked as well.
        const summaries = await page.locator('main details > summary').all();
        if (summaries.length > 0) {
          for (const summary of summaries) await summary.click();
          if (screen === 'Fairness') await reportSettled();
          await audit(theme, `${screen}, disclosures open`);
        }
      }
      await openInbox();
      for (const s of INBOX_STATES) {
        await s.enter();
        await audit(theme, s.name);
        if (theme === 'dark') await page.screenshot({ path: shot(`a11y-dark-${s.name.replace(/\W+/g, '-')}.png`) });
        await s.leave();
      }
    }
    const summary = results.map((r) => ({ theme: r.theme, state: r.state, rules: r.violations.map((v) => `${v.id}(${v.impact}) x${v.nodes.length}`).join(', ') || 'none' }));
    writeFileSync(shot('a11y-axe.json'), JSON.stringify({ summary, results }, null, 2));
    console.log(`axe: ${listed.length} screens + ${INBOX_STATES.length} inbox states (+ ${results.length / 2 - listed.length - INBOX_STATES.length} with disclosures open), x 2 themes = ${results.length} runs`);
    console.table(summary);
    const failing = results.filter((r) => r.violations.length > 0);
    expect(failing.map((r) => `${r.theme} / ${r.state}: ${r.violations.map((v) => `${v.id} x${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`).join('; ')}`)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(2 * (listed.length + INBOX_STATES.length));
  }, 600_000);

  it('the inbox is one tab stop; j/k move its active descendant; rows and the thread are named for a screen reader', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await openInbox();
    const list = page.getByRole('listbox', { name: /Inbox/ });
    await rows(page).first().click();
    await list.focus();
    const active = (): Promise<string | null> => list.getAttribute('aria-activedescendant');
    const first = await active();
    expect(first).toMatch(/^mention-row-/);
    await page.keyboard.press('j');
    await expect.poll(active).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(active).toBe(first);
    // Tab leaves the list at once: no row and nothing inside a row is a tab stop.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.closest("[role=listbox]") === null')).toBe(true);

    const listTree = await list.ariaSnapshot();
    const names = [...listTree.matchAll(/- option "([^"]+)"/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const n of names.slice(0, 10)) expect(n).toMatch(/ on (X|App Store|Reddit|Mastodon|Hacker News|Google Alerts|Feed|Demo), (due in |.+ over|waiting|resolved|marked)/);
    const threadTree = await page.getByTestId('thread').ariaSnapshot();
    expect(threadTree).toMatch(/button "Resolve e"/);
    expect(threadTree).toMatch(/textbox/);
    writeFileSync(shot('a11y-names.txt'), `First ten inbox rows:\n${names.slice(0, 10).map((n, i) => `${i + 1}. ${n}`).join('\n')}\n\nThe open thread:\n${threadTree}\n`);
  });

  it('works at 200% zoom (half the window in CSS pixels) and without motion', async () => {
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    // Page code as text: this file has no DOM types.
    const duration = await page.evaluate(`getComputedStyle(document.querySelector('[role="listbox"]')).transitionDuration`);
    expect(duration).toBe('0s');
    await page.setViewportSize({ width: 700, height: 430 });
    const listed = await screens();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      for (const screen of listed) {
        await goTo(screen);
        // Reflow: nothing wider than the window, so no sideways scrolling.
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        expect(overflow, `${screen} at 200% scrolls sideways`).toBeLessThanOrEqual(0);
        await audit(`${theme} 200%`, screen);
        await page.screenshot({ path: shot(`a11y-200pct-${theme}-${screen.toLowerCase().replace(/\W+/g, '-')}.png`) });
      }
      await openInbox();
      await rows(page).first().click();
      await expect.poll(() => page.getByTestId('next-due').isVisible()).toBe(true);
      await page.getByTestId('reply-input').scrollIntoViewIfNeeded();
      expect(await page.getByTestId('reply-input').isVisible()).toBe(true);
      await audit(`${theme} 200%`, 'inbox, a mention open');
      await page.screenshot({ path: shot(`a11y-200pct-${theme}-inbox-open.png`) });
    }
    const failing = results.filter((r) => r.theme.endsWith('200%') && r.violations.length > 0);
    expect(failing.map((r) => `${r.theme} / ${r.state}: ${r.violations.map((v) => `${v.id} x${v.nodes.length} (${v.nodes[0]?.target.join(' ')})`).join('; ')}`)).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 860 });
  }, 300_000);
});
