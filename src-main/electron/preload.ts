/**
 * The preload: runs sandboxed with context isolation and exposes one object, `window.earshot`, of
 * named methods (the Bridge type). Each method reaches exactly one channel from the contract; there
 * is no generic invoke, so a compromised page cannot reach anything the contract does not declare.
 * Responses and events are validated here before the page sees them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  eventChannel,
  eventMethodName,
  parseEvent,
  unwrapReply,
  type Bridge,
  type CommandName,
  type ConnectionState,
} from '../shared/contract';
import { withCallTimeout } from '../core/call-timeout';

/** Longer than main's own handler deadline (core.ts), so main's clearer message wins when it can. */
export const IPC_CALL_TIMEOUT_MS = 35_000;

const bridge: Record<string, unknown> = {};
for (const name of COMMAND_NAMES) {
  bridge[name] = async (req: unknown) =>
    unwrapReply(name as CommandName, await withCallTimeout(name, IPC_CALL_TIMEOUT_MS, ipcRenderer.invoke(commandChannel(name), req) as Promise<unknown>));
}
for (const name of EVENT_NAMES) {
  bridge[eventMethodName(name)] = (cb: (payload: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, raw: unknown): void => {
      const r = parseEvent(name, raw);
      if (r.ok) cb(r.value);
      else console.error(`earshot: dropped a malformed ${name} event: ${r.error.message}`);
    };
    ipcRenderer.on(eventChannel(name), listener);
    return () => ipcRenderer.removeListener(eventChannel(name), listener);
  };
}
// IPC is up as long as the page lives: report 'open' once, right after subscribing.
bridge.onConnection = (cb: (s: ConnectionState) => void) => {
  queueMicrotask(() => cb('open'));
  return () => undefined;
};

contextBridge.exposeInMainWorld('earshot', Object.freeze(bridge) as Bridge);
