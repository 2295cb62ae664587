/**
 * An OAuth 2.0 user token expires after two hours; with its refresh token and client id (INTERFACES.md
 * source config) the app renews it, saves the rotated pair, and sends the reply once — through the
 * core's sendReply command, as the composer calls it.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src-main/core/core';
import { MemorySecretStore } from '../../src-main/config/secrets';
import { createLogger, setLogSink } from '../../src-main/core/log';
import { startFakeX, FAKE_BEARER, FAKE_USER_TOKEN, FAKE_REFRESH_TOKEN, FAKE_CLIENT_ID, type FakeX } from '../fakes/x-server';

let x: FakeX | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  await x?.close();
  setLogSink(null);
});

async function boot(creds: Record<string, string>): Promise<{ core: Core; secrets: MemorySecretStore; lines: string[] }> {
  const lines: string[] = [];
  setLogSink((l) => lines.push(l));
  x = await startFakeX();
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-refresh-'));
  const secrets = new MemorySecretStore();
  core = new Core({
    dataDir,
    resourcesDir: join(import.meta.dirname, '../../resources'),
    mode: 'web',
    version: 'test',
    secrets,
    log: createLogger('test'),
    config: { sources: [{ id: 'acme', kind: 'x-mentions', userId: '783214', apiBase: x.url, bearerToken: FAKE_BEARER, intervalSeconds: 3600, ...creds }] },
  });
  await core.start();
  return { core, secrets, lines };
}

async function send(c: Core, attemptId: string): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const conn = c.connect({ send: () => undefined });
  const reply = await conn.handle('sendReply', { mentionId: 'x:1860000000000000105', text: `We're on it, Dana. ^MK ${attemptId}`, attemptId });
  conn.close();
  return reply as { ok: boolean; value?: unknown; error?: { message: string } };
}

describe('OAuth 2.0 user token renewal', () => {
  it('renews an expired token with the refresh token, saves the rotated pair, and posts once', async () => {
    const { core: c, secrets, lines } = await boot({ userAccessToken: FAKE_USER_TOKEN, refreshToken: FAKE_REFRESH_TOKEN, clientId: FAKE_CLIENT_ID });
    x!.expireUserToken();
    const reply = await send(c, 'attempt-renew-0001');
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(x!.tokenRefreshes()).toBe(1);
    expect(x!.posts.filter((p) => p.status === 201)).toHaveLength(1);
    const saved = secrets.get('acme')!;
    expect(saved.userAccessToken).toMatch(/rotated-1/);
    expect(saved.refreshToken).toMatch(/rotated-1/);
    // Neither the old nor the new tokens reach a log line.
    const log = lines.join('\n');
    for (const t of [FAKE_USER_TOKEN, FAKE_REFRESH_TOKEN, saved.userAccessToken!, saved.refreshToken!]) expect(log).not.toContain(t);
  });

  it('without a refresh token, an expired token says to paste a new one', async () => {
    const { core: c } = await boot({ userAccessToken: FAKE_USER_TOKEN });
    x!.expireUserToken();
    const reply = await send(c, 'attempt-renew-0002');
    expect(reply.ok).toBe(false);
    expect(reply.error!.message).toMatch(/refused the user credentials \(401\)/);
    expect(x!.tokenRefreshes()).toBe(0);
  });

  it('a refused refresh says to sign in again', async () => {
    const { core: c } = await boot({ userAccessToken: FAKE_USER_TOKEN, refreshToken: 'not-the-right-refresh-token', clientId: FAKE_CLIENT_ID });
    x!.expireUserToken();
    const reply = await send(c, 'attempt-renew-0003');
    expect(reply.ok).toBe(false);
    expect(reply.error!.message).toMatch(/did not renew the user token .*Sign in again/);
  });
});
