/**
 * Feed items to SourceMentions. Pure: the same feed and fetch time give the same mentions, and the
 * same item the same id on every poll (item-key.ts).
 *
 * - text: plain text of the item's fullest body (Atom content before summary, RSS content:encoded
 *   before description), or its title when it has no body;
 * - html: only where the feed gives HTML, sanitised (sanitize.ts);
 * - createdAt: the item's date; missing or unreadable it is the time of fetching, and a date in
 *   the future is also the time of fetching, since an SLA clock cannot start before we could hear it;
 * - author: whoever the profile finds, else the item's creator, else `feed:<source>:unknown`;
 *   followers are null (feeds do not say);
 * - lang: the item's, else the feed's (RSS <language>, Atom xml:lang).
 */
import type { SourceMention } from '../../shared/mention';
import type { FeedProfile } from '../../shared/sources';
import { textOf, viewItem, type FeedItemFields, type ItemBody } from './feed-item';
import { itemKey, mentionId } from './item-key';
import type { RawFeed } from './parse-feed';
import { collapseWhitespace, htmlToText, looksLikeHtml, toText, unescapeDoubleEscaped } from './plain-text';
import { PROFILE_CHANNEL } from './profile-detect';
import { PROFILES, type Draft, type Profile } from './profiles';
import { sanitizeFeedHtml } from './sanitize';

export interface NormalizeContext {
  sourceId: string;
  profile: FeedProfile;
  /** Where the feed was read from (after redirects): the base for relative links. */
  feedUrl: string;
  fetchedAt: Date;
}

export interface NormalizedItem {
  key: string;
  mention: SourceMention;
}

/** A BCP 47 tag as the renderer's `lang` attribute wants it: "pt-pt" -> "pt-PT". */
export function normalizeLang(tag: string | undefined): string | undefined {
  const t = tag?.trim().replace(/_/g, '-');
  if (!t || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(t)) return undefined;
  const [primary, ...rest] = t.split('-');
  return [primary!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.toLowerCase()))].join('-');
}

function resolveUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function textAndHtml(item: FeedItemFields, profile: Profile, base: string): { text: string; html?: string } {
  const main = item.bodies.filter((b) => b.from !== 'summary');
  const pool = main.length ? main : item.bodies;
  const clean = (b: ItemBody): string => {
    if (b.kind !== 'html') return b.value;
    const html = unescapeDoubleEscaped(b.value);
    return profile.cleanHtml ? profile.cleanHtml(html) : html;
  };
  // A text body says exactly what was written (App Store gives both); else the fullest HTML body.
  const forText = pool.find((b) => b.kind === 'text') ?? pool[0];
  const forHtml = pool.find((b) => b.kind === 'html');
  const text = forText ? (forText.kind === 'text' ? collapseWhitespace(forText.value) : htmlToText(clean(forText))) : '';
  const htmlSource = forHtml ? clean(forHtml) : undefined;
  const html = htmlSource && looksLikeHtml(htmlSource) ? sanitizeFeedHtml(htmlSource, base) : undefined;
  return { text, html };
}

function genericAuthor(item: FeedItemFields, feed: RawFeed, sourceId: string): Draft['author'] {
  const creator = item.authorName;
  const feedTitle = textOf(feed.fields.title);
  return {
    key: `feed:${sourceId}:${creator ?? 'unknown'}`,
    handle: creator ?? 'unknown',
    name: creator ?? (feedTitle ? toText(feedTitle) : 'unknown'),
    url: resolveUrl(item.authorUri, textOf(feed.fields.link) ?? ''),
    followers: null,
  };
}

function createdAt(item: FeedItemFields, fetchedAt: Date): string {
  const iso = item.isoDate;
  if (!iso || Date.parse(iso) > fetchedAt.getTime()) return fetchedAt.toISOString();
  return iso;
}

export function normalizeItem(item: FeedItemFields, feed: RawFeed, ctx: NormalizeContext): NormalizedItem | null {
  const profile = PROFILES[ctx.profile];
  const key = itemKey(item);
  const base = resolveUrl(item.link, ctx.feedUrl) ?? ctx.feedUrl;
  const title = item.title ? (item.titleIsHtml ? htmlToText(item.title) : toText(item.title)) : undefined;
  const { text, html } = textAndHtml(item, profile, base);
  const draft: Draft = {
    url: resolveUrl(item.link, ctx.feedUrl),
    title: title || undefined,
    text: text || title || '',
    html,
    author: genericAuthor(item, feed, ctx.sourceId),
    meta: {},
  };
  const done = profile.refine(item, draft, { sourceId: ctx.sourceId, feed });
  if (!done) return null;
  const lang = normalizeLang(item.language) ?? normalizeLang(textOf(feed.fields.language)) ?? normalizeLang(feed.rootLang);
  const mention: SourceMention = {
    id: mentionId(ctx.sourceId, key),
    sourceId: ctx.sourceId,
    channel: PROFILE_CHANNEL[ctx.profile],
    text: done.text,
    createdAt: createdAt(item, ctx.fetchedAt),
    author: done.author,
    reachInputs: { followers: null, ...(done.helpfulVotes !== undefined ? { helpfulVotes: done.helpfulVotes } : {}) },
  };
  if (done.url) mention.url = done.url;
  if (done.html) mention.html = done.html;
  if (done.title) mention.title = done.title;
  if (done.rating !== undefined) mention.rating = done.rating;
  if (lang) mention.lang = lang;
  if (Object.keys(done.meta).length) mention.meta = done.meta;
  return { key, mention };
}

/** Every item of a feed, in feed order, once each (a feed that repeats a guid gives one mention). */
export function normalizeFeed(feed: RawFeed, ctx: NormalizeContext): { items: NormalizedItem[]; duplicates: number } {
  const seen = new Set<string>();
  const items: NormalizedItem[] = [];
  let duplicates = 0;
  for (const raw of feed.items) {
    const n = normalizeItem(viewItem(raw, feed.format), feed, ctx);
    if (!n) continue;
    if (seen.has(n.key)) {
      duplicates++;
      continue;
    }
    seen.add(n.key);
    items.push(n);
  }
  return { items, duplicates };
}
