/**
 * Browser mode: the same core and UI over HTTP + WebSocket, bound to 127.0.0.1 only. Every request
 * and socket must carry the random token printed at start (query `token`, or the cookie set when
 * the page is first opened with it); anything else gets 403. The page's CSP allows only this origin.
 */
import { MIME } from '../core/mime';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core';
import { SocketCommandSchema, type EventName, type EventPayload, type LogPage, type SocketCommand, type SocketEvent, type SocketReply } from '../shared/contract';
import { encodeEntriesFrame } from '../shared/entries-frame';
import type { Logger } from '../core/log';
import { createSocketCap, hostAllowed, originAllowed } from './guard';

const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface WebServerOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
  log: Logger;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Compares a candidate with the token in constant time; the token comes in the query or the cookie. */
interface TokenCheck {
  ok(candidate: string | undefined | null): boolean;
  /** Either the query's `token` or the cookie carries it. */
  carried(req: IncomingMessage, url: URL): boolean;
}

function tokenCheck(token: string): TokenCheck {
  const tokenBuf = Buffer.from(token);
  const ok = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  const cookieToken = (req: IncomingMessage): string | undefined => /(?:^|;\s*)earshot_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return { ok, carried: (req, url) => ok(url.searchParams.get('token')) || ok(cookieToken(req)) };
}

/**
 * A built file named for its content (Vite's `assets/name-HASH.ext`): a new build gets new names,
 * so one never changes under its name.
 */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|woff2|svg|png)$/;

/**
 * How long the browser may keep an answer. The hashed files are kept for good: a new session takes
 * them from Chromium's cache, and the window's scripts (the inbox's, the report screen's charts)
 * with V8's code compiled from them, instead of fetching and compiling them again (the desktop
 * app's app:// scheme has V8's code cache too: electron/app-protocol.ts). Workers' scripts get no
 * code cache in this Chromium (traced), only the fetch saved. The page itself (which names the
 * files of the build being served), errors and anything else: never kept.
 */
const cacheControlFor = (path: string | undefined): string => (path !== undefined && HASHED_ASSET.test(path) ? 'private, max-age=31536000, immutable' : 'no-store');

/**
 * What every page and file answer carries (`path`: the file's path, for its cache policy); the HTML
 * page also gets a CSP allowing only this origin.
 */
function responseHeaders(type: string, port: number, path?: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': cacheControlFor(path),
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] =
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; ` +
      `connect-src 'self' ws://127.0.0.1:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;
  }
  return headers;
}

interface StaticContext {
  staticDir: string;
  port: number;
  token: string;
  tokens: TokenCheck;
}

/** One HTTP request: the host and token checks, then a file of the built UI (GET/HEAD only). */
async function serveStatic(req: IncomingMessage, res: ServerResponse, c: StaticContext): Promise<void> {
  if (!hostAllowed(req.headers.host, c.port)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: use http://127.0.0.1:PORT as printed.\n');
    return;
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${c.port}`);
  if (!c.tokens.carried(req, url)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: open the URL Earshot printed at start (it carries the token).\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  // Opened with the token in the URL: the cookie carries it from now on (and out of later URLs).
  const cookie: Record<string, string> = c.tokens.ok(url.searchParams.get('token')) ? { 'set-cookie': `earshot_token=${c.token}; HttpOnly; SameSite=Strict; Path=/` } : {};
  let rel = decodeURIComponent(url.pathname);
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(c.staticDir, rel));
  if (!file.startsWith(normalize(c.staticDir) + sep)) {
    res.writeHead(404).end();
    return;
  }
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    res.writeHead(404, { ...responseHeaders('', c.port), ...cookie }).end('not found');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...responseHeaders(type, c.port, rel), ...cookie, 'content-type': type, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * One browser tab's socket: commands in as the contract's envelope, replies and events out. A page
 * that asked for `pages=binary` gets delivery's pages as binary frames (shared/entries-frame.ts),
 * which its window queues by their header and hands to the delivery worker unparsed.
 */
function serveSocket(ws: WebSocket, core: Core, binaryPages: boolean): void {
  const send = (msg: SocketReply | SocketEvent): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const conn = core.connect({
    send<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (binaryPages && event === 'entries') {
        if (ws.readyState === ws.OPEN) ws.send(encodeEntriesFrame(payload as LogPage), { binary: true });
        return;
      }
      send({ event, payload });
    },
    // The core joined its team while running: the page reconnects (bridge/websocket-bridge.ts)
    // and says hello again, with its position, to the team's log.
    rehello: () => ws.close(4001, 'Earshot joined the team: say hello again'),
  });
  ws.on('message', (data) => {
    let parsed: SocketCommand;
    try {
      const r = SocketCommandSchema.safeParse(JSON.parse(String(data)));
      if (!r.success) {
        send({ id: null, reply: { ok: false, error: { code: 'invalid', message: 'message must be {id, command, payload}' } } });
        return;
      }
      parsed = r.data;
    } catch {
      send({ id: null, reply: { ok: false, error: { code: 'invalid', message: 'message is not JSON' } } });
      return;
    }
    void conn.handle(parsed.command, parsed.payload).then((reply) => send({ id: parsed.id, reply }));
  });
  ws.on('close', () => conn.close());
  ws.on('error', () => ws.terminate());
}

function listen(server: Server, port: number | undefined): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokens = tokenCheck(token);
  const sockets = new Set<WebSocket>();
  // Known once listening; the handlers below only run after that.
  let port = 0;

  const server: Server = createServer((req, res) => {
    void serveStatic(req, res, { staticDir: opts.staticDir, port, token, tokens }).catch((e: unknown) => {
      opts.log.error(`http: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end('internal error');
    });
  });

  const cap = createSocketCap(opts.log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const originOk = originAllowed(req.headers.origin, port) && hostAllowed(req.headers.host, port);
    if (url.pathname !== '/ws' || !originOk || !tokens.carried(req, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    if (!cap.acquire(token)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\n\r\n');
      return;
    }
    // The raw socket's close frees the slot, also when the handshake itself fails.
    socket.once('close', () => cap.release(token));
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveSocket(ws, opts.core, url.searchParams.get('pages') === 'binary');
    });
  });

  port = await listen(server, opts.port);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const s of sockets) s.close(1001, 'server stopping');
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
