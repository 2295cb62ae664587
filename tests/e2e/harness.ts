/**
 * End-to-end harness: runs `npm run web`'s entry (the built UI plus the core) as a child process on
 * 127.0.0.1 and drives Debian's Chromium with playwright-core. Browser data lives in a temporary
 * profile, so IndexedDB persists across reloads and across restarts of the web process on the
 * same port (same origin).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-results');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `earshot-${prefix}-`));
}

export function writeConfig(dir: string, config: unknown): string {
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export interface WebProcess {
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** `port: 'remembered'` passes no --port: the data folder's port from last time (a free one the first time). */
export async function startWeb(opts: {
  dataDir: string;
  config?: string;
  port?: number | 'remembered';
  env?: NodeJS.ProcessEnv;
  /** More command-line arguments (e.g. `--team URL --agent mk`). */
  args?: string[];
  /** How long to wait for its URL (a 100,000-mention demo backlog on a busy machine takes longer). */
  startTimeoutMs?: number;
}): Promise<WebProcess & { startedAt: number }> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('the UI is not built: run "npm run build" (npm run test:e2e does)');
  const args = ['--import', 'tsx', join(ROOT, 'src-main/web/cli.ts'), '--data-dir', opts.dataDir];
  if (opts.port !== 'remembered') args.push('--port', String(opts.port ?? 0));
  if (opts.config) args.push('--config', opts.config);
  if (opts.args) args.push(...opts.args);
  const startedAt = Date.now();
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const limit = opts.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => rej(new Error(`web did not print its URL within ${limit / 1000} s; stderr:\n${err}`)), limit);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`web exited with ${code} before printing its URL; stderr:\n${err}`));
    });
  });
  return {
    url,
    proc,
    startedAt,
    stderr: () => err,
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** What a test closes when done: the browser, and its profile on disk with it. */
export interface LaunchedBrowser {
  close(): Promise<void>;
}

/**
 * Chromium with a profile of its own in a fresh temporary directory (removed on close), so
 * IndexedDB is on disk as in the desktop app. Not an incognito context: since Chromium 145 an
 * in-memory context keeps IndexedDB in an in-memory SQLite store, and in Chromium 150 its writes
 * slow down with every record stored (5,000 puts took 5.6 s into an empty store and 30 s into one
 * holding 15,000; on disk 2-5 s each, flat), which no user of the app meets.
 */
export async function launchBrowser(): Promise<{ browser: LaunchedBrowser; context: BrowserContext; page: Page }> {
  const profile = tempDir('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const browser: LaunchedBrowser = {
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return { browser, context, page };
}

/**
 * Reads the inbox straight from IndexedDB in the page: every mention id, and arrivals (on the
 * mentions since schema v7; any arrival row of the events table counted too).
 * Passed as source text: tsx's transform adds helpers to functions that do not exist in the page.
 */
const READ_INBOX = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  if (!Array.from(db.objectStoreNames).includes('mentions')) { db.close(); return { ids: [], mentionEvents: 0, position: 0, events: 0 }; }
  const tx = db.transaction(['mentions', 'events', 'meta'], 'readonly');
  const ids = await req(tx.objectStore('mentions').getAllKeys());
  // Arrivals: on their mentions since schema v7, plus any arrival row of the events table (none expected).
  const mentionEvents = (await req(tx.objectStore('mentions').index('arrival.at').count())) + (await req(tx.objectStore('events').getAll())).filter((e) => e.type === 'mention').length;
  const events = await req(tx.objectStore('events').count());
  const meta = await req(tx.objectStore('meta').get('position'));
  db.close();
  return { ids, mentionEvents, events, position: (meta && meta.value && meta.value.position) || 0 };
})()`;

const COUNT_STORED = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  if (!Array.from(db.objectStoreNames).includes('mentions')) { db.close(); return 0; }
  const n = await new Promise((res, rej) => { const r = db.transaction('mentions', 'readonly').objectStore('mentions').count(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  db.close();
  return n;
})()`;

/** How many mentions the page has stored: one count, cheap to poll while a large backlog goes in. */
export async function countStored(page: Page): Promise<number> {
  return page.evaluate(COUNT_STORED) as Promise<number>;
}

export interface InboxSnapshot {
  ids: string[];
  mentionEvents: number;
  /** Every row of the events table (arrivals and workflow events). */
  events: number;
  /** The log position this profile has applied. */
  position: number;
}

export async function readInbox(page: Page): Promise<InboxSnapshot> {
  return page.evaluate(READ_INBOX) as Promise<InboxSnapshot>;
}

export async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 300)}`);
}

export const range = (from: number, to: number, fmt: (n: number) => string): string[] => Array.from({ length: to - from + 1 }, (_, i) => fmt(from + i));
