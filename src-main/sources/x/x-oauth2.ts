/**
 * Renewing an OAuth 2.0 user access token (X's tokens last two hours) with the refresh token
 * issued alongside it: POST /2/oauth2/token, grant_type=refresh_token, for a public client
 * (PKCE apps have no client secret). X rotates the refresh token on every use, so both are saved.
 * The request goes through twitter-api-v2's refreshOAuth2Token on the connector's one HTTP client
 * (x-http.ts), so it has the same deadline, size limit and apiBase check as every X call.
 */
import { redactSecret } from '../../core/log';
import { DEFAULT_API_BASE, XHttp, XHttpError } from './x-http';
import { apiBaseProblem } from '../../shared/x-api-base';
import { timeoutMs } from '../../shared/sources';

export interface RenewedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresInSeconds?: number;
}

/** A token answer is a few hundred bytes; anything near this is not one. */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;
const SIGN_IN_AGAIN = 'Sign in again and paste a new OAuth 2.0 user token in the source settings.';

export async function refreshUserToken(opts: { apiBase?: string; clientId: string; refreshToken: string; timeoutMs?: number }): Promise<RenewedTokens> {
  // The refresh token is a credential like the others: it goes only where apiBase may point.
  const problem = apiBaseProblem(opts.apiBase ?? DEFAULT_API_BASE);
  if (problem) throw new Error(`Not renewing the user token: apiBase refused (${problem}).`);
  const http = new XHttp({ apiBase: opts.apiBase, auth: { clientId: opts.clientId }, timeoutMs: opts.timeoutMs ?? timeoutMs(), maxBytes: MAX_TOKEN_ANSWER_BYTES });
  let renewed: Awaited<ReturnType<XHttp['refreshOAuth2Token']>>;
  try {
    renewed = await http.refreshOAuth2Token(opts.refreshToken);
  } catch (e) {
    throw renewalFailure(e);
  } finally {
    http.close();
  }
  if (typeof renewed.accessToken !== 'string' || !renewed.accessToken) throw new Error(`X did not renew the user token (HTTP 200 without a token). ${SIGN_IN_AGAIN}`);
  redactSecret(renewed.accessToken);
  redactSecret(renewed.refreshToken);
  return {
    accessToken: renewed.accessToken,
    refreshToken: typeof renewed.refreshToken === 'string' ? renewed.refreshToken : undefined,
    expiresInSeconds: typeof renewed.expiresIn === 'number' ? renewed.expiresIn : undefined,
  };
}

/** X's refusal (its error_description when it gives one), or why X could not be reached. */
function renewalFailure(e: unknown): Error {
  if (e instanceof XHttpError && e.kind === 'status') {
    const body = e.details.body as { error_description?: unknown } | undefined;
    const why = typeof body?.error_description === 'string' ? body.error_description : `HTTP ${e.details.status}`;
    return new Error(`X did not renew the user token (${why}). ${SIGN_IN_AGAIN}`);
  }
  const why = e instanceof XHttpError && e.kind === 'timeout' ? 'no answer in time' : e instanceof Error ? e.message : String(e);
  return new Error(`Could not reach X to renew the user token (${why}).`);
}
