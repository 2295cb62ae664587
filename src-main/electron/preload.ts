/**
 * The preload: runs sandboxed with context isolation and exposes one object, `window.earshot`, of
 * named methods (the Bridge type). Each method reaches exactly one channel from the contract; there
 * is no generic invoke, so a compromised page cannot reach anything the contract does not declare.
 * Responses and events are validated here before the page sees them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  commandChannel,
  eventChannel,
  parseBridgeEvent,
  unwrapReply,
  type Bridge,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type ConnectionState,
  type EventName,
  type EventPayload,
  type Unsubscribe,
} from '../shared/contract';
import { withCallTimeout } from '../core/call-timeout';

/** Longer than main's own handler deadline (core.ts), so main's clearer message wins when it can. */
export const IPC_CALL_TIMEOUT_MS = 35_000;

const command =
  <N extends CommandName>(name: N) =>
  async (req: CommandRequest<N>): Promise<CommandResponse<N>> =>
    unwrapReply(name, await withCallTimeout(name, IPC_CALL_TIMEOUT_MS, ipcRenderer.invoke(commandChannel(name), req) as Promise<unknown>));

const on =
  <E extends EventName>(name: E) =>
  (cb: (payload: EventPayload<E>) => void): Unsubscribe => {
    const listener = (_e: IpcRendererEvent, raw: unknown): void => {
      const r = parseBridgeEvent(name, raw);
      if (r.ok) cb(r.value);
      else console.error(`earshot: dropped a malformed ${name} event: ${r.error.message}`);
    };
    ipcRenderer.on(eventChannel(name), listener);
    return () => ipcRenderer.removeListener(eventChannel(name), listener);
  };

const bridge = {
  hello: command('hello'),
  ack: command('ack'),
  append: command('append'),
  listSources: command('listSources'),
  keepCredentialsForSessionOnly: command('keepCredentialsForSessionOnly'),
  saveSource: command('saveSource'),
  removeSource: command('removeSource'),
  setSourcePaused: command('setSourcePaused'),
  testSource: command('testSource'),
  sendReply: command('sendReply'),
  openExternal: command('openExternal'),
  setAttention: command('setAttention'),
  getTopicRules: command('getTopicRules'),
  setTopicRules: command('setTopicRules'),
  setPresence: command('setPresence'),
  listAgents: command('listAgents'),
  getTeamSettings: command('getTeamSettings'),
  testTeamConnection: command('testTeamConnection'),
  saveTeamSettings: command('saveTeamSettings'),
  onEntries: on('entries'),
  onSourceHealth: on('sourceHealth'),
  onTeamStatus: on('teamStatus'),
  onPresence: on('presence'),
  // IPC is up as long as the page lives: report 'open' once, right after subscribing.
  onConnection: (cb: (s: ConnectionState) => void): Unsubscribe => {
    queueMicrotask(() => cb('open'));
    return () => undefined;
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('earshot', Object.freeze(bridge));
