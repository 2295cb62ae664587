/**
 * Issue 8: a renderer rebuilding 100,000 mentions from position 0 (an empty browser profile opening
 * a seat whose log holds them), mentions per second, against a raw IndexedDB put of the same records
 * into a fresh store with the same indexes in the same run.
 *
 * Issue 11: then, with those 100,000 stored, how long a polled mention takes to show in the inbox:
 * from the moment a feed poll receives it to the moment its row is in the page (p95 of 20).
 */
import type { Page } from 'playwright-core';
import { backlogIntoBrowser } from './delivery.bench';
import { startGrowingFeed, type GrowingFeed } from './growing-feed';

const SAMPLES = Number(process.env.BENCH_POLLED_SAMPLES ?? 20);
const POLL_SECONDS = 5; // the shortest interval a feed source may have

/** Rows first seen in the page, by item number, with the page clock (same machine: same wall clock). */
const WATCH_ROWS = `(() => {
  window.__seen = {};
  const look = () => {
    for (const row of document.querySelectorAll('[data-testid="mention-row"]')) {
      const m = /quokka-(\\d+)/.exec(row.textContent || '');
      if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = Date.now();
    }
  };
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
  look();
})()`;

async function polledVisible(page: Page, feed: GrowingFeed): Promise<{ samples: number[]; missed: number; p50Ms: number; p95Ms: number; maxMs: number }> {
  await page.evaluate(WATCH_ROWS);
  const samples: number[] = [];
  let missed = 0;
  for (let n = 1; n <= SAMPLES; n++) {
    feed.add(n);
    const until = Date.now() + 60_000;
    let seen: number | undefined;
    while (Date.now() < until) {
      seen = (await page.evaluate(`window.__seen[${n}]`)) as number | undefined;
      if (seen !== undefined && feed.servedAt(n) !== undefined) break;
      await page.waitForTimeout(100);
    }
    const served = feed.servedAt(n);
    if (seen === undefined || served === undefined) {
      // Counted as a miss (and as a minute in the percentiles): the figure must not hide it.
      process.stderr.write(`rebuild bench: polled item ${n} did not show within 60 s\n`);
      missed++;
      samples.push(60_000);
      continue;
    }
    samples.push(seen - served);
    // The next item goes in just after a poll, so each waits a whole interval, like real traffic.
    await page.waitForTimeout(POLL_SECONDS * 1000 * 0.2);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { samples, missed, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1]! };
}

export async function run(): Promise<Record<string, unknown>> {
  const feed = await startGrowingFeed();
  let polled: Awaited<ReturnType<typeof polledVisible>> | undefined;
  try {
    const rebuild = await backlogIntoBrowser(Number(process.env.BENCH_REBUILD_TOTAL ?? 100_000), true, {
      sources: [{ id: 'bench-feed', kind: 'feed', label: 'Bench feed', url: feed.url, intervalSeconds: POLL_SECONDS, allowPrivateNetwork: true }],
      after: async (page) => {
        polled = await polledVisible(page, feed);
      },
    });
    return { rebuild100000: rebuild, polledVisible: polled ?? null };
  } finally {
    await feed.close();
  }
}
