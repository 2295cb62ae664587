/**
 * The source config file (INTERFACES.md "Source config"), validated when read. A bad file is refused
 * with a message that names the file, the field and what is wrong; nothing starts on a bad config.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SourceKindSchema, FeedProfileSchema } from '../shared/sources';
import { CredentialsInputSchema } from '../shared/contract';
import { apiBaseProblem } from '../sources/x/api-base';
import { createLogger } from '../core/log';
import { configPermissionWarning } from './permissions';

export const SourceConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'use letters, digits, ".", "_" or "-" (at most 64)'),
    kind: SourceKindSchema,
    label: z.string().optional(),
    paused: z.boolean().optional(),
    url: z.string().url().optional(),
    profile: FeedProfileSchema.optional(),
    userId: z.string().regex(/^\d+$/, 'an X user id is digits only').optional(),
    query: z.string().min(1).optional(),
    apiBase: z.string().url().optional(),
    intervalSeconds: z.number().positive().optional(),
    monthlyReadBudget: z.number().int().positive().optional(),
    timeoutSeconds: z.number().positive().optional(),
    maxBytes: z.number().int().positive().optional(),
    /** A feed may read loopback and private addresses (off by default: see fetch-feed.ts). */
    allowPrivateNetwork: z.boolean().optional(),
    // Demo-only knobs (tests use them to make a finite, fast demo).
    backlog: z.number().int().nonnegative().optional(),
    limit: z.number().int().nonnegative().optional(),
    perPoll: z.number().int().positive().optional(),
  })
  .extend(CredentialsInputSchema.shape)
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === 'feed' && !s.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a feed source needs a url' });
    if (s.kind === 'x-mentions' && !s.userId) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'an x-mentions source needs the userId whose mentions to read' });
    const badBase = s.apiBase === undefined ? undefined : apiBaseProblem(s.apiBase);
    if (badBase) ctx.addIssue({ code: 'custom', path: ['apiBase'], message: badBase });
    if (s.kind === 'x-search' && !s.query) ctx.addIssue({ code: 'custom', path: ['query'], message: 'an x-search source needs a query' });
  });
export type SourceConfig = z.infer<typeof SourceConfigSchema>;

/** A team seat (INTERFACES.md "Source config"): the team database and this seat's agent id. */
export const TeamConfigSchema = z
  .object({
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL, e.g. postgres://earshot:PASSWORD@db.example.com:5432/earshot?sslmode=verify-full').optional(),
    agent: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i, 'an agent id is letters, digits, ".", "_" or "-" (at most 40)'),
    name: z.string().min(1).max(100).optional(),
    role: z.enum(['agent', 'community-manager', 'lead']).optional(),
  })
  .strict();
export type TeamConfig = z.infer<typeof TeamConfigSchema>;

export const ConfigSchema = z
  .object({ team: TeamConfigSchema.optional(), sources: z.array(SourceConfigSchema) })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
  });
export type Config = z.infer<typeof ConfigSchema>;

export const DEMO_CONFIG: Config = { sources: [{ id: 'demo', kind: 'demo' }] };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(text: string, where: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where}: not valid JSON (${(e as Error).message})`);
  }
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new ConfigError(`${where}: ${msg}`);
  }
  return r.data;
}

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const config = parseConfig(text, path);
  // Tokens in a file others can read are not the user's alone any more: say so, and how to fix it.
  const warning = configPermissionWarning(path, config);
  if (warning) createLogger('config').warn(warning);
  return config;
}
