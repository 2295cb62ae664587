/**
 * Delivery throughput: how long a backlog takes from the core's log into the browser's IndexedDB
 * (Maya's Monday: 1,400 mentions waiting), and how fast the journal log appends with fsync.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLog } from '../../src-main/log/journal-log';
import { mentionEntry } from '../../src-main/shared/log-entry';
import { startWeb, launchBrowser, countStored, tempDir, writeConfig } from '../e2e/harness';
import type { Mention } from '../../src-main/shared/mention';
import type { Page } from 'playwright-core';
import { PAGE_RAW_RUN, PAGE_RAW_SETUP } from './raw-idb-page';
import { cpuOfChildren, cpuSpent, pageOnlyPuts, type CpuByKind } from './process-cpu';

/** The log position the page has applied (one meta key; 0 before the first batch). */
const APPLIED_POSITION = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  if (!Array.from(db.objectStoreNames).includes('meta')) { db.close(); return 0; }
  const row = await new Promise((res, rej) => { const r = db.transaction('meta', 'readonly').objectStore('meta').get('position'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  db.close();
  return row && row.value && typeof row.value.position === 'number' ? row.value.position : 0;
})()`;

/** One meta key read per poll: cheap enough to poll often, so the end is timed within this. */
const POLL_MS = 100;

interface Stored {
  /** Date.now() of the poll that first saw the last batch applied. */
  doneAt: number;
  /** The first poll, right after the first row showed: the position applied then, and when. */
  first: { at: number; position: number };
}

/**
 * When the whole backlog was stored, and where the first poll found it. Polls the applied position,
 * one key, every POLL_MS (250 ms until stop 30); the store is counted only when the position has not
 * moved since the last poll, to confirm. Until stop 29 the bench counted the store every 250 ms:
 * IndexedDB walks every record to count (about 0.1 s at 20,000 on disk), so the probe took a good
 * share of the database from the writes it timed, a cost the raw put it is compared with never had.
 */
async function backlogStoredAt(page: Page, total: number, timeoutMs: number): Promise<Stored> {
  const start = Date.now();
  let position = -1;
  let movedAt = start;
  let first: Stored['first'] | undefined;
  while (Date.now() - start < timeoutMs) {
    const now = (await page.evaluate(APPLIED_POSITION)) as number;
    first ??= { at: Date.now(), position: now };
    if (now !== position) {
      position = now;
      movedAt = Date.now();
    } else if (position > 0 && (await countStored(page)) >= total) return { doneAt: movedAt, first };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`the whole backlog was not stored within ${timeoutMs} ms`);
}

function mention(n: number): Mention {
  return {
    id: `bench:${n}`,
    sourceId: 'bench',
    channel: 'x',
    text: `@AcmeAir mention number ${n}, about a delayed flight and a lost bag, long enough to be realistic for a tweet.`,
    createdAt: new Date(Date.UTC(2026, 10, 20, 12, 0, 0) + n * 1000).toISOString(),
    author: { key: `x:${n % 5000}`, handle: `user${n % 5000}`, name: `User ${n % 5000}`, followers: n % 100000, verified: false },
    reach: { score: 20, tier: 'everyday' },
    lang: 'en',
    conversationId: String(n),
  };
}

async function journalThroughput(total: number, perAppend: number): Promise<number> {
  const box = await JournalLog.open(mkdtempSync(join(tmpdir(), 'earshot-bench-')));
  const t0 = performance.now();
  for (let i = 0; i < total; i += perAppend) await box.append(Array.from({ length: perAppend }, (_, k) => mentionEntry(mention(i + k))));
  const ms = performance.now() - t0;
  await box.close();
  return Math.round((total / ms) * 1000);
}

interface Backlog {
  firstRowMs: number;
  allMs: number;
  mentionsPerSecond: number;
  /** The machine's 1-minute load average when the page was opened and when all was stored (figures move a lot with it). */
  load?: { atStart: number; atEnd: number };
  /**
   * How long the page's main thread ran tasks from opening the page until all was stored (Chromium's
   * TaskDuration; work in workers not included): what the window had left for drawing the inbox.
   */
  mainThreadBusyMs?: number;
  /**
   * CPU seconds by process from opening the page until all was stored (Linux's /proc, read after the
   * confirming count, a poll or two after the last write): `browser` holds IndexedDB's backend,
   * `renderer` the page and its workers, `core` Earshot's main; `cores`, the machine's cores they
   * kept busy on average. The raw put's own, from its first put to its `complete`, is
   * `raw.rawAllIndexesCpu`.
   */
  cpu?: { seconds: CpuByKind; cores: number };
  /** Set when the whole backlog was not in within the wait: how far it got. */
  unfinished?: { stored: number; afterMs: number };
  /**
   * From the first poll after the first row (the page loaded, the database open, the first batch
   * written) to the last batch: the writes alone, as the raw put is timed; `allMs` also holds the
   * page's start (first row after 1.8-3.5 s in stop 30's runs), which the raw put never pays.
   */
  afterFirstRow?: { mentions: number; ms: number; mentionsPerSecond: number };
  /** The same records put into a fresh store with the same indexes in one raw transaction (issue 11). */
  raw?: {
    records: number;
    indexes: string[];
    rawAllIndexesMs: number;
    rawWithoutWordsMs: number;
    rawMentionsPerSecond: number;
    earshotOverRaw: number;
    afterFirstRowOverRaw: number;
    /** The same puts in transactions of 2,000, one after another, as delivery commits a backlog. */
    rawPagedMs: number;
    afterFirstRowOverRawPaged: number;
    /** The same with the `search` rows in the transaction, as the app writes them (schemas with that store). */
    searchRows?: number;
    rawWithSearchRowsMs?: number;
    /** CPU seconds by process over the one-transaction put alone, and the cores they kept busy. */
    rawAllIndexesCpu?: { seconds: CpuByKind; cores: number };
    /**
     * The raw put's CPU seconds over Earshot's (`cpu`), all processes: with both keeping the machine's
     * cores busy, roughly the best `earshotOverRaw` Earshot's CPU allows on this machine. Earshot's
     * seconds run to a poll or two after its last write (the backend's work after that commit
     * included), the raw put's to its `complete`: a little in the raw put's favour.
     */
    cpuBoundRatio?: number;
    /**
     * The same ratio as if Earshot's page and workers had spent only what the raw put's page spent
     * (serializing the same puts), everything else as measured: its browser process (IndexedDB's
     * backend, also serving the page and the socket, committing a batch at a time with the search and
     * journal rows), the core reading and sending the log. The best ratio any work in the page could
     * reach on this machine: under 0.9, the target is out of reach here however little the page does.
     */
    pageOnlyPutsBound?: number;
  };
}

export async function backlogIntoBrowser(
  total: number,
  compareRaw = false,
  more: { sources?: unknown[]; after?: (page: Page) => Promise<void> } = {},
): Promise<Backlog> {
  const dataDir = tempDir('bench-delivery');
  const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 3600, backlog: total, limit: total }, ...(more.sources ?? [])] });
  const web = await startWeb({ dataDir, config, startTimeoutMs: 180_000 });
  // Let the core journal the whole backlog first: we measure delivery, not polling.
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_JOURNAL_WAIT_MS ?? Math.max(1500, total / 4))));
  const { browser, page } = await launchBrowser();
  try {
    const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // The page's errors and warnings, kept to explain a first row that never comes (one rebuild run
    // showed none in 60 s and could not be repeated).
    const said: string[] = [];
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && said.push(`${m.type()}: ${m.text().slice(0, 300)}`));
    page.on('pageerror', (e) => said.push(`pageerror: ${String(e).slice(0, 300)}`));
    const cpuAtStart = cpuOfChildren();
    const t0 = Date.now();
    await page.goto(web.url);
    try {
      await page.locator('[data-testid="mention-row"]').first().waitFor({ timeout: 60_000 });
    } catch (e) {
      const shot = join(mkdtempSync(join(tmpdir(), 'bench-first-row-')), 'page.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      const stored = await countStored(page).catch(() => -1);
      throw new Error(`no inbox row within 60 s (${stored} mentions stored; screenshot ${shot}); the page said: ${said.slice(-20).join(' | ') || 'nothing'}`, { cause: e });
    }
    const firstRowMs = Date.now() - t0;
    let stored: Stored;
    try {
      stored = await backlogStoredAt(page, total, 600_000);
    } catch {
      // Too slow to finish here: say how far it got, which is the figure that matters.
      const got = await countStored(page);
      const ms = Date.now() - t0;
      process.stderr.write(`delivery bench: ${got} of ${total} after ${ms} ms\n`);
      return { firstRowMs, allMs: NaN, mentionsPerSecond: Math.round((got / ms) * 1000), unfinished: { stored: got, afterMs: ms } };
    }
    const allMs = stored.doneAt - t0;
    const cpu = cpuSpent(cpuAtStart, cpuOfChildren(), allMs);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value;
    const out: Backlog = { firstRowMs, allMs, mentionsPerSecond: Math.round((total / allMs) * 1000), load: { atStart: loadAtStart, atEnd: Math.round(loadavg()[0]! * 100) / 100 } };
    const later = { mentions: total - stored.first.position, ms: stored.doneAt - stored.first.at };
    if (later.mentions > 0 && later.ms > 0) out.afterFirstRow = { ...later, mentionsPerSecond: Math.round((later.mentions / later.ms) * 1000) };
    if (taskSeconds !== undefined) out.mainThreadBusyMs = Math.round(taskSeconds * 1000);
    if (cpu) out.cpu = cpu;
    process.stderr.write(`delivery bench: ${total} in ${allMs} ms (${out.mentionsPerSecond}/s; after the first row ${JSON.stringify(out.afterFirstRow)}), main thread busy ${out.mainThreadBusyMs} ms, CPU ${JSON.stringify(cpu)}\n`);
    if (more.after) await more.after(page);
    if (compareRaw) {
      // Let the app finish its follow-up writes first, so the raw put does not share the disk with them.
      await page.waitForTimeout(2000);
      out.raw = await rawPuts(page, out, cpu);
      process.stderr.write(`delivery bench: earshot ${out.mentionsPerSecond}/s, raw ${out.raw.rawMentionsPerSecond}/s (${JSON.stringify(out.raw)})\n`);
    }
    return out;
  } finally {
    await browser.close();
    await web.stop();
  }
}

/** A raw run's milliseconds, and the CPU the machine spent from its first put to its `complete`. */
async function rawRun(page: Page, kind: 'all' | 'noWords' | 'search' | 'paged'): Promise<{ ms: number; cpu?: { seconds: CpuByKind; cores: number } }> {
  await page.evaluate(`${PAGE_RAW_RUN}(${JSON.stringify(kind)}, 'prepare')`);
  const before = cpuOfChildren();
  const t0 = Date.now();
  const ms = (await page.evaluate(`${PAGE_RAW_RUN}(${JSON.stringify(kind)}, 'put')`)) as number;
  const cpu = cpuSpent(before, cpuOfChildren(), Date.now() - t0);
  await page.evaluate(`${PAGE_RAW_RUN}(${JSON.stringify(kind)}, 'drop')`);
  return { ms, ...(cpu ? { cpu } : {}) };
}

const sumSeconds = (c: { seconds: CpuByKind } | undefined): number | undefined => (c ? Object.values(c.seconds).reduce((a, b) => a + b, 0) : undefined);

/**
 * The raw-IndexedDB yardstick (raw-idb-page.ts) on the records this run stored, with the CPU each
 * put cost. Both sides keep this 2-core machine's cores busy (the backend in the browser process,
 * the page), so their times stand roughly as their CPU seconds: `cpuBoundRatio`, the raw put's
 * CPU seconds over Earshot's, is about the best ratio Earshot's CPU allows it here.
 */
async function rawPuts(page: Page, out: Backlog, cpu: Backlog['cpu']): Promise<NonNullable<Backlog['raw']>> {
  const setup = (await page.evaluate(`${PAGE_RAW_SETUP}()`)) as { records: number; indexes: string[]; hasWords: boolean; hasSearch: boolean; searchRows: number };
  const all = await rawRun(page, 'all');
  const noWords = setup.hasWords ? await rawRun(page, 'noWords') : all;
  const search = setup.hasSearch ? await rawRun(page, 'search') : undefined;
  const paged = await rawRun(page, 'paged');
  const rawPerSecond = (setup.records / all.ms) * 1000;
  const pagedPerSecond = (setup.records / paged.ms) * 1000;
  const ratio = (a: number | undefined, b: number | undefined): number => (a === undefined || b === undefined ? NaN : Math.round((a / b) * 100) / 100);
  return {
    records: setup.records,
    indexes: setup.indexes,
    rawAllIndexesMs: Math.round(all.ms),
    rawWithoutWordsMs: Math.round(noWords.ms),
    ...(search ? { searchRows: setup.searchRows, rawWithSearchRowsMs: Math.round(search.ms) } : {}),
    rawMentionsPerSecond: Math.round(rawPerSecond),
    earshotOverRaw: ratio(out.mentionsPerSecond, rawPerSecond),
    afterFirstRowOverRaw: ratio(out.afterFirstRow?.mentionsPerSecond, rawPerSecond),
    rawPagedMs: Math.round(paged.ms),
    afterFirstRowOverRawPaged: ratio(out.afterFirstRow?.mentionsPerSecond, pagedPerSecond),
    ...(all.cpu ? { rawAllIndexesCpu: all.cpu } : {}),
    ...(all.cpu && cpu ? { cpuBoundRatio: ratio(sumSeconds(all.cpu), sumSeconds(cpu)), pageOnlyPutsBound: ratio(sumSeconds(all.cpu), pageOnlyPuts(cpu, all.cpu)) } : {}),
  };
}

/**
 * Runs of the 20,000 backlog, each with its own raw put: on this 2-core machine one run's ratio
 * moved from 0.47x to 0.75x across stops with the load, and the raw put by a third.
 */
const BACKLOG_RUNS = Number(process.env.BENCH_DELIVERY_RUNS ?? 3);

/** The run whose ratio is the median (the table reads it), and every run in short. */
export function medianRun(runs: readonly Backlog[]): { median: Backlog; runs: Array<Record<string, unknown>> } {
  const ratio = (b: Backlog): number => b.raw?.earshotOverRaw ?? -Infinity;
  const sorted = [...runs].sort((a, b) => ratio(a) - ratio(b));
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)]!,
    runs: runs.map((b) => ({
      allMs: b.allMs,
      afterFirstRowPerSecond: b.afterFirstRow?.mentionsPerSecond,
      rawAllIndexesMs: b.raw?.rawAllIndexesMs,
      rawPagedMs: b.raw?.rawPagedMs,
      earshotOverRaw: b.raw?.earshotOverRaw,
      afterFirstRowOverRaw: b.raw?.afterFirstRowOverRaw,
      load: b.load,
      cpu: b.cpu,
      rawCpu: b.raw?.rawAllIndexesCpu,
      cpuBoundRatio: b.raw?.cpuBoundRatio,
      pageOnlyPutsBound: b.raw?.pageOnlyPutsBound,
    })),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    journalMentionsPerSecond_100PerAppend: await journalThroughput(20_000, 100),
    journalMentionsPerSecond_1PerAppend: await journalThroughput(500, 1),
    backlog1400: await backlogIntoBrowser(1400),
  };
  const runs: Backlog[] = [];
  for (let i = 0; i < BACKLOG_RUNS; i++) runs.push(await backlogIntoBrowser(20_000, true));
  const { median, runs: each } = medianRun(runs);
  return { ...out, backlog20000: median, backlog20000Runs: each };
}
