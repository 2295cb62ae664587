/**
 * The bridge over WebSocket, for browser mode. Reconnects with backoff; every call has a timeout;
 * calls pending when the socket drops fail with "disconnected" (the caller decides whether to
 * retry). Messages follow the contract's socket envelope; replies and events are validated against
 * the contract before anyone sees them. A socket opened with `?pages=binary` gets delivery's pages
 * as binary frames (shared/entries-frame.ts): only their header is read here, and they go to
 * `onEncodedEntries` still encoded, to be parsed and checked where they are written.
 */
import { createSubscriptions } from './subscriptions';
import {
  BridgeError,
  SocketEventSchema,
  SocketReplySchema,
  isEventName,
  parseBridgeEvent,
  unwrapReply,
  type Bridge,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type ConnectionState,
  type SocketCommand,
  type EncodedLogPage,
} from '../../src-main/shared/contract';
import { readEntriesFrame } from '../../src-main/shared/entries-frame';

interface Pending {
  name: CommandName;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WebSocketBridgeOptions {
  callTimeoutMs?: number;
  /** For tests: the WebSocket constructor. */
  WebSocketImpl?: typeof WebSocket;
}

export function createWebSocketBridge(url: string, opts: WebSocketBridgeOptions = {}): Bridge {
  const timeoutMs = opts.callTimeoutMs ?? 30_000;
  const WS = opts.WebSocketImpl ?? WebSocket;
  const pending = new Map<number, Pending>();
  const subs = createSubscriptions('connecting');
  let nextId = 1;
  let ws: WebSocket | undefined;
  let retry = 0;
  const queue: string[] = [];
  const encodedListeners = new Set<(page: EncodedLogPage) => void>();

  const setState = (s: ConnectionState): void => subs.setState(s);

  const connect = (): void => {
    setState('connecting');
    const sock = new WS(url);
    sock.binaryType = 'arraybuffer';
    ws = sock;
    sock.onopen = () => {
      retry = 0;
      setState('open');
      while (queue.length && sock.readyState === WS.OPEN) sock.send(queue.shift()!);
    };
    // Text frames are the envelope; with binaryType 'arraybuffer' every other frame is an ArrayBuffer.
    sock.onmessage = (ev: MessageEvent) => (typeof ev.data === 'string' ? onMessage(ev.data) : onFrame(ev.data as ArrayBuffer));
    sock.onclose = () => {
      if (ws !== sock) return;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new BridgeError('disconnected', `lost the connection to Earshot while waiting for ${p.name}`));
        pending.delete(id);
      }
      setState('closed');
      const delay = Math.min(10_000, 250 * 2 ** retry++);
      setTimeout(connect, delay);
    };
  };

  const onFrame = (data: ArrayBuffer): void => {
    let page: EncodedLogPage;
    try {
      page = readEntriesFrame(new Uint8Array(data));
    } catch (e) {
      console.error(`earshot: dropped a binary frame: ${(e as Error).message}`);
      return;
    }
    for (const l of encodedListeners) l(page);
  };

  const onMessage = (text: string): void => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      console.error('earshot: ignored a message that is not JSON');
      return;
    }
    const reply = SocketReplySchema.safeParse(raw);
    if (reply.success) {
      const p = reply.data.id === null ? undefined : pending.get(reply.data.id);
      if (!p || reply.data.id === null) return;
      pending.delete(reply.data.id);
      clearTimeout(p.timer);
      try {
        p.resolve(unwrapReply(p.name, reply.data.reply));
      } catch (e) {
        p.reject(e as Error);
      }
      return;
    }
    const event = SocketEventSchema.safeParse(raw);
    if (event.success && isEventName(event.data.event)) {
      const name = event.data.event;
      const r = parseBridgeEvent(name, event.data.payload);
      if (!r.ok) {
        console.error(`earshot: dropped a malformed ${name} event: ${r.error.message}`);
        return;
      }
      subs.emit(name, r.value);
      return;
    }
    console.error('earshot: ignored a message that is neither a reply nor an event');
  };

  const call =
    <N extends CommandName>(name: N) =>
    (payload: CommandRequest<N>): Promise<CommandResponse<N>> =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BridgeError('timeout', `Earshot did not answer ${name} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject, timer });
        const text = JSON.stringify({ id, command: name, payload } satisfies SocketCommand);
        if (ws && ws.readyState === WS.OPEN) ws.send(text);
        else queue.push(text);
      });

  const bridge = {
    hello: call('hello'),
    ack: call('ack'),
    append: call('append'),
    listSources: call('listSources'),
    keepCredentialsForSessionOnly: call('keepCredentialsForSessionOnly'),
    saveSource: call('saveSource'),
    removeSource: call('removeSource'),
    setSourcePaused: call('setSourcePaused'),
    testSource: call('testSource'),
    sendReply: call('sendReply'),
    openExternal: call('openExternal'),
    setAttention: call('setAttention'),
    getTopicRules: call('getTopicRules'),
    setTopicRules: call('setTopicRules'),
    setPresence: call('setPresence'),
    listAgents: call('listAgents'),
    getTeamSettings: call('getTeamSettings'),
    testTeamConnection: call('testTeamConnection'),
    saveTeamSettings: call('saveTeamSettings'),
    onEntries: subs.on('entries'),
    onSourceHealth: subs.on('sourceHealth'),
    onTeamStatus: subs.on('teamStatus'),
    onPresence: subs.on('presence'),
    onConnection: subs.onConnection,
    onEncodedEntries: (cb: (page: EncodedLogPage) => void) => {
      encodedListeners.add(cb);
      return () => encodedListeners.delete(cb);
    },
  } satisfies Bridge;
  connect();
  return bridge;
}
