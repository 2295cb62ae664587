/**
 * IPC for the desktop app: one handler per contract command, each refusing senders that are not
 * the app window's main frame showing the app itself.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, commandChannel, eventChannel, type EventName, type EventPayload, type Reply } from '../shared/contract';
import type { Core, Connection } from '../core/core';

export function isTrustedSender(e: IpcMainInvokeEvent, win: BrowserWindow, appUrl: string): boolean {
  const frame = e.senderFrame;
  return e.sender.id === win.webContents.id && frame !== null && frame === e.sender.mainFrame && frame.url.split('#')[0] === appUrl;
}

export function wireIpc(core: Core, win: BrowserWindow, appUrl: string): () => void {
  let conn: Connection | undefined;
  const connect = (): Connection => {
    conn?.close();
    conn = core.connect({
      send<E extends EventName>(event: E, payload: EventPayload<E>) {
        if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
      },
    });
    return conn;
  };
  // A reload is a new renderer: it says hello again on a fresh connection.
  win.webContents.on('did-start-navigation', (d) => {
    if (d.isMainFrame && !d.isSameDocument) connect();
  });
  connect();
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (e, payload): Promise<Reply<unknown>> => {
      if (!isTrustedSender(e, win, appUrl)) {
        return { ok: false, error: { code: 'invalid', message: 'refused: message from an untrusted frame' } };
      }
      return (conn ?? connect()).handle(name, payload);
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
    conn?.close();
  };
}
