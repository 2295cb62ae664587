/**
 * What each kind of site puts where. normalize.ts builds a generic mention from any item; a
 * profile then cleans the item's body of the site's boilerplate and says who wrote it, where it
 * really points, and the site's extras (rating, app version, subreddit, instance, discussion).
 * Author keys are channel-scoped so one person is one author across sources of the same site.
 */
import type { Author } from '../../shared/mention';
import type { FeedProfile } from '../../shared/sources';
import { textOf, type FeedItemFields } from './feed-item';
import { MASTODON_POST } from './profile-detect';
import type { RawFeed } from './parse-feed';

/** The mention as the generic reading made it, for a profile to adjust. */
export interface Draft {
  url?: string;
  title?: string;
  text: string;
  html?: string;
  author: Author;
  rating?: number;
  helpfulVotes?: number;
  meta: Record<string, string>;
}

export interface ProfileContext {
  sourceId: string;
  feed: RawFeed;
}

export interface Profile {
  /** Removes the site's boilerplate from an HTML body before text and html are made from it. */
  cleanHtml?(html: string): string;
  /** Adjusts the generic draft; `null` skips the item (it is not a mention, e.g. the app's own entry). */
  refine(item: FeedItemFields, draft: Draft, ctx: ProfileContext): Draft | null;
}

const num = (v: unknown): number | undefined => {
  const s = textOf(v);
  const n = s === undefined ? NaN : Number(s);
  return Number.isFinite(n) ? n : undefined;
};

const person = (key: string, handle: string, name: string, url?: string): Author => ({ key, handle, name, url, followers: null });

const appstore: Profile = {
  refine(item, draft, ctx) {
    const rating = num(item.raw.imRating);
    // Older review feeds open with an entry for the app itself, which has no rating.
    if (rating === undefined && ctx.feed.items.some((i) => num(i.imRating) !== undefined)) return null;
    const reviewer = item.authorName ?? 'unknown';
    const meta = { ...draft.meta };
    const version = textOf(item.raw.imVersion);
    if (version) meta.appVersion = version;
    const sum = num(item.raw.imVoteSum);
    const count = num(item.raw.imVoteCount);
    if (sum !== undefined && count !== undefined && count > 0) meta.helpful = `${sum} of ${count}`;
    return {
      ...draft,
      author: person(`appstore:${reviewer}`, reviewer, reviewer, item.authorUri),
      rating: rating !== undefined && Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : undefined,
      helpfulVotes: sum !== undefined && sum >= 0 ? sum : undefined,
      meta,
    };
  },
};

const SUBMITTED_BY = /submitted by[\s\S]{0,80}?<a\s[^>]*href=["']https?:\/\/(?:www\.|old\.)?reddit\.com\/u(?:ser)?\/([A-Za-z0-9_-]+)/i;

const reddit: Profile = {
  // Reddit ends every post body with "submitted by /u/x [link] [comments]": cut from the last
  // "submitted by" when only a footer's length follows (some feeds lose the links, not the words).
  cleanHtml: (html) => html.replace(/(?:\s|&#32;|&nbsp;)*submitted by(?![\s\S]*submitted by)[\s\S]{0,1000}$/i, ''),
  refine(item, draft) {
    // Atom feeds name the author (/u/name); the older RSS feeds only say "submitted by <a .../user/name>".
    const submitter = item.bodies.map((b) => SUBMITTED_BY.exec(b.value)?.[1]).find(Boolean);
    const raw = item.authorName ?? submitter;
    const name = raw?.replace(/^\/?u\//i, '').trim();
    const meta = { ...draft.meta };
    const cat = item.categories[0];
    const sub = (cat?.term || cat?.label)?.replace(/^\/?r\//i, '').trim() || /\/r\/([^/]+)\//.exec(item.link ?? '')?.[1];
    if (sub) meta.subreddit = sub;
    if (!name) return { ...draft, meta };
    return { ...draft, author: person(`reddit:${name.toLowerCase()}`, name, name, `https://www.reddit.com/user/${encodeURIComponent(name)}`), meta };
  },
};

const mastodon: Profile = {
  refine(item, draft) {
    // Mastodon feeds have no author element: the post's address names the author and instance.
    const m = MASTODON_POST.exec(item.link ?? '') ?? MASTODON_POST.exec(item.guid ?? '');
    const host = m?.[1]?.toLowerCase();
    const user = m?.[2] ?? m?.[3];
    if (!host || !user) return draft;
    return {
      ...draft,
      author: person(`mastodon:${user.toLowerCase()}@${host}`, user, user, `https://${host}/@${user}`),
      meta: { ...draft.meta, instance: host },
    };
  },
};

/** hnrss describes a story with these paragraphs; they are metadata, not what anyone wrote. */
const HN_BOILERPLATE = /<p>\s*(?:Article URL|Comments URL|Points|#\s*Comments):[\s\S]*?<\/p>/gi;

const hackernews: Profile = {
  cleanHtml: (html) => html.replace(HN_BOILERPLATE, ''),
  refine(item, draft) {
    const meta = { ...draft.meta };
    if (item.comments) meta.discussionUrl = item.comments;
    const description = textOf(item.raw.content) ?? '';
    const points = /Points:\s*(\d+)/i.exec(description)?.[1];
    const comments = /#\s*Comments:\s*(\d+)/i.exec(description)?.[1];
    if (points) meta.points = points;
    if (comments) meta.comments = comments;
    const user = item.authorName;
    if (!user) return { ...draft, meta };
    return { ...draft, author: person(`hackernews:${user}`, user, user, `https://news.ycombinator.com/user?id=${encodeURIComponent(user)}`), meta };
  },
};

/** The page a Google redirect (https://www.google.com/url?...&url=REAL&...) leads to, if it is one. */
export function unwrapGoogleRedirect(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const u = new URL(link);
    if (!/(^|\.)google\.[a-z.]+$/i.test(u.hostname) || u.pathname !== '/url') return link;
    const real = u.searchParams.get('url') ?? u.searchParams.get('q');
    if (!real) return link;
    const r = new URL(real);
    return r.protocol === 'http:' || r.protocol === 'https:' ? r.href : link;
  } catch {
    return link;
  }
}

const googleAlerts: Profile = {
  refine(item, draft) {
    const url = unwrapGoogleRedirect(item.link);
    // Alerts have no author; the site that published the page is who is talking.
    let host: string | undefined;
    try {
      host = url ? new URL(url).hostname.replace(/^www\./, '') : undefined;
    } catch {
      host = undefined;
    }
    const author = item.authorName || !host ? draft.author : person(`google-alerts:${host}`, host, host, `https://${host}/`);
    return { ...draft, url, author, meta: host ? { ...draft.meta, site: host } : draft.meta };
  },
};

const generic: Profile = { refine: (_item, draft) => draft };

export const PROFILES: Record<FeedProfile, Profile> = {
  appstore,
  reddit,
  mastodon,
  hackernews,
  'google-alerts': googleAlerts,
  generic,
};
