/**
 * Where credentials live. They never go to the renderer, a log line or a plain file:
 * - desktop: encrypted with the OS keychain through Electron's safeStorage (src-main/electron wires
 *   an `Encryptor` in), stored as ciphertext in secrets.bin;
 * - browser mode and CLIs: held in memory, read from the config file or the environment.
 * Besides each source's credentials, the store keeps the seat's saved team choice (Settings' Team
 * section): its database URL carries the database password.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { CredentialsInputSchema } from '../shared/contract';
import { AGENT_ROLES } from '../shared/team';
import { redactSecret } from '../core/log';
import { readFileIfExists, writeFileAtomic, SerialQueue } from '../core/fsutil';
import { promises as fs } from 'node:fs';

export type Credentials = z.infer<typeof CredentialsInputSchema>;

/** The team database this seat joins at start, and as whom (saved from Settings). */
export const SavedTeamSchema = z
  .object({
    databaseUrl: z.string().min(1),
    agent: z.string().min(1),
    name: z.string().min(1).optional(),
    role: z.enum(AGENT_ROLES).optional(),
  })
  .strict();
export type SavedTeam = z.infer<typeof SavedTeamSchema>;

/** The blob's key for the team choice: a colon never appears in a source id, so it cannot collide. */
const TEAM_KEY = 'team:choice';

export interface SecretStore {
  readonly persistent: boolean;
  get(sourceId: string): Credentials | undefined;
  set(sourceId: string, creds: Credentials): Promise<void>;
  delete(sourceId: string): Promise<void>;
  /** Stop persisting: remove what is on disk and keep credentials in memory until quit. */
  keepForSessionOnly?(): Promise<void>;
  team(): SavedTeam | undefined;
  /** Saves the team choice (undefined forgets it). */
  setTeam(team: SavedTeam | undefined): Promise<void>;
}

function registerTeamForRedaction(t: SavedTeam | undefined): void {
  if (!t) return;
  redactSecret(t.databaseUrl);
  try {
    redactSecret(decodeURIComponent(new URL(t.databaseUrl).password));
  } catch {
    // not a URL: the whole string is redacted above
  }
}

export function registerCredentialsForRedaction(c: Credentials | undefined): void {
  if (!c) return;
  redactSecret(c.bearerToken);
  redactSecret(c.userAccessToken);
  redactSecret(c.refreshToken);
  if (c.oauth1) {
    redactSecret(c.oauth1.appSecret);
    redactSecret(c.oauth1.accessToken);
    redactSecret(c.oauth1.accessSecret);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly map = new Map<string, Credentials>();
  private saved: SavedTeam | undefined;
  team(): SavedTeam | undefined {
    return this.saved;
  }
  async setTeam(team: SavedTeam | undefined): Promise<void> {
    registerTeamForRedaction(team);
    this.saved = team;
  }
  get(id: string): Credentials | undefined {
    return this.map.get(id);
  }
  async set(id: string, creds: Credentials): Promise<void> {
    registerCredentialsForRedaction(creds);
    this.map.set(id, { ...this.map.get(id), ...creds });
  }
  async delete(id: string): Promise<void> {
    this.map.delete(id);
  }
}

export interface Encryptor {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/** Credentials encrypted as one blob by an OS-backed Encryptor (Electron safeStorage). */
export class EncryptedFileSecretStore implements SecretStore {
  readonly persistent = true;
  private map = new Map<string, Credentials>();
  private saved: SavedTeam | undefined;
  private readonly queue = new SerialQueue();
  private sessionOnly = false;

  private constructor(
    private readonly path: string,
    private readonly enc: Encryptor,
  ) {}

  static async open(dir: string, enc: Encryptor): Promise<EncryptedFileSecretStore> {
    const store = new EncryptedFileSecretStore(join(dir, 'secrets.bin'), enc);
    const b64 = await readFileIfExists(store.path);
    if (b64) {
      const raw = JSON.parse(enc.decrypt(Buffer.from(b64, 'base64'))) as unknown;
      const { [TEAM_KEY]: team, ...sources } = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const parsed = z.record(z.string(), CredentialsInputSchema).safeParse(sources);
      if (parsed.success) for (const [k, v] of Object.entries(parsed.data)) store.map.set(k, v);
      const t = SavedTeamSchema.safeParse(team);
      if (t.success) store.saved = t.data;
    }
    for (const c of store.map.values()) registerCredentialsForRedaction(c);
    registerTeamForRedaction(store.saved);
    return store;
  }

  get(id: string): Credentials | undefined {
    return this.map.get(id);
  }
  set(id: string, creds: Credentials): Promise<void> {
    registerCredentialsForRedaction(creds);
    this.map.set(id, { ...this.map.get(id), ...creds });
    return this.save();
  }
  delete(id: string): Promise<void> {
    this.map.delete(id);
    return this.save();
  }
  team(): SavedTeam | undefined {
    return this.saved;
  }
  setTeam(team: SavedTeam | undefined): Promise<void> {
    registerTeamForRedaction(team);
    this.saved = team;
    return this.save();
  }
  keepForSessionOnly(): Promise<void> {
    this.sessionOnly = true;
    return this.queue.run(() => fs.rm(this.path, { force: true }));
  }
  private save(): Promise<void> {
    if (this.sessionOnly) return Promise.resolve();
    const all: Record<string, unknown> = Object.fromEntries(this.map);
    if (this.saved) all[TEAM_KEY] = this.saved;
    const blob = this.enc.encrypt(JSON.stringify(all)).toString('base64');
    return this.queue.run(async () => {
      await writeFileAtomic(this.path, blob);
      await fs.chmod(this.path, 0o600).catch(() => undefined);
    });
  }
}
