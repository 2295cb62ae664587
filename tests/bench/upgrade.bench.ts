/**
 * The one-time upgrade of a profile to schema v7 (db/arrivals.ts: every arrival row of `events`
 * moved onto its mention, a new `arrival.at` index) over BENCH_MENTIONS mentions (200,000 unless
 * set): a database laid out as v6 left it (the app's own stores and indexes, without `arrival.at`,
 * arrivals as rows) is written straight to IndexedDB, then the app is opened on it. Measured: from
 * opening the app to its first inbox row (the upgrade runs inside the database open), against the
 * same start on the upgraded database; and a check that the upgrade did its work.
 * Writes tests/bench/results/upgrade.json through the runner (npm run bench -- upgrade).
 */
import { startWeb, launchBrowser, tempDir, writeConfig } from '../e2e/harness';
import { PAGE_WRITE_HISTORY } from './fairness-page';
import type { Page } from 'playwright-core';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 200_000);
const log = (s: string): void => void process.stderr.write(`upgrade bench: ${s}\n`);

/** Deletes the app's database (waiting for the app page's connection to go: `blocked` is not final) and creates it again at v6 (IndexedDB version 60: Dexie's times ten) with the same stores, less v7's index. */
const PAGE_MAKE_V6 = `(async () => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const db = await req(indexedDB.open('earshot'));
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const stores = names.map((n) => { const s = tx.objectStore(n); return { name: n, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes: [...s.indexNames].map((i) => { const x = s.index(i); return { name: i, keyPath: x.keyPath, unique: x.unique, multiEntry: x.multiEntry }; }) }; });
  const version = db.version;
  db.close();
  await new Promise((res, rej) => { const d = indexedDB.deleteDatabase('earshot'); d.onsuccess = res; d.onerror = () => rej(d.error); d.onblocked = () => setTimeout(() => rej(new Error('the database stayed open elsewhere')), 30000); });
  const open = indexedDB.open('earshot', 60);
  open.onupgradeneeded = () => {
    for (const s of stores) {
      const o = open.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      for (const i of s.indexes) if (!(s.name === 'mentions' && i.name === 'arrival.at')) o.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  };
  (await req(open)).close();
  return { from: version, stores: names.length };
})`;

/** After the upgrade: the database's version, mentions with an arrival (index), and arrival rows left in `events`. */
const PAGE_CHECK = `(async () => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const db = await req(indexedDB.open('earshot'));
  const tx = db.transaction(['mentions', 'events'], 'readonly');
  const withArrival = await req(tx.objectStore('mentions').index('arrival.at').count());
  const rows = await req(tx.objectStore('events').getAll(IDBKeyRange.bound('mention:', 'mention:\\uffff')));
  const version = db.version;
  db.close();
  return { version, withArrival, arrivalRowsLeft: rows.length };
})`;

async function firstRowMs(page: Page, url: string, shot?: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  // BENCH_SHOT=<file.png>: what the window shows 3 and 8 s into the upgrade (file-3s.png, file-8s.png).
  if (shot) for (const s of [3, 8]) await page.waitForTimeout(s === 3 ? 3000 : 5000).then(() => page.screenshot({ path: shot.replace(/\.png$/, `-${s}s.png`) }));
  await page.locator('[data-testid="mention-row"]').first().waitFor({ timeout: 1_800_000 });
  return Date.now() - t0;
}

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = tempDir('bench-upgrade');
  const web = await startWeb({ dataDir, config: writeConfig(dataDir, { sources: [] }) });
  const { browser, page } = await launchBrowser();
  // A page of the app's origin without the app, so nothing holds the database while it is rewritten.
  page.on('console', (m) => log(`page: ${m.text()}`));
  const blank = new URL('/bench-blank', web.url).href;
  await page.route(blank, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  try {
    await page.goto(web.url);
    await page.locator('[data-testid="inbox"]').waitFor({ timeout: 60_000 });
    await page.goto(blank);
    const made = (await page.evaluate(`${PAGE_MAKE_V6}()`)) as { from: number };
    const endMs = Date.now() - 60_000;
    let events = 0;
    const chunk = 10_000;
    for (let from = 0; from < TOTAL; from += chunk) {
      const r = (await page.evaluate(`${PAGE_WRITE_HISTORY}(${JSON.stringify({ from, n: Math.min(chunk, TOTAL - from), total: TOTAL, days: 365, endMs, seed: 7, arrivalRows: true })})`)) as { events: number };
      events += r.events;
    }
    log(`a v6 database (from v${made.from / 10}): ${TOTAL} mentions, ${events} events (${TOTAL} of them arrivals)`);
    const upgradeMs = await firstRowMs(page, web.url, process.env.BENCH_SHOT);
    await page.goto(blank);
    const check = (await page.evaluate(`${PAGE_CHECK}()`)) as { version: number; withArrival: number; arrivalRowsLeft: number };
    const upgradedStartMs = await firstRowMs(page, web.url);
    log(`first row after the upgrade ${upgradeMs} ms; the next start ${upgradedStartMs} ms; ${JSON.stringify(check)}`);
    if (check.withArrival !== TOTAL || check.arrivalRowsLeft !== 0) throw new Error(`the upgrade did not move every arrival: ${JSON.stringify(check)}`);
    return { mentions: TOTAL, events, firstRowAfterUpgradeMs: upgradeMs, firstRowUpgradedMs: upgradedStartMs, upgradeCostMs: upgradeMs - upgradedStartMs, check, note: 'from opening the app on a v6 database to its first inbox row (the upgrade runs in the database open), against the next start' };
  } finally {
    await browser.close();
    await web.stop();
  }
}
