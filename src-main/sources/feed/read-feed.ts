/**
 * A fetched body to mentions: decode (charset.ts), parse (parse-feed.ts), recognise the site
 * (profile-detect.ts), normalise (normalize.ts). No network, so the real-world fixtures and the
 * source share exactly this path. Throws FeedParseError for a body that is not RSS or Atom.
 */
import type { FeedProfile } from '../../shared/sources';
import { declareUtf8, decodeFeedBody } from './charset';
import { normalizeFeed, type NormalizedItem } from './normalize';
import { parseFeedXml } from './parse-feed';
import { detectProfile } from './profile-detect';

export interface ReadFeedInput {
  body: Buffer;
  contentType?: string;
  /** Where the feed was read from (after redirects): for profile detection and relative links. */
  url: string;
  sourceId: string;
  profile?: FeedProfile;
  fetchedAt: Date;
}

export interface ReadFeedOutput {
  items: NormalizedItem[];
  profile: FeedProfile;
  charset: string;
  /** Worth a log line, never a failure: an unknown charset, bytes not matching their label, repeated ids. */
  warnings: string[];
}

export async function readFeed(input: ReadFeedInput): Promise<ReadFeedOutput> {
  const decoded = decodeFeedBody(input.body, input.contentType);
  const feed = await parseFeedXml(declareUtf8(decoded.text));
  const profile = detectProfile(input.url, feed, input.profile);
  const { items, duplicates } = normalizeFeed(feed, { sourceId: input.sourceId, profile, feedUrl: input.url, fetchedAt: input.fetchedAt });
  const warnings = [...decoded.warnings];
  if (duplicates) warnings.push(`${duplicates} item(s) repeat an id already in the feed and were read once`);
  return { items, profile, charset: decoded.charset, warnings };
}
