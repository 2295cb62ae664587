/**
 * The one way the feed connector talks HTTP. Our own small client on node:http/https rather than
 * rss-parser's parseURL, because a feed is someone else's server and we need what parseURL lacks:
 * - conditional GET (If-None-Match / If-Modified-Since), so an unchanged feed costs one tiny 304;
 * - one deadline for the whole fetch (redirects and body included) that destroys the socket, so a
 *   server that answers a byte a minute cannot hold a poll open;
 * - a size cap counted on the decompressed bytes while they stream, so neither a 40 MB feed nor a
 *   small gzip bomb is ever held in memory;
 * - redirects followed by hand, at most MAX_REDIRECTS, a loop refused as soon as it closes;
 * - cancellation by AbortSignal (Earshot stopping, the source being edited).
 * Failures come out as FeedFetchError with a `kind`; feed-errors.ts turns them into words.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ClientRequest } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, PrivateAddressError } from './private-network';
import { timeoutMs as timeoutMsOf } from '../../shared/sources';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
export const USER_AGENT = 'Earshot/0.1 (social listening; feed reader)';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export type FeedFetchFailure =
  | 'timeout'
  | 'status' // an HTTP status we do not read a feed from (4xx, 5xx, a 3xx without Location)
  | 'too-large'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'network' // DNS, refused, reset, TLS
  | 'bad-encoding' // a compressed body that does not decompress
  | 'bad-url'
  | 'private-address' // loopback, link-local or a private range, and the source does not allow it
  | 'aborted';

export class FeedFetchError extends Error {
  constructor(
    readonly kind: FeedFetchFailure,
    message: string,
    readonly details: { status?: number; headers?: IncomingHttpHeaders; limit?: number; timeoutMs?: number; code?: string; chain?: string[] } = {},
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export interface FetchFeedOptions {
  /** Validators from the last 200, sent back so an unchanged feed answers 304. */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  userAgent?: string;
  /** Let this feed (and its redirects) reach loopback and private addresses; off by default. */
  allowPrivateNetwork?: boolean;
  /** For tests: which resolved addresses count as private (default: isPrivateAddress). */
  isBlockedAddress?: (ip: string) => boolean;
}

export interface FetchFeedResult {
  /** 200 (or another 2xx) with a body, or 304 with none. */
  status: number;
  /** Where the feed was finally read from, after redirects. */
  url: string;
  headers: IncomingHttpHeaders;
  etag?: string;
  lastModified?: string;
  /** The decompressed body, not yet decoded to text (charset.ts does that). Empty for a 304. */
  body: Buffer;
  /** Body bytes as they came off the wire (compressed), summed over the final answer. */
  bytesRead: number;
  /** Everything received on the sockets (status lines, headers, bodies), redirects included. */
  wireBytes: number;
  redirects: number;
}

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function privateRefusal(host: string, address: string): FeedFetchError {
  return new FeedFetchError(
    'private-address',
    `${host} is on this computer or a private network (${address}); set "allowPrivateNetwork": true on the source to read it`,
  );
}

/** A byte count in the words of the health line: "10 MB", "512 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

/** The address to fetch, or why not: not a web address, not http(s), or a private IP literal refused. */
function checkTarget(target: string, blockedAddress: ((ip: string) => boolean) | undefined): URL | FeedFetchError {
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    return new FeedFetchError('bad-url', `"${target}" is not a web address`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return new FeedFetchError('bad-url', `"${parsed.protocol}" addresses are not fetched; only http and https`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  // An IP literal is never looked up, so it is checked here; a name is checked on what it resolves to.
  if (blockedAddress && isIP(host) && blockedAddress(host)) return privateRefusal(parsed.host, host);
  return parsed;
}

function requestHeaders(opts: FetchFeedOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': opts.userAgent ?? USER_AGENT,
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
    // One connection per fetch: at one poll every few minutes a kept-alive socket only idles,
    // and a fresh one makes the byte count of each fetch exact.
    Connection: 'close',
  };
  if (opts.etag) headers['If-None-Match'] = opts.etag;
  if (opts.lastModified) headers['If-Modified-Since'] = opts.lastModified;
  return headers;
}

/** Where a redirect leads, or why it is not followed (not an address, a loop, too many). */
function redirectTarget(location: string, at: URL, visited: string[]): string | FeedFetchError {
  let next: string;
  try {
    next = new URL(location, at).href;
  } catch {
    return new FeedFetchError('bad-url', `the server redirected to "${location}", which is not a web address`);
  }
  if (visited.includes(next)) return new FeedFetchError('redirect-loop', 'the address redirects in a loop', { chain: [...visited, next] });
  if (visited.length > MAX_REDIRECTS) return new FeedFetchError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, { chain: [...visited, next] });
  return next;
}

export function fetchFeed(url: string, opts: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = opts.timeoutMs ?? timeoutMsOf();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const seconds = Math.round(timeoutMs / 100) / 10;

  return new Promise<FetchFeedResult>((resolve, reject) => {
    let current: ClientRequest | undefined;
    let settled = false;

    const finish = (err: FeedFetchError | undefined, result?: FetchFeedResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) {
        // Destroying the request destroys its socket: the server sees the connection close and
        // nothing more is read into memory.
        current?.destroy();
        reject(err);
      } else if (result) {
        resolve(result);
      }
    };
    const timer = setTimeout(
      () => finish(new FeedFetchError('timeout', `no complete answer within ${seconds} s`, { timeoutMs })),
      timeoutMs,
    );
    const onAbort = (): void => finish(new FeedFetchError('aborted', 'cancelled'));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const blockedAddress = opts.isBlockedAddress ?? isPrivateAddress;
    const request = (target: string): void => {
      const parsed = checkTarget(target, opts.allowPrivateNetwork ? undefined : blockedAddress);
      if (parsed instanceof FeedFetchError) return finish(parsed);
      run.visited.push(parsed.href);
      const lib = parsed.protocol === 'https:' ? https : http;
      const lookup = opts.allowPrivateNetwork ? undefined : guardedLookup(blockedAddress);
      const req = lib.request(parsed, { method: 'GET', headers: requestHeaders(opts), agent: false, ...(lookup ? { lookup } : {}) });
      current = req;
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof PrivateAddressError) return finish(privateRefusal(parsed.host, e.address));
        finish(new FeedFetchError('network', e.code ?? e.message, { code: e.code }));
      });
      req.on('response', (res) => onResponse(run, parsed, req, res));
      req.end();
    };
    const run: FetchRun = { visited: [], wireBytes: 0, maxBytes, finish, request };

    request(url);
  });
}

/** One fetch in flight: the addresses visited, the bytes off the wire so far, and how it ends. */
interface FetchRun {
  visited: string[];
  wireBytes: number;
  maxBytes: number;
  finish(err: FeedFetchError | undefined, result?: FetchFeedResult): void;
  /** Fetches the next address (a redirect's target) in the same run. */
  request(target: string): void;
}

/** An answer came: follow a redirect, return a 304 or a body, or fail on any other status. */
function onResponse(run: FetchRun, at: URL, req: ClientRequest, res: IncomingMessage): void {
  const { finish } = run;
  const status = res.statusCode ?? 0;
  const socket = res.socket;
  const countWire = (): void => {
    run.wireBytes += socket?.bytesRead ?? 0;
  };
  const location = header(res.headers, 'location');
  if (status >= 300 && status < 400 && status !== 304 && location) {
    res.resume();
    countWire();
    req.destroy();
    const next = redirectTarget(location, at, run.visited);
    return next instanceof FeedFetchError ? finish(next) : run.request(next);
  }
  const base = {
    url: at.href,
    headers: res.headers,
    etag: header(res.headers, 'etag'),
    lastModified: header(res.headers, 'last-modified'),
    redirects: run.visited.length - 1,
  };
  if (status === 304) {
    res.resume();
    res.on('end', () => {
      countWire();
      finish(undefined, { ...base, status, body: Buffer.alloc(0), bytesRead: 0, wireBytes: run.wireBytes });
    });
    return;
  }
  if (status < 200 || status >= 300) {
    res.resume();
    return finish(new FeedFetchError('status', `HTTP ${status}`, { status, headers: res.headers }));
  }
  readBody(res, run.maxBytes, (err, body, bytesRead) => {
    countWire();
    if (err) return finish(err);
    finish(undefined, { ...base, status, body: body!, bytesRead: bytesRead!, wireBytes: run.wireBytes });
  });
}

/**
 * Streams the body through the decompressor named by Content-Encoding, counting decompressed
 * bytes; past `maxBytes` both streams are destroyed at once, before the rest is read.
 */
function readBody(res: IncomingMessage, maxBytes: number, done: (err: FeedFetchError | undefined, body?: Buffer, bytesRead?: number) => void): void {
  const encoding = (header(res.headers, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const declared = Number(header(res.headers, 'content-length'));
  const tooLarge = (): FeedFetchError => new FeedFetchError('too-large', `the feed is larger than ${formatBytes(maxBytes)}`, { limit: maxBytes });
  if ((encoding === 'identity' || encoding === '') && Number.isFinite(declared) && declared > maxBytes) {
    // Says so up front: refuse without reading a byte of it.
    res.destroy();
    return done(tooLarge());
  }
  const identity = encoding === 'identity' || encoding === '';
  if (!identity && !['gzip', 'x-gzip', 'br', 'deflate'].includes(encoding)) {
    res.destroy();
    return done(new FeedFetchError('bad-encoding', `the server used a compression Earshot cannot read ("${encoding}")`));
  }

  const chunks: Buffer[] = [];
  let size = 0;
  let bytesRead = 0;
  let ended = false;
  let decoder: Transform | undefined;
  const end = (err?: FeedFetchError): void => {
    if (ended) return;
    ended = true;
    if (err) {
      decoder?.destroy();
      res.destroy();
      return done(err);
    }
    done(undefined, Buffer.concat(chunks, size), bytesRead);
  };
  const take = (chunk: Buffer): void => {
    if (ended) return;
    size += chunk.length;
    if (size > maxBytes) return end(tooLarge());
    chunks.push(chunk);
  };
  const makeDecoder = (first: Buffer): Transform => {
    if (encoding === 'br') return zlib.createBrotliDecompress();
    if (encoding === 'deflate') {
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the first two
      // bytes tell which (a zlib header has CM=8 and CMF*256+FLG divisible by 31).
      const wrapped = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
      return wrapped ? zlib.createInflate() : zlib.createInflateRaw();
    }
    return zlib.createGunzip();
  };

  // Written by hand rather than piped so the decompressor can be picked on the first bytes; the
  // socket is paused whenever the decompressor is full, so nothing piles up in between.
  res.on('data', (c: Buffer) => {
    bytesRead += c.length;
    if (ended) return;
    if (identity) return take(c);
    if (!decoder) {
      const d = makeDecoder(c);
      d.on('data', take);
      d.on('end', () => end());
      d.on('error', () => end(new FeedFetchError('bad-encoding', `the ${encoding}-compressed feed is damaged`)));
      decoder = d;
    }
    if (!decoder.write(c)) {
      res.pause();
      decoder.once('drain', () => res.resume());
    }
  });
  res.on('end', () => {
    if (ended) return;
    if (!res.complete) return end(new FeedFetchError('network', 'the connection broke while the feed was being read'));
    if (decoder) decoder.end();
    else end();
  });
  res.on('error', () => end(new FeedFetchError('network', 'the connection broke while the feed was being read')));
  res.on('close', () => {
    if (!ended && !res.complete) end(new FeedFetchError('network', 'the connection broke while the feed was being read'));
  });
}
