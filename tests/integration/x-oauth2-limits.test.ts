/**
 * The OAuth 2.0 token renewal goes through the X connector's one HTTP client (twitter-api-v2's
 * refreshOAuth2Token under x-http.ts), so it has a deadline and a size limit like every X call:
 * a token endpoint that never answers, or answers with megabytes, cannot hold or fill the app.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import { refreshUserToken } from '../../src-main/sources/x/x-oauth2';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function tokenServer(answer: (body: string, res: import('node:http').ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => answer(body, res));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('OAuth 2.0 token renewal limits', () => {
  it('sends the refresh grant as a form and reads the rotated pair', async () => {
    let seen = '';
    const base = await tokenServer((body, res) => {
      seen = body;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'bearer', expires_in: 7200, access_token: 'NEW-ACCESS', refresh_token: 'NEW-REFRESH', scope: 'tweet.write' }));
    });
    const renewed = await refreshUserToken({ apiBase: base, clientId: 'cid', refreshToken: 'OLD-REFRESH' });
    expect(renewed).toEqual({ accessToken: 'NEW-ACCESS', refreshToken: 'NEW-REFRESH', expiresInSeconds: 7200 });
    expect(Object.fromEntries(new URLSearchParams(seen))).toEqual({ grant_type: 'refresh_token', refresh_token: 'OLD-REFRESH', client_id: 'cid' });
  });

  it('gives up on a token endpoint that never answers, at the deadline', async () => {
    const base = await tokenServer(() => undefined);
    const t0 = Date.now();
    await expect(refreshUserToken({ apiBase: base, clientId: 'cid', refreshToken: 'R', timeoutMs: 500 })).rejects.toThrow('Could not reach X to renew the user token (no answer in time).');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses a token answer of megabytes without keeping it', async () => {
    const base = await tokenServer((_b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"access_token":"${'A'.repeat(64)}","scope":"x","pad":"`);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const more = (): void => {
        while (sent < 80 && res.write(chunk)) sent++;
        if (sent < 80 && !res.destroyed) res.once('drain', more);
        else res.end('"}');
      };
      more();
    });
    await expect(refreshUserToken({ apiBase: base, clientId: 'cid', refreshToken: 'R' })).rejects.toThrow(/Could not reach X to renew the user token \(POST \/2\/oauth2\/token: the answer is larger than 64 KB\)/);
  });

  it("says X's own words when it refuses the refresh token", async () => {
    const base = await tokenServer((_b, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' }));
    });
    await expect(refreshUserToken({ apiBase: base, clientId: 'cid', refreshToken: 'R' })).rejects.toThrow('X did not renew the user token (Value passed for the token was invalid.). Sign in again');
  });
});
