/**
 * The source registry: which sources exist, their settings (saved in the data dir when the user
 * edits them in the app) and their credentials (in the SecretStore, never in sources.json).
 */
import { join } from 'node:path';
import { SourceConfigSchema, type SourceConfig } from '../config/config';
import type { SecretStore, Credentials } from '../config/secrets';
import { CredentialsInputSchema, type SourceInput } from '../shared/contract';
import { SOURCE_SETTING_KEYS, type SourceSummary, type SourceHealth } from '../shared/sources';
import type { Mention } from '../shared/mention';
import type { Source } from '../sources/source';
import { writeFileAtomic } from './fsutil';
import { credentialHost } from '../shared/x-api-base';
import type { Poller } from './poller';
import { noSourceWithId } from './not-found';

const CREDENTIAL_KEYS = Object.keys(CredentialsInputSchema.shape) as ReadonlyArray<keyof Credentials>;

export type SourceFactory = (cfg: SourceConfig, creds: Credentials | undefined) => Source;

export interface RegistryDeps {
  poller: Poller;
  secrets: SecretStore;
  factory: SourceFactory;
  /** Where user edits are saved; undefined when sources come from a --config file (edits last this run). */
  savePath?: string;
}

export function splitCredentials(cfg: SourceConfig): { settings: SourceConfig; creds: Credentials | undefined } {
  const settings = { ...cfg } as Record<string, unknown>;
  const creds: Record<string, unknown> = {};
  for (const k of CREDENTIAL_KEYS) {
    if (settings[k] !== undefined) creds[k] = settings[k];
    delete settings[k];
  }
  return { settings: settings as SourceConfig, creds: Object.keys(creds).length ? (creds as Credentials) : undefined };
}

export class SourceRegistry {
  private readonly configs = new Map<string, SourceConfig>();

  constructor(private readonly deps: RegistryDeps) {}

  static savePathFor(dataDir: string): string {
    return join(dataDir, 'sources.json');
  }

  async load(sources: SourceConfig[]): Promise<void> {
    for (const s of sources) {
      const { settings, creds } = splitCredentials(s);
      if (creds) await this.deps.secrets.set(s.id, creds);
      this.configs.set(s.id, settings);
      this.deps.poller.add(this.deps.factory(settings, this.deps.secrets.get(s.id)), { paused: settings.paused });
    }
  }

  list(): SourceSummary[] {
    return [...this.configs.values()].map((c) => this.view(c));
  }

  configsOfKind(kinds: SourceConfig['kind'][]): Array<{ config: SourceConfig; creds: Credentials | undefined }> {
    return [...this.configs.values()].filter((c) => kinds.includes(c.kind)).map((config) => ({ config, creds: this.deps.secrets.get(config.id) }));
  }

  async save(input: SourceInput): Promise<SourceSummary> {
    const { credentials, ...settings } = input;
    const previous = this.configs.get(input.id);
    const cfg = SourceConfigSchema.parse({ ...settings, paused: previous?.paused ?? false });
    // Credentials are bound to the host they were entered for: a source pointed elsewhere loses
    // them, and the Sources screen asks for them again (only those typed in with the move are kept).
    const moved = previous !== undefined && credentialHost(previous.apiBase) !== credentialHost(cfg.apiBase);
    const kept = moved ? undefined : this.deps.secrets.get(cfg.id);
    const creds = credentials || kept ? ({ ...kept, ...credentials } as Credentials) : undefined;
    // Build first: a config the factory refuses leaves the running source (and its credentials) untouched.
    const source = this.deps.factory(cfg, creds);
    if (moved) await this.deps.secrets.delete(cfg.id);
    if (credentials) await this.deps.secrets.set(cfg.id, credentials);
    if (previous) await this.deps.poller.remove(cfg.id);
    this.configs.set(cfg.id, cfg);
    this.deps.poller.add(source, { paused: cfg.paused });
    await this.persist();
    return this.view(cfg);
  }

  /** Stores renewed credentials (a refreshed OAuth 2.0 token) for a source. */
  async updateCredentials(id: string, creds: Credentials): Promise<void> {
    if (!this.configs.has(id)) throw noSourceWithId(id);
    await this.deps.secrets.set(id, creds);
  }

  async remove(id: string): Promise<void> {
    if (!this.configs.has(id)) throw noSourceWithId(id);
    await this.deps.poller.remove(id);
    this.configs.delete(id);
    await this.deps.secrets.delete(id);
    await this.persist();
  }

  async setPaused(id: string, paused: boolean): Promise<void> {
    const cfg = this.configs.get(id);
    if (!cfg) throw noSourceWithId(id);
    this.configs.set(id, { ...cfg, paused });
    this.deps.poller.setPaused(id, paused);
    await this.persist();
  }

  async test(id: string): Promise<{ mentions: Mention[]; health: SourceHealth }> {
    const cfg = this.configs.get(id);
    if (!cfg) throw noSourceWithId(id);
    const source = this.deps.factory(cfg, this.deps.secrets.get(id));
    const res = await this.deps.poller.test(source);
    await source.close?.();
    const now = new Date().toISOString();
    const health: SourceHealth = {
      sourceId: id,
      kind: cfg.kind,
      state: res.error ? res.error.state : 'ok',
      message: res.error ? res.error.message : `Test poll: ${res.mentions.length} mention(s) came back`,
      action: res.error?.opts.action,
      lastPollAt: now,
      lastItems: res.mentions.length,
      totalItems: res.mentions.length,
      consecutiveFailures: res.error ? 1 : 0,
    };
    return { mentions: res.mentions, health };
  }

  private view(c: SourceConfig): SourceSummary {
    const creds = this.deps.secrets.get(c.id);
    // Exactly the settings (never a credential or a demo knob): the keys come from the one schema.
    const settings = Object.fromEntries(SOURCE_SETTING_KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
    return {
      ...(settings as Pick<SourceConfig, (typeof SOURCE_SETTING_KEYS)[number]>),
      paused: c.paused ?? false,
      hasReadCredential: Boolean(creds?.bearerToken),
      hasReplyCredential: Boolean(creds?.userAccessToken || creds?.oauth1),
    };
  }

  private async persist(): Promise<void> {
    if (!this.deps.savePath) return;
    await writeFileAtomic(this.deps.savePath, JSON.stringify({ sources: [...this.configs.values()] }, null, 2) + '\n');
  }
}
