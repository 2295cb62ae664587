/**
 * X posts to SourceMentions. Pure: the same page gives the same mentions, and a post found by the
 * mentions source and by a search source gives the same id (`x:<tweet id>`), so it is one mention.
 */
import type { SourceMention } from '../../shared/mention';
import type { ParsedPage, Tweet, User } from './x-wire';

/** X's epoch for snowflake ids (ms). An id's top bits are its creation time. */
const TWITTER_EPOCH_MS = 1288834974657;

export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + TWITTER_EPOCH_MS;
}

/** Numeric order of two X ids (they are too large for a JS number). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Handles and names of authors seen before, so a post whose author was suspended or deleted since
 * still shows who wrote it. Bounded: the oldest entries go first.
 */
export class AuthorMemory {
  private readonly map = new Map<string, { handle: string; name: string }>();
  constructor(private readonly max = 5000) {}
  remember(u: User): void {
    this.map.delete(u.id);
    this.map.set(u.id, { handle: u.username, name: u.name });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  get(id: string): { handle: string; name: string } | undefined {
    return this.map.get(id);
  }
}

/** X sends post text with &amp; &lt; &gt; escaped (only those three); the inbox wants plain text. */
export function decodeXText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function isVerified(u: User): boolean {
  return u.verified === true || (u.verified_type !== undefined && u.verified_type !== 'none');
}

export function normalizeTweet(t: Tweet, users: Map<string, User>, unavailable: Set<string>, memory: AuthorMemory, sourceId: string): SourceMention {
  const authorId = t.author_id ?? 'unknown';
  const user = users.get(authorId);
  const refs = t.referenced_tweets ?? [];
  const m = t.public_metrics ?? {};
  const engagement = (m.like_count ?? 0) + (m.retweet_count ?? 0) + (m.reply_count ?? 0) + (m.quote_count ?? 0);
  const createdAt = t.created_at ? new Date(t.created_at).toISOString() : new Date(snowflakeTime(t.id)).toISOString();
  const inReplyToId = refs.find((r) => r.type === 'replied_to')?.id;
  const lang = t.lang && t.lang !== 'und' ? t.lang : undefined;

  let author: SourceMention['author'];
  let url: string;
  if (user) {
    const verified = isVerified(user);
    author = {
      key: `x:${user.id}`,
      handle: user.username,
      name: user.name,
      url: `https://x.com/${user.username}`,
      followers: user.public_metrics?.followers_count ?? null,
      verified,
    };
    url = `https://x.com/${user.username}/status/${t.id}`;
  } else {
    // Suspended, deleted or protected since posting (the page's `errors` says so), or simply left
    // out of `includes`: the post is still a mention, its author shown as unavailable.
    const known = memory.get(authorId);
    author = {
      key: `x:${authorId}`,
      handle: known?.handle ?? 'unavailable',
      name: known?.name ?? 'Unavailable account',
      followers: null,
      unavailable: true,
    };
    url = known ? `https://x.com/${known.handle}/status/${t.id}` : `https://x.com/i/web/status/${t.id}`;
  }

  const mention: SourceMention = {
    id: `x:${t.id}`,
    sourceId,
    channel: 'x',
    url,
    text: decodeXText(t.note_tweet?.text ?? t.text),
    createdAt,
    author,
    reachInputs: {
      followers: user?.public_metrics?.followers_count ?? null,
      listed: user?.public_metrics?.listed_count,
      verified: user ? isVerified(user) : undefined,
      engagement,
    },
    isRepost: refs.some((r) => r.type === 'retweeted'),
  };
  if (lang) mention.lang = lang;
  if (t.conversation_id) mention.conversationId = t.conversation_id;
  if (inReplyToId) mention.inReplyToId = inReplyToId;
  // Says X itself reported the account (suspended, deleted), not merely left it out of includes.
  if (!user && unavailable.has(authorId)) mention.meta = { authorStatus: 'unavailable' };
  return mention;
}

/** All posts of a page, oldest first (X sends newest first; the journal reads better in time order). */
export function normalizePage(page: ParsedPage, memory: AuthorMemory, sourceId: string): SourceMention[] {
  for (const u of page.users.values()) memory.remember(u);
  return [...page.tweets]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((t) => normalizeTweet(t, page.users, page.unavailableUsers, memory, sourceId));
}
