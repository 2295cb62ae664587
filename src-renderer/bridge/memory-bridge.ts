/**
 * An in-memory bridge for renderer tests: commands go to handlers the test provides, events are
 * pushed with `emit`. Payloads are validated against the contract exactly as the real transports do.
 */
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  BridgeError,
  eventMethodName,
  parseEvent,
  parseRequest,
  parseResponse,
  type Bridge,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type ConnectionState,
  type EventName,
  type EventPayload,
} from '../../src-main/shared/contract';

export type MemoryHandlers = { [N in CommandName]?: (req: CommandRequest<N>) => Promise<CommandResponse<N>> | CommandResponse<N> };

export interface MemoryBridge {
  bridge: Bridge;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setConnection(state: ConnectionState): void;
  calls: Array<{ name: CommandName; req: unknown }>;
}

export function createMemoryBridge(handlers: MemoryHandlers = {}): MemoryBridge {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const conn = new Set<(s: ConnectionState) => void>();
  const calls: MemoryBridge['calls'] = [];
  let state: ConnectionState = 'open';
  const bridge: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) {
    bridge[name] = async (req: unknown) => {
      calls.push({ name, req });
      const parsed = parseRequest(name, req);
      if (!parsed.ok) throw new BridgeError(parsed.error.code, parsed.error.message);
      const h = handlers[name] as ((r: unknown) => unknown) | undefined;
      if (!h) throw new BridgeError('unknown-command', `the test bridge has no handler for ${name}`);
      return parseResponse(name, await h(parsed.value));
    };
  }
  for (const name of EVENT_NAMES) {
    bridge[eventMethodName(name)] = (cb: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(cb);
      return () => set.delete(cb);
    };
  }
  bridge.onConnection = (cb: (s: ConnectionState) => void) => {
    conn.add(cb);
    if (state === 'open') queueMicrotask(() => cb('open'));
    return () => conn.delete(cb);
  };
  return {
    bridge: bridge as Bridge,
    calls,
    emit(event, payload) {
      const r = parseEvent(event, payload);
      if (!r.ok) throw new BridgeError('invalid', r.error.message);
      for (const l of listeners.get(event) ?? []) l(r.value);
    },
    setConnection(s) {
      state = s;
      for (const l of conn) l(s);
    },
  };
}
