/**
 * Credentials from the environment for browser mode and the CLIs, where no OS keychain is at hand:
 * EARSHOT_<SOURCE_ID>_BEARER_TOKEN, ..._USER_ACCESS_TOKEN (source id upper-cased, non-alphanumerics
 * as "_"), and EARSHOT_X_BEARER_TOKEN / EARSHOT_X_USER_ACCESS_TOKEN for every X source.
 */
import type { Credentials } from './secrets';

export function envCredentials(env: NodeJS.ProcessEnv, sourceIds: string[] = []): Array<[string, Credentials]> {
  const out: Array<[string, Credentials]> = [];
  for (const id of sourceIds) {
    const prefix = `EARSHOT_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
    const c: Credentials = {};
    if (env[`${prefix}BEARER_TOKEN`]) c.bearerToken = env[`${prefix}BEARER_TOKEN`];
    if (env[`${prefix}USER_ACCESS_TOKEN`]) c.userAccessToken = env[`${prefix}USER_ACCESS_TOKEN`];
    if (Object.keys(c).length) out.push([id, c]);
  }
  return out;
}
