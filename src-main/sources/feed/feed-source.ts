/**
 * The RSS/Atom source (kind `feed`). A poll is one conditional GET: a 304 costs a few hundred
 * bytes and yields nothing; a 200 is decoded, parsed and normalised, and only items whose key is
 * not in the cursor's `seen` are yielded. Whatever goes wrong comes out as a SourceError with
 * words for the health line (feed-errors.ts); nothing else is thrown.
 */
import { DEFAULT_INTERVAL_SECONDS, timeoutMs as timeoutMsOf, type SourceSettings } from '../../shared/sources';
import { type PollContext, type PollResult, type Source } from '../source';
import { advanceFeedCursor, parseFeedCursor } from './feed-cursor';
import { feedFailure } from './feed-errors';
import { DEFAULT_MAX_BYTES, FeedFetchError, fetchFeed, formatBytes } from './fetch-feed';
import { profileFromUrl } from './profile-detect';
import { readFeed } from './read-feed';

/** The settings a feed reads (shared/sources.ts), its url required. */
export type FeedSourceConfig = Pick<SourceSettings, 'id' | 'profile' | 'intervalSeconds' | 'timeoutSeconds' | 'maxBytes' | 'allowPrivateNetwork'> & { url: string };

/** A feed URL as the logs show it: host and path, no query (it may hold a private feed's key). */
function logName(url: string): string {
  try {
    const u = new URL(url);
    return `GET ${u.host}${u.pathname}`;
  } catch {
    return 'GET (invalid URL)';
  }
}

export function createFeedSource(config: FeedSourceConfig): Source {
  const { id, url } = config;
  if (!id.trim()) throw new Error('feed source: id is required');
  if (!url?.trim()) throw new Error(`feed source "${id}": url is required`);
  const timeoutMs = timeoutMsOf(config.timeoutSeconds);
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = logName(url);
  // The configured address is the recognisable one (apps.apple.com, hnrss.org); a redirect may
  // land on a CDN. Else the final address, else the content (read-feed.ts).
  const profile = config.profile ?? profileFromUrl(url);

  async function poll(ctx: PollContext): Promise<PollResult> {
    const { log } = ctx;
    const fetchedAt = ctx.now();
    const { cursor, invalid } = parseFeedCursor(ctx.cursor);
    if (invalid) log.warn('the saved feed cursor is unreadable; reading the whole feed again (ids are stable, nothing is duplicated)');

    const res = await fetchFeed(url, { etag: cursor.etag, lastModified: cursor.lastModified, timeoutMs, maxBytes, signal: ctx.signal, allowPrivateNetwork: config.allowPrivateNetwork });
    if (res.status === 304) {
      log.info(`${name}: 304 not modified`, { wireBytes: res.wireBytes });
      return { mentions: [], cursor };
    }
    const read = await readFeed({
      body: res.body,
      contentType: typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : undefined,
      url: res.url,
      sourceId: id,
      profile,
      fetchedAt,
    });
    for (const w of read.warnings) log.warn(`${name}: ${w}`);
    const seen = new Set(cursor.seen);
    const fresh = read.items.filter((i) => !seen.has(i.key));
    log.info(`${name}: ${res.status}, ${formatBytes(res.body.length)}, ${read.items.length} item(s), ${fresh.length} new`, {
      profile: read.profile,
      charset: read.charset,
      wireBytes: res.wireBytes,
      ...(res.redirects ? { redirects: res.redirects, finalUrl: logName(res.url) } : {}),
    });
    return {
      mentions: fresh.map((i) => i.mention),
      cursor: advanceFeedCursor(cursor, res, read.items.map((i) => i.key)),
    };
  }

  return {
    id,
    kind: 'feed',
    intervalMs: (config.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS.feed) * 1000,
    async poll(ctx: PollContext): Promise<PollResult> {
      try {
        return await poll(ctx);
      } catch (e) {
        // The poller logs the health line; the log gets what the line leaves out.
        const chain = e instanceof FeedFetchError ? e.details.chain : undefined;
        if (chain) ctx.log.warn(`${name}: redirects`, { chain: chain.map(logName) });
        throw feedFailure(e, { timeoutMs, maxBytes, nowMs: ctx.now().getTime() });
      }
    },
  };
}
