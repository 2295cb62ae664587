/**
 * Issue 10 item 4: browser mode answers only requests addressed to 127.0.0.1:PORT or
 * localhost:PORT (DNS rebinding: a hostile page whose name now resolves to 127.0.0.1 still sends its
 * own name as Host), on plain requests and on the WebSocket upgrade; and at most a handful of sockets
 * are open per token.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { setLogSink } from '../../src-main/core/log';
import type { WebServer } from '../../src-main/web/server';
import { startTestWebServer } from '../helpers/web-server';
import { hostAllowed, MAX_SOCKETS_PER_TOKEN } from '../../src-main/web/guard';

let server: Awaited<ReturnType<typeof startTestWebServer>>;
let web: WebServer;
const lines: string[] = [];
beforeAll(async () => {
  setLogSink((l) => lines.push(l));
  server = await startTestWebServer('guard', { sources: [{ id: 'demo', kind: 'demo', backlog: 0, limit: 0 }] });
  web = server.web;
});
afterAll(async () => {
  await server.close();
  setLogSink(null);
});

function get(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function socket(host: string, origin = `http://127.0.0.1:${web.port}`): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, { origin, headers: { host } });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser mode: Host header and socket cap', () => {
  it.each([
    ['127.0.0.1:PORT', true],
    ['localhost:PORT', true],
    ['LOCALHOST:PORT', true],
    ['127.0.0.1', false],
    ['127.0.0.1:1', false],
    ['evil.example:PORT', false],
    ['127.0.0.1.nip.io:PORT', false],
    ['[::1]:PORT', false],
    ['', false],
  ])('Host %j allowed: %s', (host, ok) => {
    expect(hostAllowed(host.replace('PORT', '4321'), 4321)).toBe(ok);
    expect(hostAllowed(undefined, 4321)).toBe(false);
  });

  it('refuses a request whose Host is not 127.0.0.1:PORT or localhost:PORT, token or not', async () => {
    expect(await get(`/?token=${web.token}`, `127.0.0.1:${web.port}`)).toBe(200);
    expect(await get(`/?token=${web.token}`, `localhost:${web.port}`)).toBe(200);
    expect(await get(`/?token=${web.token}`, `rebind.evil.example:${web.port}`)).toBe(403);
    expect(await get(`/?token=${web.token}`, 'rebind.evil.example')).toBe(403);
  });

  it('refuses a WebSocket upgrade with a foreign Host', async () => {
    expect(await socket(`rebind.evil.example:${web.port}`, `http://rebind.evil.example:${web.port}`)).toBe(403);
    expect(await socket(`rebind.evil.example:${web.port}`)).toBe(403);
    const ok = await socket(`127.0.0.1:${web.port}`);
    expect(ok).toBeInstanceOf(WebSocket);
    (ok as WebSocket).close();
  });

  it(`opens at most ${MAX_SOCKETS_PER_TOKEN} sockets per token, and frees a slot when one closes`, async () => {
    await new Promise((r) => setTimeout(r, 100));
    const open: WebSocket[] = [];
    for (let i = 0; i < MAX_SOCKETS_PER_TOKEN; i++) {
      const s = await socket(`127.0.0.1:${web.port}`);
      expect(s).toBeInstanceOf(WebSocket);
      open.push(s as WebSocket);
    }
    expect(await socket(`127.0.0.1:${web.port}`)).toBe(429);
    const closed = new Promise((r) => open[0]!.once('close', r));
    open[0]!.close();
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    const again = await socket(`127.0.0.1:${web.port}`);
    expect(again).toBeInstanceOf(WebSocket);
    for (const s of [...open.slice(1), again as WebSocket]) s.close();
    expect(lines.filter((l) => /too many sockets/.test(l)).length).toBe(1);
  });
});
