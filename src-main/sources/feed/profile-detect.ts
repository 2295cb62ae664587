/**
 * Which kind of site a feed comes from, from its URL first and its content second (a feed behind a
 * proxy or a custom domain still looks like itself inside). A `profile` in the source config
 * overrides both.
 */
import type { Channel } from '../../shared/mention';
import type { FeedProfile } from '../../shared/sources';
import { textOf } from './feed-item';
import type { RawFeed } from './parse-feed';

export const PROFILE_CHANNEL: Record<FeedProfile, Channel> = {
  appstore: 'appstore',
  reddit: 'reddit',
  mastodon: 'mastodon',
  hackernews: 'hackernews',
  'google-alerts': 'google-alerts',
  generic: 'feed',
};

/** A Mastodon post address: https://host/@user/123 (or the ActivityPub form /users/user/statuses/123). */
export const MASTODON_POST = /^https?:\/\/([^/]+)\/(?:@([^/@?#]+)|users\/([^/?#]+)\/statuses)\/(\d+)\/?(?:[?#].*)?$/;
const REDDIT_HOST = /(^|\.)reddit\.com$/i;

export function profileFromUrl(url: string): FeedProfile | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  const path = u.pathname.toLowerCase();
  if (/(^|\.)apple\.com$/.test(host) && path.includes('/customerreviews')) return 'appstore';
  if (REDDIT_HOST.test(host)) return 'reddit';
  if (host === 'hnrss.org' || host === 'news.ycombinator.com') return 'hackernews';
  if (/(^|\.)google\.[a-z.]+$/.test(host) && path.startsWith('/alerts/feeds')) return 'google-alerts';
  if (/^\/tags\/[^/]+\.rss$/.test(path) || /^\/@[^/]+\.rss$/.test(path)) return 'mastodon';
  return undefined;
}

export function profileFromContent(feed: RawFeed): FeedProfile {
  const f = feed.fields;
  const items = feed.items;
  const generator = textOf(f.generator) ?? '';
  const feedId = textOf(f.id) ?? '';
  const feedLink = `${textOf(f.link) ?? ''} ${textOf(f.feedUrl) ?? ''}`;
  const some = (test: (i: Record<string, unknown>) => boolean): boolean => items.some(test);
  const every = (test: (i: Record<string, unknown>) => boolean): boolean => items.length > 0 && items.every(test);
  const link = (i: Record<string, unknown>): string => textOf(i.link) ?? '';

  if (some((i) => textOf(i.imRating) !== undefined)) return 'appstore';
  if (feedId.includes('com.google/alerts') || every((i) => /^https?:\/\/(www\.)?google\.[a-z.]+\/url\?/.test(link(i)))) return 'google-alerts';
  if (/mastodon/i.test(generator) || every((i) => MASTODON_POST.test(link(i)))) return 'mastodon';
  if (/hnrss/i.test(generator) || /news\.ycombinator\.com/.test(feedLink) || every((i) => /news\.ycombinator\.com\/item\?id=/.test(textOf(i.comments) ?? ''))) {
    return 'hackernews';
  }
  if (/reddit\.com/i.test(feedLink) || every((i) => /^t[1-6]_[a-z0-9]+$/i.test(textOf(i.id) ?? ''))) return 'reddit';
  return 'generic';
}

export function detectProfile(url: string, feed: RawFeed, forced?: FeedProfile): FeedProfile {
  return forced ?? profileFromUrl(url) ?? profileFromContent(feed);
}
