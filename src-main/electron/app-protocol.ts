/**
 * The desktop window is served from `app://earshot/`, a privileged standard scheme, instead of
 * file://: the page gets a real origin (one constant to compare IPC senders with, the same on
 * Windows and on paths with spaces), and every response comes from our handler, which adds the CSP
 * header and serves only files inside the built renderer folder.
 */
import { MIME } from '../core/mime';
import { protocol } from 'electron';
import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { CSP } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'earshot';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;


/**
 * The origin of a URL as `scheme://host` (Node's URL gives "null" as the origin of a non-special
 * scheme such as app:, so it is built from the parsed parts); undefined when it does not parse.
 */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The file an app:// URL names inside the renderer folder, or undefined (other host, traversal, NUL). */
export function resolveAppPath(rendererDir: string, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = normalize(rendererDir);
  const file = normalize(join(root, rel));
  return file.startsWith(root + sep) ? file : undefined;
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppPath(rendererDir, req.url);
    const notFound = (): Response => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    if (!file) return notFound();
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return notFound();
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
