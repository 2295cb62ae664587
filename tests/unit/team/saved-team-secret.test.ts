/** The saved team choice lives in the encrypted SecretStore beside source credentials, never in plain text. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileSecretStore } from '../../../src-main/config/secrets';
import { redact } from '../../../src-main/core/log';

// A reversible stand-in for safeStorage that is not plain text (base64 of a reversed string, tagged).
const enc = {
  encrypt: (s: string) => Buffer.from('ENC:' + Buffer.from([...s].reverse().join('')).toString('base64')),
  decrypt: (b: Buffer) => [...Buffer.from(b.toString().slice(4), 'base64').toString()].reverse().join(''),
};
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('saved team in the SecretStore', () => {
  it('survives a reopen with the sources\' credentials intact; nothing readable on disk; the password is redacted from logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-secrets-'));
    dirs.push(dir);
    const url = 'postgres://earshot:Team-Pass-9876@db.example.com:5432/earshot?sslmode=require';
    const a = await EncryptedFileSecretStore.open(dir, enc);
    await a.set('acme-mentions', { bearerToken: 'bearer-abcdef' });
    await a.setTeam({ databaseUrl: url, agent: 'mk', role: 'lead' });
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8')).not.toContain('Team-Pass-9876');
    const b = await EncryptedFileSecretStore.open(dir, enc);
    expect(b.team()).toEqual({ databaseUrl: url, agent: 'mk', role: 'lead' });
    expect(b.get('acme-mentions')).toEqual({ bearerToken: 'bearer-abcdef' });
    expect(redact(`connect failed for Team-Pass-9876`)).not.toContain('Team-Pass-9876');
    await b.setTeam(undefined);
    const c = await EncryptedFileSecretStore.open(dir, enc);
    expect(c.team()).toBeUndefined();
    expect(c.get('acme-mentions')).toEqual({ bearerToken: 'bearer-abcdef' });
  });
});
