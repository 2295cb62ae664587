/**
 * The inbox list scrolls on the compositor: in Chromium against browser mode, with 2,000 mentions
 * stored, the list has its own scrolling layer (an opaque scroller; a transparent one is painted and
 * rasterised again on every scroll step), looks as it did (the pane's colour behind the rows), and
 * rows scrolled to far down are drawn with their data, in order. A screenshot goes to test-results/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startWeb, launchBrowser, tempDir, writeConfig, waitFor, ARTIFACTS, type WebProcess, type LaunchedBrowser } from './harness';
import { generate, writeSeed } from '../bench/inbox-data';

const TOTAL = 2000;
let web: WebProcess;
let browser: LaunchedBrowser;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  const dataDir = tempDir('inbox-scroll');
  web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [] }) });
  ({ browser, page } = await launchBrowser());
  await page.goto(web.url);
  await page.locator('[data-testid="inbox-empty"]').waitFor({ timeout: 60_000 });
  await writeSeed(page, await generate(TOTAL, Date.now()));
  await page.reload();
  await page.locator('[data-testid="inbox"][data-state="complete"]').waitFor({ timeout: 60_000 });
  cdp = await page.context().newCDPSession(page);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

interface Layer {
  layerId: string;
  backendNodeId?: number;
  width: number;
  height: number;
}

/** The compositing layers drawn for one DOM node and why each exists (Chromium's LayerTree domain). */
async function layersOf(backendNodeId: number): Promise<Array<Layer & { reasons: string[] }>> {
  const changed = new Promise<{ layers?: Layer[] }>((res) => cdp.once('LayerTree.layerTreeDidChange', res));
  await cdp.send('LayerTree.enable');
  // The layers come with the next change of the layer tree: a one-pixel scroll makes one.
  await page.evaluate(`document.querySelector('.inbox .list').scrollTop += 1`);
  const { layers: all = [] } = await changed;
  const out = [];
  for (const l of all.filter((x) => x.backendNodeId === backendNodeId)) {
    const r = (await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId })) as { compositingReasonIds?: string[] };
    out.push({ ...l, reasons: r.compositingReasonIds ?? [] });
  }
  await cdp.send('LayerTree.disable');
  return out;
}

describe('the inbox list scrolls on the compositor', () => {
  it('the list has its own scrolling layer, as tall as every row', async () => {
    const { result } = (await cdp.send('Runtime.evaluate', { expression: `document.querySelector('.inbox .list')` })) as { result: { objectId: string } };
    const { node } = (await cdp.send('DOM.describeNode', { objectId: result.objectId })) as { node: { backendNodeId: number } };
    const mine = await layersOf(node.backendNodeId);
    expect(mine.some((l) => l.reasons.includes('OverflowScrolling'))).toBe(true);
    const openRows = Number((await page.locator('[data-testid="inbox-count"]').textContent())!.split(' ')[0]!.replace(/,/g, ''));
    expect(openRows).toBeGreaterThan(100);
    expect(mine.some((l) => l.height === openRows * 64)).toBe(true);
  });

  it('looks as before: the pane colour behind the rows', async () => {
    const [list, pane] = (await page.evaluate(`[getComputedStyle(document.querySelector('.inbox .list')).backgroundColor, getComputedStyle(document.querySelector('.inbox')).backgroundColor]`)) as string[];
    expect(list).toBe(pane);
    expect(list).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('rows scrolled to far down are drawn with their data, in order', async () => {
    await page.evaluate(`(() => { const l = document.querySelector('.inbox .list'); l.scrollTop = l.scrollHeight / 2; })()`);
    // Polled from here: the page's CSP refuses the string functions waitForFunction would run.
    await waitFor('rows drawn with their data', () => page.evaluate(`[...document.querySelectorAll('[data-testid="mention-row"]')].every((r) => r.querySelector('.author'))`), Boolean, 10_000, 50);
    const pos = (await page.locator('[data-testid="mention-row"]').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('aria-posinset'))))).sort((a, b) => a - b);
    expect(pos[0]).toBeGreaterThan(100);
    expect(pos.every((p, i) => i === 0 || p === pos[i - 1]! + 1)).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-scrolled.png') });
  });
});
