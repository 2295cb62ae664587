/**
 * Feed failures in words a community manager understands, as SourceErrors the poller turns into a
 * health line: what happened and what the user can do. Where nothing is to be done the action is
 * left out, and the poller says when it retries.
 */
import { SourceError } from '../source';
import { FeedFetchError, MAX_REDIRECTS, formatBytes } from './fetch-feed';
import { FeedParseError } from './parse-feed';

export interface FailureContext {
  timeoutMs: number;
  maxBytes: number;
  nowMs: number;
}

const CHECK_URL = 'Check the URL in the source settings: open it in a browser and make sure it shows the feed.';
const RATE_WAIT_MS = 15 * 60_000;

/** One line, no control characters, bounded: the parser's or server's words are shown as text. */
export function oneLine(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const flat = s.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Retry-After as epoch ms: delta seconds or an HTTP date. */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return nowMs + Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) && t > nowMs ? t : undefined;
}

const clock = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

function statusFailure(e: FeedFetchError, ctx: FailureContext): SourceError {
  const status = e.details.status ?? 0;
  if (status === 401 || status === 403) {
    return new SourceError('auth-error', `The feed refused access (HTTP ${status}): it needs a login, or the site blocks feed readers.`, {
      action: 'Check that the URL opens in a browser without signing in; a private feed needs its private link (with its key) in the source settings.',
    });
  }
  if (status === 404 || status === 410) {
    const what = status === 404 ? 'was not found' : 'has been removed';
    return new SourceError('error', `The feed ${what} (HTTP ${status}); check the URL.`, { action: CHECK_URL });
  }
  if (status === 429) {
    const retryAt = retryAfterMs(e.details.headers?.['retry-after'], ctx.nowMs) ?? ctx.nowMs + RATE_WAIT_MS;
    return new SourceError('rate-limited', `The feed's site asks Earshot to poll less often (HTTP 429); resumes by itself at ${clock(retryAt)}.`, {
      retryAt,
      action: 'If this keeps happening, raise the polling interval in the source settings.',
    });
  }
  if (status >= 500) {
    const retryAt = retryAfterMs(e.details.headers?.['retry-after'], ctx.nowMs);
    return new SourceError('error', `The feed's server failed (HTTP ${status}); retrying.`, retryAt ? { retryAt } : {});
  }
  if (status >= 300 && status < 400) {
    return new SourceError('error', `The feed's server answered with a redirect (HTTP ${status}) that leads nowhere; check the URL.`, { action: CHECK_URL });
  }
  return new SourceError('error', `The feed's server refused the request (HTTP ${status}); check the URL.`, { action: CHECK_URL });
}

export function feedFailure(e: unknown, ctx: FailureContext): SourceError {
  if (e instanceof SourceError) return e;
  if (e instanceof FeedParseError) {
    return new SourceError('error', `The feed is not valid RSS or Atom: ${oneLine(e.reason)}.`, {
      action: 'If this lasts, check that the URL is the feed itself (often ending in .rss, .xml or /feed), not the web page.',
    });
  }
  if (!(e instanceof FeedFetchError)) {
    return new SourceError('error', `Unexpected failure while reading the feed: ${oneLine(e instanceof Error ? e.message : String(e))}`, { cause: e });
  }
  const seconds = Math.round(ctx.timeoutMs / 100) / 10;
  switch (e.kind) {
    case 'timeout':
      return new SourceError('error', `The feed did not answer within ${seconds} s; retrying.`, {
        action: 'Nothing to do if it passes. If it lasts, check that the URL opens in a browser, or raise timeoutSeconds in the source settings.',
      });
    case 'too-large':
      return new SourceError('error', `The feed is larger than the ${formatBytes(ctx.maxBytes)} limit (maxBytes ${ctx.maxBytes}); it was not read.`, {
        action: 'Raise maxBytes in the source settings if this feed really is this large, or use a feed with fewer items.',
      });
    case 'redirect-loop':
      return new SourceError('error', 'The feed\'s address redirects in a loop and never reaches a feed; check the URL.', { action: CHECK_URL });
    case 'too-many-redirects':
      return new SourceError('error', `The feed's address redirected more than ${MAX_REDIRECTS} times without reaching a feed; check the URL.`, { action: CHECK_URL });
    case 'bad-url':
      return new SourceError('error', `The feed's address cannot be fetched (${oneLine(e.message)}); check the URL.`, { action: CHECK_URL });
    case 'bad-encoding':
      return new SourceError('error', `The feed arrived damaged (${oneLine(e.message)}); retrying.`);
    case 'network':
      return new SourceError('error', `Could not reach the feed's server (${oneLine(e.message)}); retrying.`, {
        action: 'Check the internet connection and the URL; it retries by itself.',
      });
    case 'private-address':
      return new SourceError('error', `The feed's address is on this computer or a private network; it is not read (${oneLine(e.message)}).`, {
        action: 'If you really mean to read a feed on your own network, set "allowPrivateNetwork": true on this source.',
      });
    case 'aborted':
      return new SourceError('error', 'The poll was cancelled (Earshot is stopping or the source changed).');
    case 'status':
      return statusFailure(e, ctx);
  }
}
