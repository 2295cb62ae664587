/**
 * The bridge over WebSocket, for browser mode. Reconnects with backoff; every call has a timeout;
 * calls pending when the socket drops fail with "disconnected" (the caller decides whether to
 * retry). Replies and events are validated against the contract before anyone sees them.
 */
import { createSubscriptions } from './subscriptions';
import {
  COMMAND_NAMES,
  BridgeError,
  isEventName,
  parseEvent,
  unwrapReply,
  type Bridge,
  type CommandName,
  type ConnectionState,
} from '../../src-main/shared/contract';

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

  const setState = (s: ConnectionState): void => subs.setState(s);

  const connect = (): void => {
    setState('connecting');
    const sock = new WS(url);
    ws = sock;
    sock.onopen = () => {
      retry = 0;
      setState('open');
      while (queue.length && sock.readyState === WS.OPEN) sock.send(queue.shift()!);
    };
    sock.onmessage = (ev: MessageEvent) => onMessage(String(ev.data));
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

  const onMessage = (text: string): void => {
    let msg: { id?: unknown; reply?: unknown; event?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      console.error('earshot: ignored a message that is not JSON');
      return;
    }
    if (typeof msg.id === 'number') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      try {
        p.resolve(unwrapReply(p.name, msg.reply));
      } catch (e) {
        p.reject(e as Error);
      }
      return;
    }
    if (isEventName(msg.event)) {
      const r = parseEvent(msg.event, msg.payload);
      if (!r.ok) {
        console.error(`earshot: dropped a malformed ${msg.event} event: ${r.error.message}`);
        return;
      }
      subs.emit(msg.event, r.value);
    }
  };

  const call = (name: CommandName, payload: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new BridgeError('timeout', `Earshot did not answer ${name} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, { name, resolve, reject, timer });
      const text = JSON.stringify({ id, command: name, payload });
      if (ws && ws.readyState === WS.OPEN) ws.send(text);
      else queue.push(text);
    });

  const bridge: Record<string, unknown> = { ...subs.methods };
  for (const name of COMMAND_NAMES) bridge[name] = (req: unknown) => call(name, req);
  connect();
  return bridge as Bridge;
}
