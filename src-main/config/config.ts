/**
 * The source config file (INTERFACES.md "Source config"), validated when read. A bad file is refused
 * with a message that names the file, the field and what is wrong; nothing starts on a bad config.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SourceSettingsSchema, DemoKnobsSchema, checkSourceSettings } from '../shared/sources';
import { CredentialsInputSchema } from '../shared/contract';
import { createLogger } from '../core/log';
import { configPermissionWarning } from './permissions';

/**
 * One source in the file: its settings (the schema the Sources screen uses too), whether it starts
 * paused, the demo's knobs, and credentials written inline (moved to the SecretStore on load).
 */
export const SourceConfigSchema = SourceSettingsSchema.extend({ paused: z.boolean().optional() })
  .extend(DemoKnobsSchema.shape)
  .extend(CredentialsInputSchema.shape)
  .strict()
  .superRefine(checkSourceSettings);
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
  if (!r.success) throw new ConfigError(`${where}: ${r.error.issues.map((i) => describeIssue(i, raw)).join('; ')}`);
  return r.data;
}

/**
 * `source "acme": sources.0.intervalSeconds: at least 5 seconds ...`: the field's path, and for a
 * source's field the source's id too (in a long file, "sources.7" alone is hard to find).
 */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`;
  const [top, index] = issue.path;
  if (top !== 'sources' || typeof index !== 'number') return path;
  const id: unknown = (raw as { sources?: Array<{ id?: unknown }> }).sources?.[index]?.id;
  return typeof id === 'string' && id ? `source ${JSON.stringify(id)}: ${path}` : path;
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
