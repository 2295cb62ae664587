/**
 * The one way the X connector talks HTTP. twitter-api-v2 does authentication (app bearer, OAuth 2.0
 * user token, OAuth 1.0a signing) and the wire details; this wrapper adds what the library lacks:
 * - a base URL: the library always calls https://api.x.com, tests point us at a fake on 127.0.0.1;
 * - a hard deadline per request (the library's own timeout is only a socket idle timeout) and
 *   cancellation by AbortSignal;
 * - a response size limit and a byte count;
 * - failures sorted into a few kinds that callers turn into words. Library errors are never passed
 *   on: they hold the request object, whose headers carry the credential.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import {
  TwitterApi,
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type ITwitterApiClientPlugin,
} from 'twitter-api-v2';
import { redact, redactSecret } from '../../core/log';

import { apiBaseProblem } from '../../shared/x-api-base';
import { timeoutMs } from '../../shared/sources';

export const DEFAULT_API_BASE = 'https://api.x.com';
/** Hosts the library writes into its URLs; both are rewritten to the configured base. */
const LIBRARY_BASES = ['https://api.x.com', 'https://api.twitter.com'];
/** 100 posts with long-form text and includes stay far below this; more is not an X answer. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface OAuth1Keys {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

/**
 * A bearer token (app-only or OAuth 2.0 user), OAuth 1.0a user keys, or an OAuth 2.0 public
 * client's id (only to renew a user token: refreshOAuth2Token).
 */
export type XAuth = { bearer: string } | { oauth1: OAuth1Keys } | { clientId: string };

/** What each library call carries so the deadline and the size limit hold (see run()). */
interface CallArgs {
  timeout: number;
  requestEventDebugHandler: (event: string, data?: { socket?: Socket; res?: IncomingMessage }) => void;
}

/** One rate-limit window as the headers state it; `resetMs` is epoch ms on the server's clock. */
export interface RateWindow {
  limit: number;
  remaining: number;
  resetMs: number;
}

export interface XResponse {
  data: unknown;
  headers: IncomingHttpHeaders;
  rate?: RateWindow;
  userDay?: RateWindow;
  /** Body bytes as received (before any decompression). */
  bytes: number;
}

export type XFailureKind = 'status' | 'timeout' | 'network' | 'malformed' | 'too-large' | 'aborted';

export class XHttpError extends Error {
  constructor(
    readonly kind: XFailureKind,
    message: string,
    readonly details: { status?: number; body?: unknown; headers?: IncomingHttpHeaders; rate?: RateWindow; userDay?: RateWindow } = {},
  ) {
    super(redact(message));
    this.name = 'XHttpError';
  }
}

export interface XHttpOptions {
  apiBase?: string;
  auth: XAuth;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface XRequest {
  /** Path below /2/, e.g. `users/783214/mentions`. */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** Reads `<prefix>-limit/-remaining/-reset` (reset in epoch seconds) from response headers. */
export function readWindow(headers: IncomingHttpHeaders | undefined, prefix: string): RateWindow | undefined {
  const num = (name: string): number | undefined => {
    const v = headers?.[`${prefix}-${name}`];
    const n = Number(Array.isArray(v) ? v[0] : v);
    return v !== undefined && Number.isFinite(n) ? n : undefined;
  };
  const limit = num('limit');
  const remaining = num('remaining');
  const reset = num('reset');
  if (remaining === undefined || reset === undefined) return undefined;
  return { limit: limit ?? remaining, remaining, resetMs: reset * 1000 };
}

/**
 * How far the local clock runs ahead of X's (from the Date header). Differences under a few seconds
 * are the header's one-second resolution, not skew, and count as zero.
 */
export function clockSkewMs(headers: IncomingHttpHeaders | undefined, localNowMs: number): number {
  const server = headers?.date ? Date.parse(headers.date) : NaN;
  if (!Number.isFinite(server)) return 0;
  const skew = localNowMs - server;
  return Math.abs(skew) < 3000 ? 0 : skew;
}

export class XHttp {
  private readonly client: TwitterApi;
  private readonly agent: http.Agent;
  readonly timeoutMs: number;
  private readonly maxBytes: number;
  /**
   * Library calls that take no request arguments (refreshOAuth2Token) get them from this plugin.
   * Only a `clientId` client uses it, and it makes one call (refreshUserToken builds one per renewal).
   */
  private injected: (CallArgs & { forceBodyMode: 'url' }) | undefined;

  constructor(opts: XHttpOptions) {
    const base = (opts.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
    const problem = apiBaseProblem(base);
    if (problem) throw new Error(`apiBase refused: ${problem}`);
    this.timeoutMs = opts.timeoutMs ?? timeoutMs();
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    // No keep-alive: the per-request event hook below adds listeners to the socket, and a reused
    // socket would collect them. One connection per request is cheap at one poll a minute.
    this.agent = base.startsWith('http:') ? new http.Agent({ keepAlive: false }) : new https.Agent({ keepAlive: false });
    const rebase: ITwitterApiClientPlugin = {
      onBeforeRequestConfig({ params }) {
        for (const lib of LIBRARY_BASES) {
          if (params.url.startsWith(lib)) params.url = base + params.url.slice(lib.length);
        }
      },
    };
    const inject: ITwitterApiClientPlugin = {
      onBeforeRequestConfig: ({ params }) => {
        if (this.injected) Object.assign(params, this.injected);
      },
    };
    if ('bearer' in opts.auth) {
      redactSecret(opts.auth.bearer);
      this.client = new TwitterApi(opts.auth.bearer, { plugins: [rebase], httpAgent: this.agent });
    } else if ('clientId' in opts.auth) {
      this.client = new TwitterApi({ clientId: opts.auth.clientId }, { plugins: [rebase, inject], httpAgent: this.agent });
    } else {
      const k = opts.auth.oauth1;
      for (const s of [k.appKey, k.appSecret, k.accessToken, k.accessSecret]) redactSecret(s);
      this.client = new TwitterApi({ ...k }, { plugins: [rebase], httpAgent: this.agent });
    }
  }

  get(req: XRequest): Promise<XResponse> {
    return this.send('GET', req);
  }

  post(req: XRequest): Promise<XResponse> {
    return this.send('POST', req);
  }

  /**
   * Renews an OAuth 2.0 user token (POST /2/oauth2/token, refresh_token grant) through the library,
   * under this client's deadline and size limit. Needs `{ clientId }` auth.
   */
  async refreshOAuth2Token(refreshToken: string, signal?: AbortSignal): Promise<{ accessToken?: string; refreshToken?: string; expiresIn?: number }> {
    redactSecret(refreshToken);
    const { value } = await this.run('POST /2/oauth2/token', signal, (args) => {
      // twitter-api-v2 1.29 picks the body encoding by a check that never matches this path and
      // would send JSON; X's token endpoint reads a form, so the form is asked for.
      this.injected = { ...args, forceBodyMode: 'url' };
      return this.client.refreshOAuth2Token(refreshToken);
    });
    return { accessToken: value.accessToken, refreshToken: value.refreshToken, expiresIn: value.expiresIn };
  }

  close(): void {
    this.agent.destroy();
  }

  private async send(method: 'GET' | 'POST', req: XRequest): Promise<XResponse> {
    const name = `${method} /2/${req.path.replace(/\d{4,}/g, ':id')}`;
    const { value: r, bytes } = await this.run(name, req.signal, (args) => {
      // A plain object (not a literal at the call) so the hook, part of the library's request
      // arguments but not of the typed method options, passes through to the request maker.
      const full = { fullResponse: true as const, ...args };
      return method === 'GET' ? this.client.v2.get(req.path, req.query ?? {}, full) : this.client.v2.post(req.path, req.body ?? {}, full);
    });
    if (r.data === undefined || r.data === null || typeof r.data !== 'object') {
      throw new XHttpError('malformed', `${name}: the answer is not JSON`, { headers: r.headers });
    }
    return { data: r.data, headers: r.headers, rate: readWindow(r.headers, 'x-rate-limit'), userDay: readWindow(r.headers, 'x-user-limit-24hour'), bytes };
  }

  /**
   * One library call under a hard deadline (the socket is destroyed), cancellation, and a size
   * limit (bytes counted as they arrive); failures come out as XHttpError, never the library's own.
   */
  private run<T>(name: string, signal: AbortSignal | undefined, start: (args: CallArgs) => Promise<T>): Promise<{ value: T; bytes: number }> {
    if (signal?.aborted) return Promise.reject(new XHttpError('aborted', `${name}: cancelled`));
    let socket: Socket | undefined;
    let bytes = 0;
    let tooLarge = false;
    let gaveUp = false;
    // The library reports the socket and the response through this hook; it is how we enforce the
    // deadline (destroy the socket) and the size limit (count bytes as they arrive).
    const requestEventDebugHandler = (event: string, data?: { socket?: Socket; res?: IncomingMessage }): void => {
      if (event === 'socket' && data?.socket) {
        socket = data.socket;
        if (gaveUp) socket.destroy();
      } else if (event === 'response' && data?.res) {
        const res = data.res;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > this.maxBytes && !tooLarge) {
            tooLarge = true;
            res.destroy();
          }
        });
      }
    };
    const work = start({ timeout: this.timeoutMs, requestEventDebugHandler });

    return new Promise<{ value: T; bytes: number }>((resolve, reject) => {
      const stop = (err: XHttpError): void => {
        gaveUp = true;
        cleanup();
        socket?.destroy();
        reject(err);
      };
      const timer = setTimeout(() => stop(new XHttpError('timeout', `${name}: no answer within ${Math.round(this.timeoutMs / 100) / 10} s`)), this.timeoutMs);
      const onAbort = (): void => stop(new XHttpError('aborted', `${name}: cancelled`));
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          cleanup();
          // A small answer can arrive whole before the destroy above takes effect.
          if (tooLarge) return reject(classify(undefined, name, true, this.maxBytes));
          resolve({ value, bytes });
        },
        (e: unknown) => {
          cleanup();
          reject(classify(e, name, tooLarge, this.maxBytes));
        },
      );
    });
  }
}

function classify(e: unknown, name: string, tooLarge: boolean, maxBytes: number): XHttpError {
  if (tooLarge) return new XHttpError('too-large', `${name}: the answer is larger than ${Math.round(maxBytes / 1024)} KB`);
  if (e instanceof ApiResponseError) {
    const headers = e.headers;
    return new XHttpError('status', `${name}: HTTP ${e.code}`, {
      status: e.code,
      body: e.data,
      headers,
      rate: readWindow(headers, 'x-rate-limit'),
      userDay: readWindow(headers, 'x-user-limit-24hour'),
    });
  }
  if (e instanceof ApiPartialResponseError) {
    const status = e.response?.statusCode;
    const headers = e.response?.headers;
    if (/parse error/.test(e.message)) {
      if (status !== undefined && status >= 400) return new XHttpError('status', `${name}: HTTP ${status}`, { status, body: e.rawContent.slice(0, 500), headers });
      return new XHttpError('malformed', `${name}: the answer is not valid JSON`, { status, headers });
    }
    return new XHttpError('network', `${name}: the connection closed before the answer was complete`, { status, headers });
  }
  if (e instanceof ApiRequestError) {
    // twitter-api-v2 1.29 stores the cause as `error` but its `requestError` getter reads another
    // key (always undefined), so look at both.
    const inner = (e.requestError ?? (e as unknown as { _options?: { error?: Error } })._options?.error) as NodeJS.ErrnoException | undefined;
    if (inner && /timeout/i.test(inner.message)) return new XHttpError('timeout', `${name}: the connection went quiet`);
    return new XHttpError('network', `${name}: ${inner?.code ?? inner?.message ?? 'request failed'}`);
  }
  return new XHttpError('network', `${name}: ${e instanceof Error ? e.message : String(e)}`);
}
