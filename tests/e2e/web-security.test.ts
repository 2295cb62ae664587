/**
 * Browser mode's doors: 127.0.0.1 only, a token on every request and socket, a strict CSP, and
 * clear errors (never a crash) for malformed or unknown messages. Also checks the built preload is
 * CommonJS that requires nothing but electron (a sandboxed preload can load nothing else).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startWeb, tempDir, writeConfig, ROOT, type WebProcess } from './harness';

let web: WebProcess;
let base: string;
let token: string;

beforeAll(async () => {
  const dataDir = tempDir('web-sec');
  const config = writeConfig(dataDir, { sources: [{ id: 'demo', kind: 'demo', intervalSeconds: 60, backlog: 3 }] });
  web = await startWeb({ dataDir, config });
  const u = new URL(web.url);
  base = u.origin;
  token = u.searchParams.get('token')!;
});
afterAll(async () => {
  expect(await web.stop()).toBe(0); // SIGTERM stops cleanly
});

function socket(url: string, origin = base): Promise<{ ws: WebSocket; next: () => Promise<Record<string, unknown>> } | { error: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    const inbox: Array<Record<string, unknown>> = [];
    const waiters: Array<(m: Record<string, unknown>) => void> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      const w = waiters.shift();
      if (w) w(m);
      else inbox.push(m);
    });
    ws.on('open', () =>
      resolve({ ws, next: () => new Promise((r) => (inbox.length ? r(inbox.shift()!) : waiters.push(r))) }),
    );
    ws.on('unexpected-response', (_req, res) => resolve({ error: String(res.statusCode) }));
    ws.on('error', (e) => resolve({ error: e.message }));
  });
}

describe('browser mode security', () => {
  it('listens on 127.0.0.1 and prints the URL with a long random token', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(403);
    // Change the last character (regression: appending a fixed 'x' was the real token 1 time in 64).
    const wrong = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
    expect(wrong).not.toBe(token);
    expect((await fetch(`${base}/?token=${wrong}`)).status).toBe(403);
    expect((await fetch(`${base}/index.html`)).status).toBe(403);
  });

  it('serves the app with the token, a strict CSP and an HttpOnly cookie for its assets', async () => {
    const res = await fetch(`${base}/?token=${token}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:`);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/favicon.svg`, { headers: { cookie } })).status).toBe(200);
  });

  it('lets the browser keep the built files named for their content, never the page that names them', async () => {
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const html = await page.text();
    // The real build's names (index.html's script and styles), and the workers and screens in assets/.
    const named = [...html.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const built = readdirSync(join(ROOT, 'out/renderer/assets')).map((f) => `/assets/${f}`);
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(built.filter((f) => /worker-.*\.js$/.test(f)).length).toBeGreaterThanOrEqual(2);
    for (const path of new Set([...named, ...built])) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'private, max-age=31536000, immutable']);
    }
    // Not named for its content, or not there: fetched again every time.
    expect((await fetch(`${base}/favicon.svg`, { headers: { cookie } })).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/assets/missing-AAAAAAAA.js`, { headers: { cookie } })).headers.get('cache-control')).toBe('no-store');
    // Without the token, nothing is served, kept or not.
    expect((await fetch(`${base}${named[0]}`)).status).toBe(403);
  });

  it('refuses a socket without the token or from another origin', async () => {
    expect(await socket(`${base.replace('http', 'ws')}/ws`)).toEqual({ error: '403' });
    expect(await socket(`${base.replace('http', 'ws')}/ws?token=${token}`, 'http://evil.example')).toEqual({ error: '403' });
  });

  it('answers malformed and unknown messages with clear errors and keeps serving', async () => {
    const s = await socket(`${base.replace('http', 'ws')}/ws?token=${token}`);
    if ('error' in s) throw new Error(s.error);
    s.ws.send('not json');
    expect(await s.next()).toMatchObject({ reply: { ok: false, error: { code: 'invalid', message: 'message is not JSON' } } });
    s.ws.send(JSON.stringify({ id: 1, command: 'rm -rf', payload: {} }));
    expect(await s.next()).toMatchObject({ id: 1, reply: { ok: false, error: { code: 'unknown-command' } } });
    s.ws.send(JSON.stringify({ id: 2, command: 'hello', payload: { position: -4 } }));
    const bad = (await s.next()) as { reply: { error: { message: string } } };
    expect(bad.reply.error.message).toContain('hello.position');
    s.ws.send(JSON.stringify({ id: 3, command: 'hello', payload: { position: 0 } }));
    // The first replayed page and the reply may come in either order.
    const got = [await s.next(), await s.next()];
    expect(got.find((m) => m.id === 3)).toMatchObject({ reply: { ok: true, value: { mode: 'web' } } });
    const replayed = got.find((m) => m.event === 'entries') as { payload: { entries: Array<{ position: number }> } } | undefined;
    expect(replayed?.payload.entries[0]?.position).toBe(1);
    s.ws.close();
  });
});

describe('the desktop build', () => {
  it('emits a CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync(join(ROOT, 'out', 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
  });
});
