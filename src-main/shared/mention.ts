import { z } from 'zod';

/** Where a mention was heard. `feed` is any RSS/Atom feed without a more specific profile. */
export const CHANNELS = ['x', 'appstore', 'reddit', 'mastodon', 'hackernews', 'google-alerts', 'feed', 'demo'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** Reach tiers by estimated audience (INTERFACES.md). Fixed thresholds so reports compare across months. */
export const REACH_TIERS = ['everyday', 'micro', 'mid', 'macro', 'mega'] as const;
export const ReachTierSchema = z.enum(REACH_TIERS);
export type ReachTier = z.infer<typeof ReachTierSchema>;

export const AuthorSchema = z.object({
  /** Channel-scoped identity, e.g. `x:1500000001`, `reddit:someone`, `appstore:Reviewer Name`. */
  key: z.string().min(1),
  handle: z.string(),
  name: z.string(),
  url: z.string().optional(),
  /** `null` where the channel does not say. */
  followers: z.number().int().nonnegative().nullable(),
  verified: z.boolean().optional(),
  /** Set when the network reports the account as suspended, deleted or otherwise unavailable. */
  unavailable: z.boolean().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const ReachSchema = z.object({
  score: z.number().min(0).max(100),
  tier: ReachTierSchema,
});
export type Reach = z.infer<typeof ReachSchema>;

export const MentionSchema = z.object({
  id: z.string().min(1),
  sourceId: z.string().min(1),
  channel: ChannelSchema,
  url: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
  title: z.string().optional(),
  createdAt: z.string().datetime({ offset: true }),
  /** When Earshot first heard it (set by main when the mention enters the outbox). */
  receivedAt: z.string().datetime({ offset: true }).optional(),
  /** For a backfill on first connecting a source, the SLA clock starts here instead of createdAt. */
  clockStartAt: z.string().datetime({ offset: true }).optional(),
  author: AuthorSchema,
  reach: ReachSchema,
  rating: z.number().int().min(1).max(5).optional(),
  lang: z.string().nullable().optional(),
  conversationId: z.string().optional(),
  inReplyToId: z.string().optional(),
  isRepost: z.boolean().optional(),
  /** Channel-specific extras (subreddit, app version, instance, discussion link ...). Plain strings only. */
  meta: z.record(z.string(), z.string()).optional(),
  /** negative / neutral / positive with a score from -1 to 1; null where the language cannot be judged (never a guess). */
  sentiment: z.object({ label: z.enum(['negative', 'neutral', 'positive']), score: z.number().min(-1).max(1) }).nullable().optional(),
  /** Ids of the topic rules that match, in rule order. */
  topics: z.array(z.string()).optional(),
});
export type Mention = z.infer<typeof MentionSchema>;

/**
 * What the channel tells us about an author's audience, before scoring. Sources fill what they know;
 * the reach module (src-main/reach) turns it into a Reach.
 */
export const ReachInputsSchema = z.object({
  followers: z.number().nonnegative().nullable(),
  listed: z.number().nonnegative().optional(),
  verified: z.boolean().optional(),
  /** Average engagements (likes + reposts + replies + quotes) on the author's posts we have seen. */
  engagement: z.number().nonnegative().optional(),
  /** Review helpfulness votes, where the channel gives them. */
  helpfulVotes: z.number().nonnegative().optional(),
  /** The channel's own audience when the author has none of their own (a subreddit, an app's store page). */
  channelAudience: z.number().nonnegative().optional(),
  /** How many times this author has written to us before. */
  history: z.number().nonnegative().optional(),
});
export type ReachInputs = z.infer<typeof ReachInputsSchema>;

/** A mention as a source yields it: everything but the reach score, plus what the score is made of. */
export type SourceMention = Omit<Mention, 'reach'> & { reachInputs: ReachInputs };
