/**
 * A fake feed server on 127.0.0.1 (port 0) for tests. It serves the shared fixtures
 * (../shared/fixtures/feeds/{sources,real-world}/FILE) as a real site would, logs every request
 * (method, path, headers, status, bytes) and has switches for the faults a feed connector meets.
 *
 * Paths:
 *   /sources/FILE, /real-world/FILE   a fixture
 *   /custom/NAME                      a body set by setFeed() (a feed that changes between polls)
 *   /encoded/latin1.rss               non-ASCII feed in ISO-8859-1, labelled only in Content-Type
 *   /encoded/gb2312.rss               Chinese feed in GB2312, labelled only in the XML declaration
 *   /huge.rss                         a 40 MB feed, generated while streaming, never stored
 *   /malformed.rss                    a cut-off, badly nested RSS document
 *   /hang                             accepts the request and never answers
 *   /loop/a, /loop/b                  redirect to each other forever
 *   /redirect/N/REST                  N redirects, then /REST
 * Query switches, on any feed path:
 *   status=CODE      answer CODE (500, 401, 404, 429 ...) with a small HTML page
 *   validators=1     send ETag and Last-Modified; answer 304 when the request's validators match
 *   encoding=gzip|deflate|br   compress the body (gzip=1 is short for encoding=gzip)
 *   announce=1       (huge.rss) send a Content-Length of 40 MB up front
 *   fault=hang|malformed|huge|loop   the same as the paths above, for any path
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { fixturePath } from '../fixtures';

export interface FeedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The request as it came in: request line and headers (feeds are fetched with GET, no body). */
  requestBytes: number;
  status?: number;
  /** Body bytes handed to the socket (after compression). */
  bodyBytes: number;
  /** Everything written on the socket for this request: status line, headers, body. */
  wireBytes: number;
  /** The client closed the connection before the answer was complete. */
  closedEarly: boolean;
}

export interface FakeFeedServer {
  url: string;
  requests: FeedRequest[];
  /** Serve `body` at /custom/NAME from now on (replacing what was there). */
  setFeed(name: string, body: string, contentType?: string): void;
  close(): Promise<void>;
}

export const HUGE_BYTES = 40 * 1024 * 1024;
/** What the /encoded feeds say, so tests can assert the exact characters came through. */
export const ENCODED = {
  latin1: { title: 'Avião atrasado três horas em Lisboa', text: 'A tripulação foi simpática, mas não houve informação nenhuma. Péssimo serviço à chegada; até logo, Açores!' },
  gb2312: { title: '航班延误三小时', text: '阿克米航空的客服一直没有回复我的投诉，行李也丢了。' },
};
export const LAST_MODIFIED = 'Fri, 20 Nov 2026 14:00:00 GMT';

const CONTENT_TYPES: Record<string, string> = { atom: 'application/atom+xml', rss: 'application/rss+xml', xml: 'application/xml' };
const MALFORMED = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Broken</title>\n<item><title>Unclosed</item>\n</channel></rss>';

function encodedFeed(which: 'latin1' | 'gb2312'): { body: Buffer; contentType: string } {
  const s = ENCODED[which];
  const decl = which === 'latin1' ? '<?xml version="1.0"?>' : '<?xml version="1.0" encoding="GB2312"?>';
  const xml = `${decl}\n<rss version="2.0"><channel><title>${s.title}</title><link>http://127.0.0.1/</link><description>${s.title}</description>
<item><guid isPermaLink="false">${which}-1</guid><title>${s.title}</title><description>${s.text}</description><pubDate>Fri, 20 Nov 2026 12:00:00 +0000</pubDate></item>
</channel></rss>`;
  return which === 'latin1'
    ? { body: iconv.encode(xml, 'iso-8859-1'), contentType: 'application/rss+xml; charset=ISO-8859-1' }
    : { body: iconv.encode(xml, 'gb2312'), contentType: 'application/rss+xml' };
}

/** An endless-looking feed: items generated as the client reads, until HUGE_BYTES or the client leaves. */
async function streamHuge(out: NodeJS.WritableStream & { destroyed: boolean }, count: (n: number) => void): Promise<void> {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Huge</title><link>http://127.0.0.1/</link><description>40 MB</description>\n';
  const tail = '</channel></rss>\n';
  const filler = 'x'.repeat(900);
  let written = 0;
  const write = async (s: string): Promise<boolean> => {
    if (out.destroyed) return false;
    const buf = Buffer.from(s);
    written += buf.length;
    count(buf.length);
    if (!out.write(buf)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          out.removeListener('drain', done);
          out.removeListener('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    }
    return !out.destroyed;
  };
  if (!(await write(head))) return;
  for (let i = 0; written < HUGE_BYTES - tail.length - 2048; i++) {
    if (!(await write(`<item><guid>huge-${i}</guid><title>Item ${i}</title><description>${filler}</description></item>\n`))) return;
  }
  if (await write(tail)) out.end();
}

const etagOf = (body: Buffer): string => `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;

function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const inm = req.headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const ims = req.headers['if-modified-since'];
  return ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
}

export async function startFeedServer(): Promise<FakeFeedServer> {
  const requests: FeedRequest[] = [];
  const custom = new Map<string, { body: Buffer; contentType: string; lastModified: string }>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const rec: FeedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      // "Name: value\r\n" is each name and value plus two bytes; a blank line ends the headers.
      requestBytes: `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length + req.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0) + 2,
      bodyBytes: 0,
      wireBytes: 0,
      closedEarly: false,
    };
    requests.push(rec);
    const socket = req.socket;
    const startWritten = socket.bytesWritten;
    res.on('close', () => {
      rec.wireBytes = socket.bytesWritten - startWritten;
      rec.closedEarly = !res.writableFinished;
    });
    handle(req, res, url, rec).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, rec: FeedRequest): Promise<void> {
    const q = url.searchParams;
    const path = url.pathname;
    const fault = q.get('fault');
    const send = (status: number, headers: Record<string, string>, body: Buffer | string = ''): void => {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      rec.status = status;
      rec.bodyBytes = buf.length;
      res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
      res.end(buf);
    };
    const redirect = (to: string): void => send(302, { Location: to });

    if (path === '/hang' || fault === 'hang') return; // never answers; the socket stays open
    if (path === '/loop/a' || fault === 'loop') return redirect('/loop/b');
    if (path === '/loop/b') return redirect('/loop/a');
    const hop = /^\/redirect\/(\d+)\/(.*)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      return redirect(n > 1 ? `/redirect/${n - 1}/${hop[2]}${url.search}` : `/${hop[2]}${url.search}`);
    }
    const status = Number(q.get('status') ?? 0);
    if (status >= 400) {
      const extra: Record<string, string> = status === 429 || status === 503 ? { 'Retry-After': '120' } : {};
      return send(status, { 'Content-Type': 'text/html; charset=utf-8', ...extra }, `<html><body><h1>${status}</h1></body></html>`);
    }
    const encoding = q.get('encoding') ?? (q.get('gzip') ? 'gzip' : undefined);

    if (path === '/huge.rss' || fault === 'huge') {
      rec.status = 200;
      const headers: Record<string, string> = { 'Content-Type': 'application/rss+xml; charset=utf-8' };
      if (q.get('announce')) headers['Content-Length'] = String(HUGE_BYTES);
      if (encoding === 'gzip') {
        headers['Content-Encoding'] = 'gzip';
        res.writeHead(200, headers);
        const gz = zlib.createGzip();
        gz.on('data', (c: Buffer) => {
          rec.bodyBytes += c.length;
          if (!res.write(c)) gz.pause();
        });
        res.on('drain', () => gz.resume());
        gz.on('end', () => res.end());
        res.on('close', () => gz.destroy());
        await streamHuge(gz as unknown as NodeJS.WritableStream & { destroyed: boolean }, () => undefined);
        gz.end();
        return;
      }
      res.writeHead(200, headers);
      await streamHuge(res, (n) => (rec.bodyBytes += n));
      return;
    }

    let body: Buffer;
    let contentType: string;
    let lastModified = LAST_MODIFIED;
    if (path === '/malformed.rss' || fault === 'malformed') {
      body = Buffer.from(MALFORMED);
      contentType = 'application/rss+xml; charset=utf-8';
    } else if (path === '/encoded/latin1.rss' || path === '/encoded/gb2312.rss') {
      ({ body, contentType } = encodedFeed(path.includes('latin1') ? 'latin1' : 'gb2312'));
    } else if (path.startsWith('/custom/') && custom.has(path.slice(8))) {
      ({ body, contentType, lastModified } = custom.get(path.slice(8))!);
    } else {
      const m = /^\/(sources|real-world)\/([\w.-]+)$/.exec(path);
      const file = m ? fixturePath('feeds', m[1]!, m[2]!) : undefined;
      if (!file || !existsSync(file)) return send(404, { 'Content-Type': 'text/html' }, '<html><body>Not found</body></html>');
      body = readFileSync(file);
      contentType = CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/xml';
    }

    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (q.get('validators')) {
      const etag = etagOf(body);
      headers.ETag = etag;
      headers['Last-Modified'] = lastModified;
      if (notModified(req, etag, lastModified)) {
        rec.status = 304;
        res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified });
        res.end();
        return;
      }
    }
    if (encoding === 'gzip') body = zlib.gzipSync(body);
    else if (encoding === 'deflate') body = zlib.deflateSync(body);
    else if (encoding === 'br') body = zlib.brotliCompressSync(body);
    if (encoding) headers['Content-Encoding'] = encoding;
    send(200, headers, body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFeed(name, body, contentType = 'application/rss+xml; charset=utf-8') {
      // Each version is a new modification, a second apart so Last-Modified tells them apart.
      const prev = custom.get(name);
      const t = Math.max(Date.now(), prev ? Date.parse(prev.lastModified) + 1000 : 0);
      custom.set(name, { body: Buffer.from(body), contentType, lastModified: new Date(t).toUTCString() });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The brief's name for it. */
export const start = startFeedServer;
