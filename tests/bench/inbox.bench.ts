/**
 * The inbox at 200,000 stored mentions, in Chromium against browser mode: time from opening the app
 * to a usable list, time to apply filters, and scroll smoothness (frame times while flinging the list
 * and while jumping around with the scrollbar). `BENCH_MENTIONS` changes the size (default 200000).
 * Writes tests/bench/results/inbox.json through the runner (npm run bench -- inbox).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startWeb, launchBrowser, tempDir, writeConfig, ARTIFACTS } from '../e2e/harness';
import { generate, writeSeed } from './inbox-data';
import { PAGE_MEASURE_FILTER, PAGE_SCROLL, PAGE_JUMPS, PAGE_BASELINE, PAGE_IDLE_FRAMES } from './inbox-page';
import { SEARCH_DEBOUNCE_MS } from '../../src-renderer/inbox/search-debounce';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 200_000);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Math.round(x * 10) / 10;

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-inbox');
  const config = writeConfig(dataDir, { sources: [] });
  const web = await startWeb({ dataDir, config });
  const { browser, page } = await launchBrowser();
  const log = (s: string): void => void process.stderr.write(`inbox bench: ${s}\n`);
  try {
    await page.goto(web.url);
    await page.locator('[data-testid="inbox-empty"]').waitFor({ timeout: 60_000 });

    let t = Date.now();
    const seed = await generate(TOTAL, Date.now());
    const generateMs = Date.now() - t;
    t = Date.now();
    await writeSeed(page, seed, (n) => n % 20_000 === 0 && log(`stored ${n}`));
    const storeMs = Date.now() - t;
    log(`stored ${TOTAL} mentions (${seed.open} open) in ${storeMs} ms`);

    // Open: navigation start to the first row drawn with its data (the list usable), and to the
    // whole queue counted, three times.
    const opens: number[] = [];
    const opensComplete: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await page.locator('[data-testid="mention-row"] .author').first().waitFor({ timeout: 120_000 });
      opens.push((await page.evaluate('performance.now()')) as number);
      await page.locator('[data-testid="inbox"][data-state="complete"]').waitFor({ timeout: 120_000 });
      opensComplete.push((await page.evaluate('performance.now()')) as number);
    }
    const count = await page.locator('[data-testid="inbox-count"]').textContent();
    log(`open: first rows ${opens.map(Math.round).join(', ')} ms; complete ${opensComplete.map(Math.round).join(', ')} ms (${count})`);
    await page.waitForTimeout(1500); // let the unread counts and filter choices settle

    // The renderer's JS heap with every mention stored and the inbox open, after a garbage collection
    // (what stays, not what a GC would free anyway).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    await cdp.detach();
    const heapMB = { usedMB: round(heap.usedSize / 2 ** 20), totalMB: round(heap.totalSize / 2 ** 20), note: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, inbox open on every stored mention' };
    log(`heap: ${JSON.stringify(heapMB)}`);

    const filters: Record<string, { firstRowsMs: number; completeMs: number; result: string }> = {};
    const measure = async (name: string, action: unknown): Promise<void> => {
      const r = (await page.evaluate(`${PAGE_MEASURE_FILTER}(${JSON.stringify(action)})`)) as { firstRowsMs: number; completeMs: number; count: string };
      filters[name] = { firstRowsMs: round(r.firstRowsMs), completeMs: round(r.completeMs), result: r.count.split(' in ')[0]! };
      log(`filter ${name}: first rows ${Math.round(r.firstRowsMs)} ms, complete ${Math.round(r.completeMs)} ms → ${r.count}`);
      await page.waitForTimeout(400);
    };
    await measure('channel=reddit', { select: 'Channel', value: 'reddit' });
    await measure('channel=any', { select: 'Channel', value: '' });
    await measure('tag=outage', { select: 'Tag', value: 'outage' });
    await measure('tag=any', { select: 'Tag', value: '' });
    await measure('assignee=mk', { select: 'Assignee', value: 'agent:mk' });
    await measure('assignee=any', { select: 'Assignee', value: '' });
    await measure(`search "refund" (incl. ${SEARCH_DEBOUNCE_MS} ms typing debounce)`, { search: 'refund' });
    await measure('search cleared', { search: '' });
    await measure('status +resolved (all 5 statuses after +noise)', { chip: 'resolved' });
    await measure('status +noise: every mention', { chip: 'noise' });
    const allCount = await page.locator('[data-testid="inbox-count"]').textContent();

    const scrollAll = (await page.evaluate(`${PAGE_SCROLL}({ seconds: 4, pxPerFrame: 90 })`)) as Record<string, number>;
    log(`scroll (${allCount}): ${JSON.stringify(scrollAll)}`);
    const jumpsAll = (await page.evaluate(`${PAGE_JUMPS}({ jumps: 15 })`)) as Record<string, number>;
    log(`jumps: ${JSON.stringify(jumpsAll)}`);
    await page.locator('[data-testid="view-open"]').click();
    await page.waitForTimeout(800);
    const scrollOpen = (await page.evaluate(`${PAGE_SCROLL}({ seconds: 4, pxPerFrame: 90 })`)) as Record<string, number>;
    log(`scroll (open view): ${JSON.stringify(scrollOpen)}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'bench-inbox-200k.png') });
    const baseline = (await page.evaluate(`${PAGE_BASELINE}({ rows: 4000, seconds: 4, pxPerFrame: 90 })`)) as Record<string, number>;
    log(`baseline (static rows, no app code): ${JSON.stringify(baseline)}`);
    const idleFrames = (await page.evaluate(`${PAGE_IDLE_FRAMES}({ seconds: 3 })`)) as Record<string, unknown>;
    log(`idle frames (nothing scrolled): ${JSON.stringify(idleFrames)}`);

    return {
      mentions: TOTAL,
      openMentions: seed.open,
      seed: { generateMs, storeMs, mentionsPerSecond: Math.round((TOTAL / storeMs) * 1000) },
      openToUsableListMs: { median: round(median(opens)), runs: opens.map(round), note: 'navigation start to the first rows drawn with their records, default view "All open" (keys work from here)' },
      openToCompleteListMs: { median: round(median(opensComplete)), runs: opensComplete.map(round), note: 'navigation start until every id of the view is read (the count is final)' },
      heap: heapMB,
      applyFilterMs: filters,
      scrollAllMentions: { view: allCount, ...scrollAll },
      scrollbarJumpsAllMentions: jumpsAll,
      scrollOpenView: scrollOpen,
      scrollPlainDomForComparison: { note: 'the same fling over 4,000 plain DOM rows, not virtualized, no app code: what virtualization saves', ...baseline },
      idleFramesForComparison: { note: 'requestAnimationFrame timestamps with nothing scrolled, as the fling reads them: the floor of a frame time here', ...idleFrames },
    };
  } finally {
    await browser.close();
    await web.stop();
  }
}
