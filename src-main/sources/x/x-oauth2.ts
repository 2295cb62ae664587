/**
 * Renewing an OAuth 2.0 user access token (X's tokens last two hours) with the refresh token
 * issued alongside it: POST /2/oauth2/token, grant_type=refresh_token, for a public client
 * (PKCE apps have no client secret). X rotates the refresh token on every use, so both are saved.
 */
import { redactSecret } from '../../core/log';
import { DEFAULT_API_BASE } from './x-http';
import { apiBaseProblem } from '../../shared/x-api-base';
import { timeoutMs } from '../../shared/sources';

export interface RenewedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresInSeconds?: number;
}

export async function refreshUserToken(opts: { apiBase?: string; clientId: string; refreshToken: string; timeoutMs?: number }): Promise<RenewedTokens> {
  // The refresh token is a credential like the others: it goes only where apiBase may point.
  const problem = apiBaseProblem(opts.apiBase ?? DEFAULT_API_BASE);
  if (problem) throw new Error(`Not renewing the user token: apiBase refused (${problem}).`);
  const url = `${(opts.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '')}/2/oauth2/token`;
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: opts.refreshToken, client_id: opts.clientId });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? timeoutMs()),
    });
  } catch (e) {
    throw new Error(`Could not reach X to renew the user token (${(e as Error).name === 'TimeoutError' ? 'no answer in time' : (e as Error).message}).`);
  }
  const text = await res.text();
  let json: { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; error_description?: unknown } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // handled below
  }
  if (!res.ok || typeof json.access_token !== 'string') {
    const why = typeof json.error_description === 'string' ? json.error_description : `HTTP ${res.status}`;
    throw new Error(`X did not renew the user token (${why}). Sign in again and paste a new OAuth 2.0 user token in the source settings.`);
  }
  redactSecret(json.access_token);
  if (typeof json.refresh_token === 'string') redactSecret(json.refresh_token);
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
    expiresInSeconds: typeof json.expires_in === 'number' ? json.expires_in : undefined,
  };
}
