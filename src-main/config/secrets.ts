/**
 * Where credentials live. They never go to the renderer, a log line or a plain file:
 * - desktop: encrypted with the OS keychain through Electron's safeStorage (src-main/electron wires
 *   an `Encryptor` in), stored as ciphertext in secrets.bin;
 * - browser mode and CLIs: held in memory, read from the config file or the environment.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { CredentialsInputSchema } from '../shared/contract';
import { redactSecret } from '../core/log';
import { readFileIfExists, writeFileAtomic, SerialQueue } from '../core/fsutil';
import { promises as fs } from 'node:fs';

export type Credentials = z.infer<typeof CredentialsInputSchema>;

export interface SecretStore {
  readonly persistent: boolean;
  get(sourceId: string): Credentials | undefined;
  set(sourceId: string, creds: Credentials): Promise<void>;
  delete(sourceId: string): Promise<void>;
  /** Stop persisting: remove what is on disk and keep credentials in memory until quit. */
  keepForSessionOnly?(): Promise<void>;
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
      const parsed = z.record(z.string(), CredentialsInputSchema).safeParse(JSON.parse(enc.decrypt(Buffer.from(b64, 'base64'))));
      if (parsed.success) for (const [k, v] of Object.entries(parsed.data)) store.map.set(k, v);
    }
    for (const c of store.map.values()) registerCredentialsForRedaction(c);
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
  keepForSessionOnly(): Promise<void> {
    this.sessionOnly = true;
    return this.queue.run(() => fs.rm(this.path, { force: true }));
  }
  private save(): Promise<void> {
    if (this.sessionOnly) return Promise.resolve();
    const blob = this.enc.encrypt(JSON.stringify(Object.fromEntries(this.map))).toString('base64');
    return this.queue.run(async () => {
      await writeFileAtomic(this.path, blob);
      await fs.chmod(this.path, 0o600).catch(() => undefined);
    });
  }
}
