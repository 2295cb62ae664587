/**
 * The desktop window's security settings, with `electron` mocked (the binary cannot be downloaded
 * here, and an unmocked import would try).
 */
import { describe, it, expect, vi, beforeEach } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const created: Array<{ opts: { webPreferences: Record<string, unknown> }; handlers: Map<string, Handler>; openHandler?: Handler; loaded?: string }> = [];
const openExternal = vi.fn(async () => undefined);

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: { on: (e: string, h: Handler) => void; setWindowOpenHandler: (h: Handler) => void; id: number };
    constructor(opts: { webPreferences: Record<string, unknown> }) {
      const rec: (typeof created)[number] = { opts, handlers: new Map() };
      created.push(rec);
      this.webContents = {
        id: 7,
        on: (e, h) => rec.handlers.set(e, h),
        setWindowOpenHandler: (h) => (rec.openHandler = h),
      };
      this.loadURL = async (u: string) => {
        rec.loaded = u;
      };
    }
    loadURL: (u: string) => Promise<void>;
    once(): void {}
    show(): void {}
  }
  return {
    BrowserWindow,
    shell: { openExternal },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() } },
  };
});

const { createMainWindow, isExternalLink, CSP } = await import('../../../src-main/electron/window');
const { isTrustedSender } = await import('../../../src-main/electron/ipc');

describe('the desktop window', () => {
  beforeEach(() => {
    created.length = 0;
    openExternal.mockClear();
  });

  it('runs the renderer isolated and sandboxed, without Node, with a CommonJS preload', () => {
    createMainWindow('/app/out');
    const prefs = created[0]!.opts.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    // Issue 10: served from the privileged app:// scheme, no longer file://.
    expect(created[0]!.loaded).toBe('app://earshot/index.html');
  });

  it('keeps navigation inside the app and sends web links to the system browser', () => {
    createMainWindow('/app/out');
    const nav = created[0]!.handlers.get('will-navigate')!;
    const ev = { preventDefault: vi.fn() };
    nav(ev, 'https://evil.example/phish');
    expect(ev.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/phish');
    const ev2 = { preventDefault: vi.fn() };
    nav(ev2, 'file:///etc/passwd');
    expect(ev2.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses every new window, opening http(s) links outside', () => {
    createMainWindow('/app/out');
    const open = created[0]!.openHandler!;
    expect(open({ url: 'https://x.com/a/status/1' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('has a strict content security policy', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
  });

  it('recognises only http and https as external links', () => {
    expect(isExternalLink('https://a.b/')).toBe(true);
    expect(isExternalLink('http://a.b/')).toBe(true);
    expect(isExternalLink('file:///x')).toBe(false);
    expect(isExternalLink('javascript:void 0')).toBe(false);
    expect(isExternalLink('not a url')).toBe(false);
  });

  it('trusts IPC only from the app window’s main frame showing the app', () => {
    // Issue 10: the origin app://earshot is the one thing compared (was a hand-built file:// string).
    const appUrl = 'app://earshot/index.html';
    const mainFrame = { url: appUrl, parent: null };
    const win = { webContents: { id: 7 } } as never;
    const ev = (over: Record<string, unknown>) => ({ sender: { id: 7, mainFrame }, senderFrame: mainFrame, ...over }) as never;
    expect(isTrustedSender(ev({}), win)).toBe(true);
    expect(isTrustedSender(ev({ sender: { id: 8, mainFrame } }), win)).toBe(false);
    expect(isTrustedSender(ev({ senderFrame: { url: appUrl, parent: null } }), win)).toBe(false); // a sub-frame
    const evil = { url: 'https://evil.example/' };
    expect(isTrustedSender(ev({ sender: { id: 7, mainFrame: evil }, senderFrame: evil }), win)).toBe(false);
  });
});
