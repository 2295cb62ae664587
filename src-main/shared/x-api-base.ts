/**
 * Where X credentials may be sent: the real X API over https, or a loopback address (the fake
 * servers in tests). Anything else would hand the bearer, user and refresh tokens to a server of
 * someone's choosing, so it is refused wherever an apiBase enters: the config file, saveSource and
 * the token refresh.
 */
const REAL_HOSTS = new Set(['api.x.com', 'api.twitter.com']);

/**
 * The WHATWG URL parser, a global in both runtimes that run shared code (Node and Chromium). The
 * shared tsconfig loads neither's types (shared code must not lean on either), so the part used
 * here is declared; parsing by hand instead would miss the tricks (`http://127.0.0.1@evil.example`).
 */
interface ParsedUrl {
  protocol: string;
  hostname: string;
  port: string;
  username: string;
  password: string;
  origin: string;
}
declare const URL: new (raw: string) => ParsedUrl;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return Boolean(m && m.slice(1).every((p) => Number(p) <= 255));
}

/** Why this apiBase is refused, or undefined when credentials may go there. */
export function apiBaseProblem(raw: string): string | undefined {
  const allowed = 'use https://api.x.com (the default) or a loopback address such as http://127.0.0.1:PORT';
  let u: ParsedUrl;
  try {
    u = new URL(raw);
  } catch {
    return `"${raw}" is not a web address; ${allowed}`;
  }
  if (u.username || u.password) return `"${raw}" carries a user name or password; ${allowed}`;
  if (u.protocol === 'https:' && REAL_HOSTS.has(u.hostname.toLowerCase()) && u.port === '') return undefined;
  if ((u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname)) return undefined;
  return `credentials are sent only to the real X API or to this computer, not to "${u.origin}"; ${allowed}`;
}

/** The host credentials are bound to: the origin of the apiBase (the real X API when unset). */
export function credentialHost(apiBase: string | undefined): string {
  if (!apiBase) return 'https://api.x.com';
  try {
    return new URL(apiBase).origin;
  } catch {
    return apiBase;
  }
}
