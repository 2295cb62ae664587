/**
 * IPC for the desktop app: one handler per contract command, each refusing senders that are not
 * the app window's main frame on the app origin (app://earshot). Refusals are logged once per sender.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN, originOf } from './app-protocol';
import type { Logger } from '../core/log';
import { COMMAND_NAMES, ENCODED_ENTRIES_CHANNEL, commandChannel, eventChannel, type EventName, type EventPayload, type LogPage, type Reply } from '../shared/contract';
import { encodeEntriesFrame } from '../shared/entries-frame';
import type { Core, Connection } from '../core/core';

export function isTrustedSender(e: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  const frame = e.senderFrame;
  if (e.sender.id !== win.webContents.id || !frame) return false;
  // The main frame only: a sub-frame (even one on the app origin) never speaks for the app.
  if (frame !== e.sender.mainFrame || frame.parent) return false;
  return originOf(frame.url) === APP_ORIGIN;
}

export function wireIpc(core: Core, win: BrowserWindow, log: Logger): () => void {
  const refused = new Set<string>();
  const refuse = (e: IpcMainInvokeEvent, name: string): void => {
    const who = `webContents ${e.sender.id}, frame ${e.senderFrame?.url ?? '(gone)'}${e.senderFrame?.parent ? ' (sub-frame)' : ''}`;
    if (refused.has(who)) return;
    refused.add(who);
    log.warn(`refused IPC ${name} from an untrusted sender: ${who}`);
  };
  let conn: Connection | undefined;
  const connect = (): Connection => {
    conn?.close();
    conn = core.connect({
      send<E extends EventName>(event: E, payload: EventPayload<E>) {
        if (win.isDestroyed()) return;
        // Pages as bytes (shared/entries-frame.ts): the window reads their header only and hands
        // them to the delivery worker, instead of taking each page apart and copying it twice.
        if (event === 'entries') win.webContents.send(ENCODED_ENTRIES_CHANNEL, encodeEntriesFrame(payload as LogPage));
        else win.webContents.send(eventChannel(event), payload);
      },
      // The core joined its team while running: IPC has no reconnect, so the page starts again and
      // says hello (with the position it has applied) on a fresh connection.
      rehello: () => {
        if (!win.isDestroyed()) win.webContents.reload();
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
      if (!isTrustedSender(e, win)) {
        refuse(e, name);
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
