/**
 * Issue 10 item 3: on Linux without a keyring, Electron's safeStorage falls back to `basic_text` (a
 * fixed password). Earshot notices, the Sources screen says the tokens are not protected by a
 * keyring, and "keep for this session only" stops writing them to disk (held in memory only).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialProtection } from '../../../src-main/electron/credential-storage';
import { EncryptedFileSecretStore } from '../../../src-main/config/secrets';
import { Core } from '../../../src-main/core/core';
import { createLogger } from '../../../src-main/core/log';

const safe = (backend: string, available = true) => ({ isEncryptionAvailable: () => available, getSelectedStorageBackend: () => backend });
const enc = { encrypt: (s: string) => Buffer.from(s), decrypt: (b: Buffer) => b.toString() };

describe('credential storage protection', () => {
  it.each([
    ['linux', 'basic_text', false],
    ['linux', 'gnome_libsecret', true],
    ['linux', 'kwallet5', true],
    ['darwin', 'unknown', true],
    ['win32', 'unknown', true],
  ])('%s with %s is protected: %s', (platform, backend, expected) => {
    const p = credentialProtection(safe(backend), platform as NodeJS.Platform);
    expect(p.protected).toBe(expected);
    if (!expected) expect(p.message).toMatch(/not protected by a keyring/);
  });

  it('keeps tokens in memory only once asked, and removes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-cred-'));
    const store = await EncryptedFileSecretStore.open(dir, enc);
    await store.set('a', { bearerToken: 'T1' });
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(true);
    const core = new Core({
      dataDir: dir,
      resourcesDir: join(import.meta.dirname, '../../../resources'),
      mode: 'electron',
      version: 't',
      secrets: store,
      log: createLogger('t'),
      config: { sources: [{ id: 'demo', kind: 'demo', backlog: 0, limit: 0 }] },
      credentialProtection: credentialProtection(safe('basic_text'), 'linux'),
    });
    await core.start();
    const conn = core.connect({ send: () => undefined });
    const before = (await conn.handle('listSources', {})) as { ok: true; value: { credentialStorage?: { protected: boolean; sessionOnly: boolean; message?: string } } };
    expect(before.value.credentialStorage).toMatchObject({ protected: false, sessionOnly: false, message: expect.stringMatching(/keyring/) });
    expect(await conn.handle('keepCredentialsForSessionOnly', {})).toEqual({ ok: true, value: {} });
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(false);
    await store.set('a', { bearerToken: 'T2' });
    expect(store.get('a')?.bearerToken).toBe('T2');
    expect(existsSync(join(dir, 'secrets.bin'))).toBe(false);
    const after = (await conn.handle('listSources', {})) as { ok: true; value: { credentialStorage?: { sessionOnly: boolean } } };
    expect(after.value.credentialStorage?.sessionOnly).toBe(true);
    conn.close();
    await core.stop();
  });
});
