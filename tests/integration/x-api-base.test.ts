/**
 * Issue 10 item 1: credentials go only to the real X API or to a loopback fake. Another apiBase is
 * refused (config file, saveSource, token refresh), and changing where a source points clears the
 * credentials entered for the old host, so they are never sent to the new one.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src-main/core/core';
import { MemorySecretStore } from '../../src-main/config/secrets';
import { parseConfig, ConfigError } from '../../src-main/config/config';
import { createLogger } from '../../src-main/core/log';
import { apiBaseProblem } from '../../src-main/shared/x-api-base';
import { refreshUserToken } from '../../src-main/sources/x/x-oauth2';

let core: Core | undefined;
let server: Server | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

describe('apiBase: the real X API or loopback only', () => {
  it.each([
    ['https://api.x.com', true],
    ['https://api.twitter.com/', true],
    ['http://127.0.0.1:4010', true],
    ['http://127.8.9.10', true],
    ['http://localhost:9999', true],
    ['http://[::1]:4010', true],
    ['http://api.x.com', false], // plain http to the real host
    ['https://api.x.com.evil.example', false],
    ['https://evil.example', false],
    ['http://192.168.1.10:4010', false],
    ['http://10.0.0.1', false],
    ['https://user:pw@api.x.com', false],
    ['ftp://127.0.0.1', false],
    ['not a url', false],
  ])('%s accepted: %s', (url, ok) => {
    expect(apiBaseProblem(url) === undefined).toBe(ok);
  });

  it('a config file with another apiBase is refused, naming the field', () => {
    expect(() =>
      parseConfig(JSON.stringify({ sources: [{ id: 'a', kind: 'x-search', query: 'q', apiBase: 'https://collector.evil.example', bearerToken: 't' }] }), 'c.json'),
    ).toThrow(ConfigError);
    expect(() => parseConfig(JSON.stringify({ sources: [{ id: 'a', kind: 'x-search', query: 'q', apiBase: 'https://collector.evil.example' }] }), 'c.json')).toThrow(
      /apiBase: .*api\.x\.com.*loopback/,
    );
  });

  it('token refresh refuses another host without sending anything', async () => {
    let hits = 0;
    server = createServer((_q, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((r) => server!.listen(0, '0.0.0.0', () => r()));
    await expect(refreshUserToken({ apiBase: 'https://collector.evil.example', clientId: 'c', refreshToken: 'r' })).rejects.toThrow(/apiBase/);
    expect(hits).toBe(0);
  });

  async function boot(): Promise<{ core: Core; secrets: MemorySecretStore }> {
    const secrets = new MemorySecretStore();
    core = new Core({
      dataDir: mkdtempSync(join(tmpdir(), 'earshot-apibase-')),
      resourcesDir: join(import.meta.dirname, '../../resources'),
      mode: 'web',
      version: 'test',
      secrets,
      log: createLogger('test'),
      config: { sources: [{ id: 'acme', kind: 'x-search', query: 'acme', apiBase: 'http://127.0.0.1:9', bearerToken: 'BEARER-1', userAccessToken: 'USER-1', refreshToken: 'REFRESH-1', clientId: 'cid', intervalSeconds: 3600, paused: true }] },
    });
    await core.start();
    return { core, secrets };
  }
  const save = async (c: Core, source: Record<string, unknown>): Promise<{ ok: boolean; value?: { source: Record<string, unknown> }; error?: { message: string } }> => {
    const conn = c.connect({ send: () => undefined });
    const r = await conn.handle('saveSource', { source });
    conn.close();
    return r as never;
  };

  it('saveSource refuses a foreign apiBase and keeps the stored credentials where they were', async () => {
    const { core: c, secrets } = await boot();
    const r = await save(c, { id: 'acme', kind: 'x-search', query: 'acme', apiBase: 'http://collector.evil.example:8080' });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(/apiBase/);
    expect(secrets.get('acme')?.bearerToken).toBe('BEARER-1');
    expect(c.registry.list()[0]!.apiBase).toBe('http://127.0.0.1:9');
  });

  it('pointing a source at another host clears its credentials; the same host keeps them', async () => {
    const { core: c, secrets } = await boot();
    const same = await save(c, { id: 'acme', kind: 'x-search', query: 'acme changed', apiBase: 'http://127.0.0.1:9/' });
    expect(same.ok).toBe(true);
    expect(secrets.get('acme')?.bearerToken).toBe('BEARER-1');
    const moved = await save(c, { id: 'acme', kind: 'x-search', query: 'acme', apiBase: 'http://127.0.0.1:10' });
    expect(moved.ok).toBe(true);
    expect(secrets.get('acme')).toBeUndefined();
    expect(moved.value!.source).toMatchObject({ hasReadCredential: false, hasReplyCredential: false });
    // Credentials typed in with the move belong to the new host and are kept.
    const withNew = await save(c, { id: 'acme', kind: 'x-search', query: 'acme', apiBase: 'https://api.x.com', credentials: { bearerToken: 'BEARER-2' } });
    expect(withNew.ok).toBe(true);
    expect(secrets.get('acme')).toEqual({ bearerToken: 'BEARER-2' });
  });
});
