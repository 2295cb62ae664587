/**
 * Delivery's pages are validated and written in the delivery worker (src-renderer/delivery/
 * page-applier.ts) in real Chromium: the pages arrive as binary frames the window does not parse,
 * the worker runs, every mention is stored once, and the inbox,
 * which reads on the main thread, follows the worker's writes live (Dexie tells other contexts of a
 * commit over a BroadcastChannel): its count shows the backlog and then each mention polled later.
 * The SLA banner's numbers, over due times the worker's writes tell (db/due-changes.ts), equal what
 * the [status+dueAt] index says.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { startWeb, launchBrowser, readInbox, waitFor, tempDir, writeConfig, range } from './harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** The banner's two numbers and, at the same moment, what the index says (past due; due within 15 minutes). */
const BANNER_AND_INDEX = `(async () => {
  const text = document.querySelector('[data-testid="sla-banner"]')?.textContent ?? '';
  const num = (m) => (m ? Number(m[1].replace(/,/g, '')) : 0);
  const past = num(/([\\d,]+) mentions? past due/.exec(text));
  const soon = num(/([\\d,]+)(?: mentions?)? due within 15 minutes/.exec(text));
  const db = await new Promise((res, rej) => { const q = indexedDB.open('earshot'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const now = Date.now();
  const idx = db.transaction('mentions').objectStore('mentions').index('[status+dueAt]');
  const count = (r) => new Promise((res, rej) => { const q = idx.count(r); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const c = await Promise.all(['new', 'assigned'].flatMap((s) => [count(IDBKeyRange.bound([s, -Infinity], [s, now], false, true)), count(IDBKeyRange.bound([s, now], [s, now + 15 * 60000]))]));
  db.close();
  return { banner: [past, soon], index: [c[0] + c[2], c[1] + c[3]] };
})()`;

/** The "All open" tab's unread count and, at the same moment, the `unread` index's (unread mentions are open). */
const OPEN_UNREAD_AND_INDEX = `(async () => {
  const title = document.querySelector('[data-testid="view-open"]')?.getAttribute('title') ?? '';
  const m = /([\\d,]+) unread/.exec(title);
  const db = await new Promise((res, rej) => { const q = indexedDB.open('earshot'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const n = await new Promise((res, rej) => { const q = db.transaction('mentions').objectStore('mentions').index('unread').count(1); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  db.close();
  return { tab: m ? Number(m[1].replace(/,/g, '')) : 0, index: n };
})()`;

async function bannerAndIndex(page: Awaited<ReturnType<typeof launchBrowser>>['page']): Promise<{ banner: [number, number]; index: [number, number] }> {
  return page.evaluate(BANNER_AND_INDEX) as Promise<{ banner: [number, number]; index: [number, number] }>;
}

/** The number at the start of the inbox's count ("1,234 in “All open” · by due time"). */
async function shownCount(page: Awaited<ReturnType<typeof launchBrowser>>['page']): Promise<number> {
  const text = (await page.locator('[data-testid="inbox-count"]').textContent()) ?? '';
  const m = /^([\d,]+) in/.exec(text.trim());
  return m ? Number(m[1]!.replace(/,/g, '')) : -1;
}

describe('the delivery worker in Chromium', () => {
  it('writes the backlog and live mentions off the main thread, and the inbox shows each of them', async () => {
    const dataDir = tempDir('web-delivery-worker');
    const backlog = 400;
    const total = 450;
    const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 0.5, backlog, perPoll: 1, limit: total }] });
    const web = await startWeb({ dataDir, config });
    cleanups.push(() => web.stop());
    const b = await launchBrowser();
    cleanups.push(() => b.browser.close());
    const { page } = b;
    // Pages come as binary frames (shared/entries-frame.ts), which the window hands to the worker unparsed.
    const frames = { binary: 0, entriesAsText: 0 };
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string') frames.binary++;
        else if (payload.startsWith('{"event":"entries"')) frames.entriesAsText++;
      }),
    );
    await page.goto(web.url);
    await page.locator('[data-testid="mention-row"]').first().waitFor({ timeout: 30_000 });
    const workers = page.workers().map((w) => w.url());
    expect(workers.some((u) => /apply\.worker/.test(u)), `workers: ${workers.join(', ')}`).toBe(true);
    // The backlog, then the mentions polled one by one: the count on screen follows each write.
    await waitFor('the backlog on screen', () => shownCount(page), (n) => n >= backlog, 30_000, 100);
    const seen = new Set<number>();
    await waitFor(
      'every live mention on screen',
      async () => {
        const n = await shownCount(page);
        seen.add(n);
        return n;
      },
      (n) => n === total,
      60_000,
      50,
    );
    // Mentions polled half a second apart were shown one count at a time, not only at the end.
    expect([...seen].filter((n) => n > backlog && n < total).length, `counts seen: ${[...seen].join(' ')}`).toBeGreaterThan(3);
    const inbox = await readInbox(page);
    expect([...inbox.ids].sort()).toEqual(range(1, total, (n) => `demo:${n}`).sort());
    expect(inbox.mentionEvents).toBe(total);
    expect(frames.entriesAsText).toBe(0);
    expect(frames.binary).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="delivery-state"]').textContent()).toBe('Live');
    // The banner counts over the due times the worker's writes told (pages of more than 50: Dexie
    // names no keys for those), equal to the index's own counts.
    const sla = await waitFor('the SLA banner to match the index', () => bannerAndIndex(page), (v) => v.banner[0] === v.index[0] && v.banner[1] === v.index[1], 15_000, 200);
    expect(sla.index[0] + sla.index[1], `banner and index: ${JSON.stringify(sla)}`).toBeGreaterThan(0);
    // The unread counts follow the filter fields the worker's writes told, reading no record.
    const unread = await waitFor('the unread count to match the index', () => page.evaluate(OPEN_UNREAD_AND_INDEX) as Promise<{ tab: number; index: number }>, (v) => v.tab === v.index, 15_000, 200);
    expect(unread.index, `tab and index: ${JSON.stringify(unread)}`).toBeGreaterThan(0);
  });
});
