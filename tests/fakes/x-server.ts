/**
 * A fake X API v2 on 127.0.0.1 (port 0) for tests. It speaks the wire format of the shared fixtures
 * (../shared/fixtures/x): the mentions timeline is mentions-page1 followed by mentions-page2 (a page
 * holds at most `pageSize` posts, 5 like the fixtures, so paging is exercised), recent search is
 * search-recent, users/me is users-me. It honours since_id / until_id / start_time and the paging
 * token, returns only the fields asked for, sends x-rate-limit-* headers on every answer, checks the
 * credential, logs every request, and has switches for the faults the connector must survive.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixtureJson } from '../fixtures';

export type XFault =
  | 'rate-limit' // 429 window: remaining 0, reset `resetInSeconds` ahead; ends by itself at the reset
  | 'usage-capped' // 429 with the monthly usage-cap body
  | 'unauthorized' // 401
  | 'client-not-enrolled' // 403
  | 'server-error' // 500
  | 'hang' // accepts the request and never answers
  | 'malformed-json' // 200, a JSON content type and a cut-off body
  | 'duplicate-post' // POST /2/tweets: 403 duplicate content
  | 'slow-post' // POST /2/tweets: the post is made, the answer comes `delayMs` later
  | 'user-limit'; // POST /2/tweets: 429 with x-user-limit-24hour-remaining 0

export interface FaultOptions {
  /** How many requests the fault hits before it clears itself (default: until cleared). */
  times?: number;
  /** How many matching requests pass untouched before the fault starts (default 0). */
  after?: number;
  resetInSeconds?: number;
  delayMs?: number;
  /** Which requests it hits; default GETs, POSTs for the POST-only faults. */
  on?: 'get' | 'post' | 'any';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body?: unknown;
  status?: number;
  /** Request line, headers and body as sent. */
  requestBytes: number;
  responseHeaders?: Record<string, string>;
  /** Status line, headers and body as answered (0 while unanswered). */
  responseBytes: number;
  responseBodyBytes: number;
}

export interface FakeXOptions {
  bearerToken?: string;
  userAccessToken?: string;
  pageSize?: number;
  /** Requests per 15-minute window for each endpoint (default 450). */
  windowLimit?: number;
}

type Json = Record<string, unknown>;
interface Window {
  remaining: number;
  resetMs: number;
}

const POST_FAULTS: XFault[] = ['duplicate-post', 'slow-post', 'user-limit'];
const WINDOW_MS = 15 * 60_000;
export const FAKE_BEARER = 'fake-app-bearer-AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid';
export const FAKE_USER_TOKEN = 'fake-user-token-b3JnLmVhcnNob3QudGVzdA';
export const FAKE_REFRESH_TOKEN = 'fake-refresh-token-cmVmcmVzaC0x';
export const FAKE_CLIENT_ID = 'fake-client-id-UEtDRQ';
const FIXTURE_TOKEN_ID = '1860000000000000101'; // mentions-page1's next_token points below this post

const fx = (name: string): Json => readFixtureJson<Json>('x', name);
const big = (id: unknown): bigint => BigInt(String(id));

export interface FakeX {
  url: string;
  requests: RecordedRequest[];
  /** Every POST /2/tweets received, answered or not. */
  posts: RecordedRequest[];
  setFault(fault: XFault | null, opts?: FaultOptions): void;
  /** The next answers of every endpoint report this many requests left, resetting in `resetInSeconds`. */
  setWindow(remaining: number, resetInSeconds: number): void;
  /** A new post at the top of the mentions timeline or the search results. */
  addPost(where: 'mentions' | 'search', tweet: Json, user?: Json): void;
  reads(): RecordedRequest[];
  close(): Promise<void>;
  /** The current user access token stops working (as after its two hours); the refresh token still renews it. */
  expireUserToken(): void;
  /** How many times the user token was renewed. */
  tokenRefreshes(): number;
}

export async function startFakeX(opts: FakeXOptions = {}): Promise<FakeX> {
  const bearer = opts.bearerToken ?? FAKE_BEARER;
  let userToken = opts.userAccessToken ?? FAKE_USER_TOKEN;
  // OAuth 2.0 renewal: X rotates both tokens on every refresh.
  let refreshToken = FAKE_REFRESH_TOKEN;
  let rotations = 0;
  const pageSize = opts.pageSize ?? 5;
  const windowLimit = opts.windowLimit ?? 450;
  const p1 = fx('mentions-page1.json');
  const p2 = fx('mentions-page2.json');
  const sr = fx('search-recent.json');
  const me = (fx('users-me.json').data as Json) ?? {};
  const includes = (p: Json): Json[] => ((p.includes as Json | undefined)?.users as Json[]) ?? [];
  const mentions: Json[] = [...(p1.data as Json[]), ...(p2.data as Json[])];
  const search: Json[] = [...(sr.data as Json[])];
  const own: Json[] = [];
  const users = new Map<string, Json>();
  // The same author appears in several fixtures with more or fewer fields: keep the union.
  for (const u of [...includes(p1), ...includes(p2), ...includes(sr), me]) users.set(String(u.id), { ...users.get(String(u.id)), ...u });
  const gone = new Map<string, Json>(((p2.errors as Json[]) ?? []).map((e) => [String(e.resource_id), e]));
  const requests: RecordedRequest[] = [];
  const posts: RecordedRequest[] = [];
  const windows = new Map<string, Window>();
  const timers = new Set<NodeJS.Timeout>();
  let fault: { kind: XFault; opts: FaultOptions; left: number; skip: number } | null = null;
  let limitedUntil = 0;
  let forced: { remaining: number; resetMs: number } | null = null;
  let nextPostId = 1860000000000000900n;
  let userDayLeft = 100;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      requestBytes: `${req.method} ${req.url} HTTP/1.1\r\n`.length + req.rawHeaders.reduce((n, h) => n + h.length + 2, 0) + 2 + raw.length,
      responseBytes: 0,
      responseBodyBytes: 0,
    };
    if (raw.length) rec.body = tryJson(raw.toString('utf8'));
    requests.push(rec);
    const isPost = rec.method === 'POST' && rec.path === '/2/tweets';
    if (isPost) posts.push(rec);
    const send = (status: number, body: unknown, extra: Record<string, string> = {}, delayMs = 0): void => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const ctype = status >= 400 && typeof body !== 'string' ? 'application/problem+json' : 'application/json; charset=utf-8';
      const reply = (): void => {
        if (res.destroyed) return;
        rec.responseHeaders = { 'content-type': ctype, ...rateHeaders(rec), ...extra };
        res.writeHead(status, rec.responseHeaders);
        res.end(text);
        rec.status = status;
        rec.responseBodyBytes = Buffer.byteLength(text);
        const head = (res as unknown as { _header?: string })._header;
        rec.responseBytes = rec.responseBodyBytes + (head ? Buffer.byteLength(head) : 0);
      };
      if (delayMs > 0) {
        const t = setTimeout(() => (timers.delete(t), reply()), delayMs);
        timers.add(t);
      } else reply();
    };

    if (rec.method === 'POST' && rec.path === '/2/oauth2/token') {
      const form = new URLSearchParams(raw.toString('utf8'));
      if (form.get('grant_type') !== 'refresh_token' || form.get('client_id') !== FAKE_CLIENT_ID || form.get('refresh_token') !== refreshToken) {
        return send(400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
      }
      rotations++;
      userToken = `fake-user-token-rotated-${rotations}-AAAA`;
      refreshToken = `fake-refresh-token-rotated-${rotations}-BBBB`;
      return send(200, { token_type: 'bearer', expires_in: 7200, access_token: userToken, scope: 'tweet.read tweet.write users.read offline.access', refresh_token: refreshToken });
    }
    const auth = String(req.headers.authorization ?? '');
    const isUser = auth === `Bearer ${userToken}` || (auth.startsWith('OAuth ') && auth.includes('oauth_consumer_key='));
    if (!isUser && auth !== `Bearer ${bearer}`) return send(401, fx('error-401.json'));
    const f = takeFault(isPost ? 'post' : 'get');
    if (f?.kind === 'unauthorized') return send(401, fx('error-401.json'));
    if (f?.kind === 'client-not-enrolled') return send(403, fx('error-403-client-not-enrolled.json'));
    if (f?.kind === 'usage-capped') return send(429, fx('error-429-usage-capped.json'));
    if (f?.kind === 'server-error') return send(500, { title: 'Internal Server Error', detail: 'Internal Server Error', type: 'about:blank', status: 500 });
    if (f?.kind === 'hang') return; // never answered; close() drops the connection
    if (f?.kind === 'malformed-json') return send(200, '{"data":[{"id":"18600000000000001');
    if (Date.now() < limitedUntil && !isPost) return send(429, fx('error-429-window.json'));

    let m: RegExpMatchArray | null;
    if (rec.method === 'GET' && (m = rec.path.match(/^\/2\/users\/(\d+)\/mentions$/))) {
      return send(200, page(m[1] === String(me.id) ? mentions : [], rec.query, 'pagination_token'));
    }
    if (rec.method === 'GET' && rec.path === '/2/tweets/search/recent') {
      if (!rec.query.query) return send(400, { title: 'Invalid Request', detail: 'The `query` query parameter can not be empty', type: 'https://api.twitter.com/2/problems/invalid-request' });
      return send(200, page(search, rec.query, 'next_token'));
    }
    if (rec.method === 'GET' && rec.path === '/2/users/me') return isUser ? send(200, fx('users-me.json')) : send(403, unsupportedAuth());
    if (rec.method === 'GET' && (m = rec.path.match(/^\/2\/users\/(\d+)\/tweets$/))) {
      return send(200, page(m[1] === String(me.id) ? own : [], rec.query, 'pagination_token'));
    }
    if (isPost) {
      if (!isUser) return send(403, unsupportedAuth());
      const body = (rec.body ?? {}) as { text?: string; reply?: { in_reply_to_tweet_id?: string } };
      if (f?.kind === 'user-limit' || userDayLeft <= 0) {
        return send(429, fx('error-429-window.json'), userHeaders(0));
      }
      const dup = own.some((t) => t.text === body.text);
      if (f?.kind === 'duplicate-post' || dup) return send(403, fx('post-duplicate-403.json'));
      const id = String(nextPostId++);
      const target = body.reply?.in_reply_to_tweet_id;
      const parent = [...mentions, ...search].find((t) => t.id === target);
      own.unshift({
        id,
        text: body.text ?? '',
        author_id: String(me.id),
        created_at: new Date().toISOString(),
        conversation_id: parent?.conversation_id ?? target ?? id,
        ...(target ? { referenced_tweets: [{ type: 'replied_to', id: target }], in_reply_to_user_id: parent?.author_id } : {}),
        edit_history_tweet_ids: [id],
      });
      userDayLeft -= 1;
      const created = { data: { id, text: body.text ?? '', edit_history_tweet_ids: [id] } };
      return send(201, created, userHeaders(userDayLeft), f?.kind === 'slow-post' ? (f.opts.delayMs ?? 2000) : 0);
    }
    return send(404, { title: 'Not Found Error', detail: `no route for ${rec.method} ${rec.path}`, type: 'https://api.twitter.com/2/problems/resource-not-found' });
  }

  function takeFault(kind: 'get' | 'post'): { kind: XFault; opts: FaultOptions } | null {
    if (!fault) return null;
    const on = fault.opts.on ?? (POST_FAULTS.includes(fault.kind) ? 'post' : 'get');
    if (on !== 'any' && on !== kind && fault.kind !== 'unauthorized') return null;
    const hit = fault;
    if (fault.kind === 'rate-limit') return null; // handled through limitedUntil, ends at the reset
    if (fault.skip > 0) {
      fault.skip -= 1;
      return null;
    }
    if (--fault.left <= 0) fault = null;
    return hit;
  }

  function rateHeaders(rec: RecordedRequest): Record<string, string> {
    const key = `${rec.method} ${rec.path.replace(/\d{4,}/g, ':id')}`;
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetMs <= now) w = { remaining: windowLimit, resetMs: now + WINDOW_MS };
    if (w.remaining > 0) w.remaining -= 1;
    windows.set(key, w);
    let { remaining, resetMs } = w;
    if (now < limitedUntil && rec.method === 'GET') [remaining, resetMs] = [0, limitedUntil];
    if (forced) [remaining, resetMs] = [forced.remaining, forced.resetMs];
    return { 'x-rate-limit-limit': String(windowLimit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)) };
  }

  function userHeaders(left: number): Record<string, string> {
    const reset = Math.ceil((Date.now() + 24 * 3600_000) / 1000);
    return { 'x-user-limit-24hour-limit': '100', 'x-user-limit-24hour-remaining': String(left), 'x-user-limit-24hour-reset': String(reset) };
  }

  /** One page of `all` (newest first) after the query's bounds and paging token, with only the asked-for fields. */
  function page(all: Json[], q: Record<string, string>, tokenParam: string): Json {
    const token = q[tokenParam];
    const below = token === (p1.meta as Json).next_token ? FIXTURE_TOKEN_ID : token?.startsWith('next-') ? token.slice(5) : undefined;
    const startMs = q.start_time ? Date.parse(q.start_time) : -Infinity;
    const hits = all.filter(
      (t) =>
        (!q.since_id || big(t.id) > big(q.since_id)) &&
        (!q.until_id || big(t.id) < big(q.until_id)) &&
        (!below || big(t.id) < big(below)) &&
        Date.parse(String(t.created_at)) >= startMs,
    );
    const size = Math.min(pageSize, Math.max(1, Number(q.max_results ?? 10)));
    const data = hits.slice(0, size);
    if (!data.length) return fx('mentions-empty.json');
    const tf = new Set((q['tweet.fields'] ?? '').split(','));
    const uf = new Set((q['user.fields'] ?? '').split(','));
    const expandAuthors = (q.expansions ?? '').split(',').includes('author_id');
    const out: Json = { data: data.map((t) => pick(t, ['id', 'text', 'edit_history_tweet_ids'], tf, expandAuthors ? ['author_id'] : [])) };
    const authors = [...new Set(data.map((t) => String(t.author_id)))];
    if (expandAuthors) {
      const found = authors.filter((a) => users.has(a) && !gone.has(a)).map((a) => pick(users.get(a) as Json, ['id', 'name', 'username'], uf));
      if (found.length) out.includes = { users: found };
      const errors = authors.filter((a) => gone.has(a)).map((a) => gone.get(a));
      if (errors.length) out.errors = errors;
    }
    const last = data[data.length - 1] as Json;
    const more = hits.length > data.length;
    const nextToken = more ? (last.id === FIXTURE_TOKEN_ID ? (p1.meta as Json).next_token : `next-${last.id}`) : undefined;
    out.meta = { result_count: data.length, newest_id: data[0]?.id, oldest_id: last.id, ...(nextToken ? { next_token: nextToken } : {}) };
    return out;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    posts,
    setFault(kind, o = {}) {
      fault = kind ? { kind, opts: o, left: o.times ?? Infinity, skip: o.after ?? 0 } : null;
      // X's reset is a whole second; so is ours, so the header and the real end agree.
      limitedUntil = kind === 'rate-limit' ? Math.ceil((Date.now() + (o.resetInSeconds ?? 3) * 1000) / 1000) * 1000 : 0;
    },
    setWindow(remaining, resetInSeconds) {
      forced = { remaining, resetMs: Date.now() + resetInSeconds * 1000 };
    },
    addPost(where, tweet, user) {
      (where === 'mentions' ? mentions : search).unshift(tweet);
      if (user) users.set(String(user.id), user);
    },
    reads: () => requests.filter((r) => r.method === 'GET'),
    expireUserToken() {
      userToken = `expired-${Date.now()}`;
    },
    tokenRefreshes: () => rotations,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fields X returns by default plus those asked for (`tweet.fields` / `user.fields` / expansions). */
function pick(obj: Json, defaults: string[], asked: Set<string>, also: string[] = []): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (defaults.includes(k) || asked.has(k) || also.includes(k)) out[k] = v;
  return out;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function unsupportedAuth(): Json {
  return {
    title: 'Unsupported Authentication',
    detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
    type: 'https://api.twitter.com/2/problems/unsupported-authentication',
    status: 403,
  };
}
