import { describe, it, expect } from 'vitest';
import { SourceError } from '../../../src-main/sources/source';
import { feedFailure, oneLine, retryAfterMs } from '../../../src-main/sources/feed/feed-errors';
import { FeedFetchError } from '../../../src-main/sources/feed/fetch-feed';
import { FeedParseError } from '../../../src-main/sources/feed/parse-feed';

const ctx = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, nowMs: Date.parse('2026-11-20T12:00:00Z') };

describe('feed failures in words', () => {
  it('with the default timeout: "The feed did not answer within 20 s; retrying."', () => {
    const e = feedFailure(new FeedFetchError('timeout', 'x'), ctx);
    expect(e).toMatchObject({ state: 'error', message: 'The feed did not answer within 20 s; retrying.' });
  });

  it('with the default size limit it names 10 MB and maxBytes', () => {
    expect(feedFailure(new FeedFetchError('too-large', 'x'), ctx).message).toBe('The feed is larger than the 10 MB limit (maxBytes 10485760); it was not read.');
  });

  it("the parser's reason is shown on one line, bounded", () => {
    const e = feedFailure(new FeedParseError('Unexpected\nclose\ttag ' + 'x'.repeat(500)), ctx);
    expect(e.message).not.toMatch(/[\n\t]/);
    expect(e.message.length).toBeLessThan(260);
  });

  it('anything unexpected is still a SourceError', () => {
    const e = feedFailure(new TypeError('boom'), ctx);
    expect(e).toBeInstanceOf(SourceError);
    expect(e).toMatchObject({ state: 'error', message: 'Unexpected failure while reading the feed: boom' });
    expect(feedFailure('a string', ctx).message).toBe('Unexpected failure while reading the feed: a string');
  });

  it('a SourceError passes through unchanged', () => {
    const se = new SourceError('capped', 'x');
    expect(feedFailure(se, ctx)).toBe(se);
  });

  it('a 429 without Retry-After waits 15 minutes', () => {
    const e = feedFailure(new FeedFetchError('status', 'HTTP 429', { status: 429, headers: {} }), ctx);
    expect(e).toMatchObject({ state: 'rate-limited', message: "The feed's site asks Earshot to poll less often (HTTP 429); resumes by itself at 12:15 UTC." });
    expect(e.opts.retryAt).toBe(ctx.nowMs + 15 * 60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('30', ctx.nowMs)).toBe(ctx.nowMs + 30_000);
    expect(retryAfterMs('Fri, 20 Nov 2026 12:05:00 GMT', ctx.nowMs)).toBe(Date.parse('2026-11-20T12:05:00Z'));
    expect(retryAfterMs('Fri, 20 Nov 2026 11:00:00 GMT', ctx.nowMs)).toBeUndefined();
    expect(retryAfterMs('soon', ctx.nowMs)).toBeUndefined();
  });

  it('oneLine strips control characters', () => {
    expect(oneLine('a\u0000b\r\nc')).toBe('a b c');
  });
});
