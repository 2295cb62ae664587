/**
 * Is an earlier try of a reply already on X? Asked after an ambiguous failure, before posting again.
 *
 * Why the account's own timeline (GET /2/users/:me/tweets) and not recent search: the timeline is
 * the author's own posts and shows a new post at once, while recent search is an index that can lag
 * seconds to minutes behind, so a check against it could miss the reply and post it a second time.
 * `start_time` (when the attempt began, less a few minutes for clock differences) keeps the answer,
 * and the reads it costs, small. The fake X server (tests/fakes/x-server.ts) serves both calls.
 */
import { isoSeconds } from './x-cursor';
import type { XHttp } from './x-http';
import { decodeXText } from './x-normalize';
import { MeSchema, parsePage } from './x-wire';

const CLOCK_SLACK_MS = 5 * 60_000;
const MAX_PAGES = 3;

export interface ReplyToFind {
  targetTweetId: string;
  text: string;
  /** When the attempt was first recorded (ISO). */
  createdAt: string;
}

/** `me` is the account's user id once known (cached by the caller; one request saved per check). */
export async function findExistingReply(http: XHttp, a: ReplyToFind, me?: string): Promise<{ me: string; found?: { id: string; createdAt?: string } }> {
  if (!me) {
    const res = await http.get({ path: 'users/me' });
    me = MeSchema.parse(res.data).data.id;
  }
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = {
      max_results: '100',
      'tweet.fields': 'created_at,referenced_tweets,note_tweet',
      start_time: isoSeconds(Date.parse(a.createdAt) - CLOCK_SLACK_MS),
    };
    if (token) query.pagination_token = token;
    const res = await http.get({ path: `users/${me}/tweets`, query });
    const p = parsePage(res.data);
    const hit = p.tweets.find(
      (t) => t.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === a.targetTweetId) && sameText(t.note_tweet?.text ?? t.text, a.text),
    );
    if (hit) return { me, found: { id: hit.id, createdAt: hit.created_at } };
    token = p.nextToken;
    if (!token) break;
  }
  return { me };
}

/**
 * Whether a post on X is the text we sent: X escapes &, < and >, wraps links in t.co, and may
 * normalise whitespace, so those differences do not count.
 */
export function sameText(posted: string, sent: string): boolean {
  const norm = (s: string): string =>
    decodeXText(s)
      .replace(/https?:\/\/\S+/g, 'URL')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(posted) === norm(sent);
}
