/**
 * The X API v2 shapes the connector reads, validated where they enter (STYLE.md habit 3). A page is
 * checked loosely first and each post and user on its own, so one odd item costs that item, not
 * the page. Field lists are the ones the connector asks for (see QUERY_FIELDS).
 */
import { z } from 'zod';

const Id = z.string().regex(/^\d{1,25}$/, 'an X id is digits');
const Count = z.number().int().nonnegative();

export const TweetSchema = z.object({
  id: Id,
  text: z.string(),
  author_id: Id.optional(),
  created_at: z.string().datetime({ offset: true }).optional(),
  conversation_id: Id.optional(),
  in_reply_to_user_id: Id.optional(),
  lang: z.string().max(20).optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: Id })).optional(),
  /** Posts longer than 280 characters: `text` is cut short, the full text is here. */
  note_tweet: z.object({ text: z.string() }).optional(),
  public_metrics: z
    .object({ retweet_count: Count, reply_count: Count, like_count: Count, quote_count: Count })
    .partial()
    .optional(),
});
export type Tweet = z.infer<typeof TweetSchema>;

export const UserSchema = z.object({
  id: Id,
  name: z.string(),
  username: z.string().min(1),
  verified: z.boolean().optional(),
  /** `blue`, `business`, `government` or `none`. */
  verified_type: z.string().optional(),
  public_metrics: z.object({ followers_count: Count, listed_count: Count }).partial().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** RFC 7807-style problem objects: the body of an error response, or an item of a page's `errors`. */
export const ProblemSchema = z
  .object({
    title: z.string(),
    detail: z.string(),
    type: z.string(),
    reason: z.string(),
    required_enrollment: z.string(),
    value: z.string(),
    resource_id: z.string(),
    resource_type: z.string(),
    parameter: z.string(),
    period: z.string(),
    status: z.number(),
  })
  .partial();
export type Problem = z.infer<typeof ProblemSchema>;

export const PageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  errors: z.array(z.unknown()).optional(),
  meta: z
    .object({
      result_count: z.number().optional(),
      newest_id: Id.optional(),
      oldest_id: Id.optional(),
      next_token: z.string().min(1).optional(),
    })
    .optional(),
});

export const PostResultSchema = z.object({ data: z.object({ id: Id, text: z.string().optional() }) });

export const MeSchema = z.object({ data: z.object({ id: Id, username: z.string() }) });

/** What every read asks for, so each mention carries its author's audience and its thread. */
export const QUERY_FIELDS: Record<string, string> = {
  expansions: 'author_id',
  'tweet.fields': 'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,lang,public_metrics,note_tweet',
  'user.fields': 'username,name,verified,verified_type,public_metrics',
};

export interface ParsedPage {
  tweets: Tweet[];
  /** Posts in the answer, well-formed or not: each one is a billed read. */
  received: number;
  users: Map<string, User>;
  /** Author ids the page reports as suspended, deleted or otherwise not visible. */
  unavailableUsers: Set<string>;
  newestId?: string;
  oldestId?: string;
  nextToken?: string;
  /** Items that did not have the expected shape, described for a log line. */
  dropped: string[];
}

/** Parses one page; throws (with zod's words) only when the page as a whole is not a page. */
export function parsePage(raw: unknown): ParsedPage {
  const page = PageSchema.parse(raw);
  const dropped: string[] = [];
  const tweets: Tweet[] = [];
  for (const item of page.data ?? []) {
    const t = TweetSchema.safeParse(item);
    if (t.success) tweets.push(t.data);
    else dropped.push(`post ${describeId(item)}: ${t.error.issues[0]?.path.join('.')} ${t.error.issues[0]?.message}`);
  }
  const users = new Map<string, User>();
  for (const item of page.includes?.users ?? []) {
    const u = UserSchema.safeParse(item);
    if (u.success) users.set(u.data.id, u.data);
    else dropped.push(`user ${describeId(item)}: ${u.error.issues[0]?.path.join('.')} ${u.error.issues[0]?.message}`);
  }
  const unavailableUsers = new Set<string>();
  for (const item of page.errors ?? []) {
    const p = ProblemSchema.safeParse(item);
    if (!p.success) continue;
    const id = p.data.resource_id ?? p.data.value;
    if (id && (p.data.resource_type === 'user' || p.data.parameter === 'author_id')) unavailableUsers.add(id);
  }
  return {
    tweets,
    received: page.data?.length ?? 0,
    users,
    unavailableUsers,
    newestId: page.meta?.newest_id,
    oldestId: page.meta?.oldest_id,
    nextToken: page.meta?.next_token,
    dropped,
  };
}

function describeId(item: unknown): string {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 25) : '(no id)';
}

export function parseProblem(body: unknown): Problem {
  const p = ProblemSchema.safeParse(body);
  return p.success ? p.data : {};
}
