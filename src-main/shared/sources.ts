import { z } from 'zod';
import { apiBaseProblem } from './x-api-base';

export const SOURCE_KINDS = ['x-mentions', 'x-search', 'feed', 'demo'] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const FEED_PROFILES = ['appstore', 'reddit', 'mastodon', 'hackernews', 'google-alerts', 'generic'] as const;
export const FeedProfileSchema = z.enum(FEED_PROFILES);
export type FeedProfile = z.infer<typeof FeedProfileSchema>;

/** Seconds between polls. A network source polls at most every 5 s (the demo may go faster), at least daily. */
export const MIN_INTERVAL_SECONDS = 5;
export const MAX_INTERVAL_SECONDS = 86_400;
/** Seconds between polls when a source's `intervalSeconds` is not set. */
export const DEFAULT_INTERVAL_SECONDS: Readonly<Record<SourceKind, number>> = { 'x-mentions': 60, 'x-search': 60, feed: 300, demo: 4 };
/** How long one network request may take when a source's `timeoutSeconds` is not set. */
export const DEFAULT_TIMEOUT_SECONDS = 20;

/** A source's `timeoutSeconds` (or the default) in milliseconds: every connector's request deadline. */
export function timeoutMs(timeoutSeconds?: number): number {
  return (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/**
 * A source's settings: the one declaration the config file (config/config.ts), the bridge
 * (`saveSource`, `listSources`), the registry and the connectors derive from, so the Sources screen
 * and a config file accept exactly the same values. Credentials are not settings: they are
 * declared beside the commands (contract.ts) and kept in the SecretStore.
 */
export const SourceSettingsSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'use letters, digits, ".", "_" or "-" (at most 64)'),
  kind: SourceKindSchema,
  label: z.string().max(120, 'at most 120 characters').optional(),
  url: z.string().url().optional(),
  /** Forces a feed's site profile instead of recognising it from the URL and content. */
  profile: FeedProfileSchema.optional(),
  /** Whose mentions to read (x-mentions). */
  userId: z.string().regex(/^\d+$/, 'an X user id is digits only').optional(),
  /** X search syntax (x-search), e.g. `"acme air" -is:retweet`. */
  query: z.string().min(1).max(1024, 'at most 1024 characters').optional(),
  apiBase: z.string().url().optional(),
  // The 5 s floor for network sources is checked in checkSourceSettings (the demo is exempt).
  intervalSeconds: z.number().positive('more than 0 seconds').max(MAX_INTERVAL_SECONDS, `at most ${MAX_INTERVAL_SECONDS} seconds (a day)`).optional(),
  monthlyReadBudget: z.number().int().positive().optional(),
  timeoutSeconds: z.number().min(1, 'at least 1 second').max(300, 'at most 300 seconds').optional(),
  maxBytes: z.number().int().min(1024, 'at least 1024 bytes').optional(),
  /** A feed may read loopback and private addresses (off by default: see fetch-feed.ts). */
  allowPrivateNetwork: z.boolean().optional(),
});
export type SourceSettings = z.infer<typeof SourceSettingsSchema>;
export const SOURCE_SETTING_KEYS = Object.keys(SourceSettingsSchema.shape) as ReadonlyArray<keyof SourceSettings>;

/** The demo's knobs: config file only (tests use them to make a finite, fast demo); the UI does not offer them. */
export const DemoKnobsSchema = z.object({
  /** Mentions in the first poll's backlog (default 12). */
  backlog: z.number().int().nonnegative().optional(),
  /** Stop after this many mentions in total; unlimited by default. */
  limit: z.number().int().nonnegative().optional(),
  /** Mentions per later poll (default: 1 or 2, alternating). */
  perPoll: z.number().int().positive().optional(),
});
export type DemoKnobs = z.infer<typeof DemoKnobsSchema>;

/**
 * The rules across fields, for every schema built on SourceSettingsSchema (a superRefine): what
 * each kind needs, the poll floor, and where credentials may be sent.
 */
export function checkSourceSettings(s: SourceSettings, ctx: z.RefinementCtx): void {
  const issue = (field: keyof SourceSettings, message: string): void => ctx.addIssue({ code: 'custom', path: [field], message });
  if (s.kind === 'feed' && !s.url) issue('url', 'a feed source needs a url');
  if (s.kind === 'x-mentions' && !s.userId) issue('userId', 'an x-mentions source needs the userId whose mentions to read');
  if (s.kind === 'x-search' && !s.query) issue('query', 'an x-search source needs a query');
  const badBase = s.apiBase === undefined ? undefined : apiBaseProblem(s.apiBase);
  if (badBase) issue('apiBase', badBase);
  if (s.kind !== 'demo' && s.intervalSeconds !== undefined && s.intervalSeconds < MIN_INTERVAL_SECONDS) {
    issue('intervalSeconds', `at least ${MIN_INTERVAL_SECONDS} seconds between polls (only the demo may poll faster)`);
  }
}

/**
 * A source as the renderer may see it: the settings a user edits, never a secret. Whether a
 * credential is present is shown as a flag; the credential itself stays in main.
 */
export const SourceSummarySchema = SourceSettingsSchema.extend({
  paused: z.boolean(),
  hasReadCredential: z.boolean(),
  hasReplyCredential: z.boolean(),
});
export type SourceSummary = z.infer<typeof SourceSummarySchema>;

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
