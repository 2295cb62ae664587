/**
 * Read failures in words a community manager understands, as SourceErrors the poller turns into a
 * health line: what happened, when it retries, what the user can do. Text from X (a problem's
 * `detail`) is shown as plain text, trimmed; nothing from a request (headers, credentials) is.
 */
import { redact } from '../../core/log';
import { SourceError, type SourceUsage } from '../source';
import { XHttpError, clockSkewMs } from './x-http';
import { clock, dayAndClock } from './x-rate';
import { nextMonthStartMs } from './x-usage';
import { parseProblem } from './x-wire';

const WINDOW_MS = 15 * 60_000;

export interface ReadErrorContext {
  nowMs: number;
  usage?: SourceUsage;
  kind: 'x-mentions' | 'x-search';
}

/** X's own words, safe to show: one line, no control characters, bounded. */
export function xWords(s: string | undefined, max = 200): string {
  if (!s) return '';
  const flat = [...redact(s)]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function isUsageCapped(body: unknown): boolean {
  const p = parseProblem(body);
  return (p.type ?? '').endsWith('/usage-capped') || p.title === 'UsageCapExceeded';
}

export function cappedError(nowMs: number, why: string, usage?: SourceUsage): SourceError {
  const next = nextMonthStartMs(nowMs);
  return new SourceError('capped', `${why}; polling stops until ${dayAndClock(next)}.`, {
    retryAt: next,
    usage,
    action: 'Nothing to do but wait for the new month, or raise the cap (the X plan, or this source\'s read budget).',
  });
}

export function readFailure(e: unknown, ctx: ReadErrorContext): SourceError {
  if (e instanceof SourceError) return e;
  const usage = ctx.usage;
  if (!(e instanceof XHttpError)) {
    return new SourceError('error', `Unexpected failure while reading X: ${xWords(e instanceof Error ? e.message : String(e))}`, { usage });
  }
  switch (e.kind) {
    case 'timeout':
      return new SourceError('error', `X did not answer in time (${xWords(e.message)}); retrying.`, { usage });
    case 'aborted':
      return new SourceError('error', 'The poll was cancelled (Earshot is stopping or the source changed).', { usage });
    case 'network':
      return new SourceError('error', `Could not reach X (${xWords(e.message)}); retrying.`, {
        usage,
        action: 'Check the internet connection; it retries by itself.',
      });
    case 'malformed':
      return new SourceError('error', 'X sent an answer that is not valid JSON; retrying.', { usage });
    case 'too-large':
      return new SourceError('error', `X sent an unexpectedly large answer (${xWords(e.message)}); retrying.`, { usage });
    case 'status':
      return statusFailure(e, ctx);
  }
}

function statusFailure(e: XHttpError, ctx: ReadErrorContext): SourceError {
  const { status = 0, body, headers, rate } = e.details;
  const problem = parseProblem(body);
  const detail = xWords(problem.detail ?? problem.title ?? (typeof body === 'string' ? body : ''));
  const usage = ctx.usage;
  if (status === 401) {
    return new SourceError('auth-error', 'X refused the bearer token (401): it is wrong, revoked or expired. Paste a new token in the source settings.', {
      usage,
      action: 'Paste a new bearer token in the source settings.',
    });
  }
  if (status === 403) {
    if (problem.reason === 'client-not-enrolled') {
      const level = xWords(problem.required_enrollment) || 'the right access level';
      return new SourceError(
        'auth-error',
        `X refused access (403, client-not-enrolled): the app behind this token is not attached to a Project with ${level}.`,
        { usage, action: 'In the X developer portal, attach the app to a Project with the right access level, then paste that app\'s bearer token.' },
      );
    }
    return new SourceError('auth-error', `X refused access (403${problem.reason ? ', ' + xWords(problem.reason, 60) : ''}): ${detail || 'no reason given'}.`, {
      usage,
      action: 'Check the app\'s access level in the X developer portal and the token in the source settings.',
    });
  }
  if (status === 429) {
    if (isUsageCapped(body)) return cappedError(ctx.nowMs, `X's monthly usage cap for this app was reached (${detail || 'usage cap exceeded'})`, usage);
    const retryAt = rate && rate.resetMs + clockSkewMs(headers, ctx.nowMs) > ctx.nowMs ? rate.resetMs + clockSkewMs(headers, ctx.nowMs) : ctx.nowMs + WINDOW_MS;
    return new SourceError('rate-limited', `X rate limit reached; resumes by itself at ${clock(retryAt)}`, {
      retryAt,
      usage: { ...usage, rateLimitRemaining: 0, rateLimitResetAt: retryAt },
    });
  }
  if (status === 400) {
    return new SourceError('error', `X refused the request (400): ${detail || 'bad request'}.`, {
      usage,
      action: ctx.kind === 'x-search' ? 'Check the search query in the source settings.' : 'Check the source settings.',
    });
  }
  if (status === 404) {
    return new SourceError('error', `X does not know what this source asks for (404): ${detail || 'not found'}.`, {
      usage,
      action: 'Check the user id in the source settings.',
    });
  }
  if (status >= 500) return new SourceError('error', `X is having trouble (HTTP ${status}); retrying.`, { usage });
  return new SourceError('error', `X answered HTTP ${status}${detail ? ': ' + detail : ''}; retrying.`, { usage });
}
