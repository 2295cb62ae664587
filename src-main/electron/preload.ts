/**
 * The preload: runs sandboxed with context isolation and exposes one object, `window.earshot`, of
 * named methods (the Bridge type). Each method reaches exactly one channel from the contract; there
 * is no generic invoke, so a compromised page cannot reach anything the contract does not declare.
 * Responses and events are validated here before the page sees them; delivery's pages come as
 * bytes whose header is checked here and whose entries are checked where they are written.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ENCODED_ENTRIES_CHANNEL,
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
  type EncodedLogPage,
  type Unsubscribe,
} from '../shared/contract';
import { readEntriesFrame } from '../shared/entries-frame';
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

/**
 * Delivery's pages as main sends them, as bytes: checked here as far as their header (count and
 * positions), the page itself where it is written (the delivery worker), as in browser mode.
 */
const onEncodedEntries = (cb: (page: EncodedLogPage) => void): Unsubscribe => {
  const listener = (_e: IpcRendererEvent, raw: unknown): void => {
    if (!ArrayBuffer.isView(raw) || Object.prototype.toString.call(raw) !== '[object Uint8Array]') {
      console.error('earshot: dropped a page that is not bytes');
      return;
    }
    let page: EncodedLogPage;
    try {
      page = readEntriesFrame(raw as Uint8Array);
    } catch (e) {
      console.error(`earshot: dropped a page: ${(e as Error).message}`);
      return;
    }
    cb(page);
  };
  ipcRenderer.on(ENCODED_ENTRIES_CHANNEL, listener);
  return () => ipcRenderer.removeListener(ENCODED_ENTRIES_CHANNEL, listener);
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
  onEncodedEntries,
} satisfies Bridge;

contextBridge.exposeInMainWorld('earshot', Object.freeze(bridge));
