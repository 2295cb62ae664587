/**
 * Issue 10 item 2: the desktop window is served from the privileged `app://earshot/` scheme by a
 * handler that sends the CSP as a header and refuses path traversal; the HTML carries the CSP too;
 * IPC trusts only the app window's main frame whose URL parses to the one app origin, refuses
 * sub-frames, and logs each refused sender once. `electron` is mocked.
 */
import { describe, it, expect, vi } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (...args: unknown[]) => unknown;
const privileged: unknown[] = [];
const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
const ipcHandlers = new Map<string, Handler>();
const loaded: string[] = [];
const navHandlers = new Map<string, Handler>();

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      id: 7,
      on: (e: string, h: Handler) => navHandlers.set(e, h),
      setWindowOpenHandler: () => undefined,
      isDestroyed: () => false,
      send: () => undefined,
    };
    loadURL = async (u: string) => void loaded.push(u);
    once(): void {}
    isDestroyed(): boolean {
      return false;
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: vi.fn(async () => undefined) },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() } },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => privileged.push(...s),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, h),
    },
    ipcMain: { handle: (ch: string, h: Handler) => ipcHandlers.set(ch, h), removeHandler: (ch: string) => ipcHandlers.delete(ch) },
  };
});

const { APP_ORIGIN, APP_URL, registerAppScheme, handleAppProtocol, resolveAppPath } = await import('../../../src-main/electron/app-protocol');
const { createMainWindow, CSP } = await import('../../../src-main/electron/window');
const { isTrustedSender, wireIpc } = await import('../../../src-main/electron/ipc');

const root = mkdtempSync(join(tmpdir(), 'earshot-app-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Earshot</title>');
writeFileSync(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside');

describe('the app:// scheme', () => {
  it('is registered as privileged (standard, secure) before the app is ready', () => {
    registerAppScheme();
    expect(privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(APP_ORIGIN).toBe('app://earshot');
    expect(APP_URL).toBe('app://earshot/index.html');
  });

  it.each([
    ['app://earshot/', 'index.html'],
    ['app://earshot/index.html', 'index.html'],
    ['app://earshot/assets/main.js', 'assets/main.js'],
    // The URL parser folds these dot segments at the root: they name renderer/secret.txt, not ../secret.txt.
    ['app://earshot/../secret.txt', 'secret.txt'],
    ['app://earshot/%2e%2e/secret.txt', 'secret.txt'],
    ['app://earshot/assets/%2e%2e%2f%2e%2e%2fsecret.txt', undefined],
    ['app://earshot/..%5csecret.txt', undefined],
    ['app://earshot/%00', undefined],
    ['app://evil/index.html', undefined],
    ['file:///etc/passwd', undefined],
  ])('%s resolves to %s', (url, rel) => {
    const got = resolveAppPath(rendererDir, url);
    expect(got).toBe(rel === undefined ? undefined : join(rendererDir, rel));
  });

  it('serves the built files with the CSP as a header, and 404 outside the renderer folder', async () => {
    handleAppProtocol(rendererDir);
    const h = protocolHandlers.get('app')!;
    const ok = await h(new Request('app://earshot/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CSP);
    expect(ok.headers.get('content-type')).toMatch(/text\/html/);
    expect(await ok.text()).toContain('<title>Earshot</title>');
    const js = await h(new Request('app://earshot/assets/main.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    for (const bad of ['app://earshot/..%2fsecret.txt', 'app://earshot/%2e%2e/secret.txt', 'app://earshot/nope.js']) {
      expect((await h(new Request(bad))).status).toBe(404);
    }
  });

  it('loads the window from app://earshot/ and keeps navigation there', () => {
    createMainWindow(root);
    expect(loaded.at(-1)).toBe('app://earshot/index.html');
    const nav = navHandlers.get('will-navigate')!;
    const evil = { preventDefault: vi.fn() };
    nav(evil, 'app://earshot.evil/index.html');
    expect(evil.preventDefault).toHaveBeenCalled();
    const file = { preventDefault: vi.fn() };
    nav(file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
  });

  it('the HTML carries the same kind of CSP in a meta element', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toMatch(/script-src[^;]*unsafe/);
    expect(meta).toContain("object-src 'none'");
    expect(meta).toContain("base-uri 'none'");
  });
});

describe('IPC sender check', () => {
  const win = { webContents: { id: 7 } } as never;
  const frame = (url: string, parent: unknown = null) => ({ url, parent });

  it('trusts only the app window’s main frame on the app origin', () => {
    const main = frame('app://earshot/index.html#/inbox');
    const ev = (over: Record<string, unknown>) => ({ sender: { id: 7, mainFrame: main }, senderFrame: main, ...over }) as never;
    expect(isTrustedSender(ev({}), win)).toBe(true);
    expect(isTrustedSender(ev({ sender: { id: 8, mainFrame: main } }), win)).toBe(false);
    const sub = frame('app://earshot/index.html', main);
    expect(isTrustedSender(ev({ senderFrame: sub }), win)).toBe(false); // a sub-frame, even on the app origin
    for (const url of ['file:///C:/Program%20Files/Earshot/index.html', 'https://evil.example/', 'app://earshot.evil/index.html', 'app://evil/', 'not a url']) {
      const f = frame(url);
      expect(isTrustedSender(ev({ sender: { id: 7, mainFrame: f }, senderFrame: f }), win)).toBe(false);
    }
    expect(isTrustedSender(ev({ senderFrame: null }), win)).toBe(false);
  });

  it('logs each refused sender once', async () => {
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined, child: () => log } as never;
    const core = { connect: () => ({ handle: async () => ({ ok: true, value: {} }), close: () => undefined }) } as never;
    const w = { webContents: { id: 7, on: () => undefined, send: () => undefined }, isDestroyed: () => false } as never;
    wireIpc(core, w, log);
    const h = ipcHandlers.get('earshot:cmd:listSources') ?? [...ipcHandlers.values()][0]!;
    const evil = frame('https://evil.example/x');
    const ev = { sender: { id: 7, mainFrame: evil }, senderFrame: evil };
    const r1 = (await h(ev, {})) as { ok: boolean };
    await h(ev, {});
    expect(r1.ok).toBe(false);
    const other = frame('app://earshot/index.html', frame('app://earshot/index.html'));
    await h({ sender: { id: 7, mainFrame: evil }, senderFrame: other }, {});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('https://evil.example/x');
  });
});
