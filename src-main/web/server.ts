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
import { SocketCommandSchema, type EventName, type EventPayload, type SocketCommand, type SocketEvent, type SocketReply } from '../shared/contract';
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

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const sockets = new Set<WebSocket>();

  const tokenOk = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  const cookieToken = (req: IncomingMessage): string | undefined =>
    /(?:^|;\s*)earshot_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

  let port = 0;
  const origin = (): string => `http://127.0.0.1:${port}`;

  const server: Server = createServer((req, res) => {
    void serve(req, res).catch((e: unknown) => {
      opts.log.error(`http: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end('internal error');
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: use http://127.0.0.1:PORT as printed.\n');
      return;
    }
    const url = new URL(req.url ?? '/', origin());
    const queryToken = url.searchParams.get('token');
    if (!tokenOk(queryToken) && !tokenOk(cookieToken(req))) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden: open the URL Earshot printed at start (it carries the token).\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    };
    if (tokenOk(queryToken)) headers['set-cookie'] = `earshot_token=${token}; HttpOnly; SameSite=Strict; Path=/`;
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(opts.staticDir, rel));
    if (!file.startsWith(normalize(opts.staticDir) + sep)) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      res.writeHead(404, headers).end('not found');
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] =
        `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; ` +
        `connect-src 'self' ws://127.0.0.1:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;
    }
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const cap = createSocketCap(opts.log);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin());
    const originOk = originAllowed(req.headers.origin, port) && hostAllowed(req.headers.host, port);
    if (url.pathname !== '/ws' || !originOk || !(tokenOk(url.searchParams.get('token')) || tokenOk(cookieToken(req)))) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    if (!cap.acquire(token)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\n\r\n');
      return;
    }
    // The raw socket's close frees the slot, also when the handshake itself fails.
    socket.once('close', () => cap.release(token));
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });

  function onSocket(ws: WebSocket): void {
    sockets.add(ws);
    const send = (msg: SocketReply | SocketEvent): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const conn = opts.core.connect({
      send<E extends EventName>(event: E, payload: EventPayload<E>) {
        send({ event, payload });
      },
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
    ws.on('close', () => {
      sockets.delete(ws);
      conn.close();
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `${origin()}/?token=${token}`,
    port,
    token,
    async close() {
      for (const s of sockets) s.close(1001, 'server stopping');
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
