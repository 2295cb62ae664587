import { z } from 'zod';

export const SOURCE_KINDS = ['x-mentions', 'x-search', 'feed', 'demo'] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const FEED_PROFILES = ['appstore', 'reddit', 'mastodon', 'hackernews', 'google-alerts', 'generic'] as const;
export const FeedProfileSchema = z.enum(FEED_PROFILES);
export type FeedProfile = z.infer<typeof FeedProfileSchema>;

/**
 * A source as the renderer may see it: the settings a user edits, never a secret. Whether a
 * credential is present is shown as a flag; the credential itself stays in main.
 */
export const SourceViewSchema = z.object({
  id: z.string().min(1),
  kind: SourceKindSchema,
  label: z.string().optional(),
  paused: z.boolean(),
  url: z.string().optional(),
  profile: FeedProfileSchema.optional(),
  userId: z.string().optional(),
  query: z.string().optional(),
  apiBase: z.string().optional(),
  intervalSeconds: z.number().positive().optional(),
  monthlyReadBudget: z.number().int().positive().optional(),
  timeoutSeconds: z.number().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
  allowPrivateNetwork: z.boolean().optional(),
  hasReadCredential: z.boolean(),
  hasReplyCredential: z.boolean(),
});
export type SourceView = z.infer<typeof SourceViewSchema>;

export const HEALTH_STATES = [
  'starting', // registered, first poll not done yet
  'ok',
  'paused', // the user paused it
  'rate-limited', // waiting for x-rate-limit-reset; resumes by itself
  'capped', // monthly usage cap or read budget reached; resumes next period
  'auth-error', // 401/403: stopped until the user fixes the credential
  'error', // transient failure (timeout, 5xx, malformed data): retrying with backoff
] as const;
export const HealthStateSchema = z.enum(HEALTH_STATES);
export type HealthState = z.infer<typeof HealthStateSchema>;

export const SourceHealthSchema = z.object({
  sourceId: z.string(),
  kind: SourceKindSchema,
  state: HealthStateSchema,
  /** What happened, in words a community manager understands. */
  message: z.string(),
  /** What the user can do about it, if anything. */
  action: z.string().optional(),
  lastPollAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  nextPollAt: z.string().optional(),
  lastItems: z.number().int().nonnegative(),
  totalItems: z.number().int().nonnegative(),
  consecutiveFailures: z.number().int().nonnegative(),
  rateLimitRemaining: z.number().int().nullable().optional(),
  rateLimitResetAt: z.string().optional(),
  readsThisMonth: z.number().int().nonnegative().optional(),
  projectedReadsThisMonth: z.number().int().nonnegative().optional(),
  monthlyReadBudget: z.number().int().positive().optional(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;
