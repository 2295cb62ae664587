/**
 * The app window, locked down: context isolation, sandbox, no Node integration, loaded from
 * app://earshot/ (app-protocol.ts, which sends the CSP), navigation kept to that origin, new windows
 * refused (http/https links go to the system browser), permissions denied but notifications.
 */
import { BrowserWindow, shell, session } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, APP_URL, originOf } from './app-protocol';
import { CSP } from './csp';

export function isExternalLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function createMainWindow(outDir: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'notifications'));

  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'Earshot',
    show: false,
    backgroundColor: '#101418',
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e, url) => {
    if (originOf(url) !== APP_ORIGIN) {
      e.preventDefault();
      if (isExternalLink(url)) void shell.openExternal(url);
    }
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void win.loadURL(APP_URL);
  return win;
}

export { CSP };
