/**
 * An in-memory bridge for renderer tests: commands go to handlers the test provides, events are
 * pushed with `emit`. Payloads are validated against the contract exactly as the real transports do.
 */
import { createSubscriptions } from './subscriptions';
import {
  COMMAND_NAMES,
  BridgeError,
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
  const subs = createSubscriptions('open');
  const calls: MemoryBridge['calls'] = [];
  const bridge: Record<string, unknown> = { ...subs.methods };
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
  return {
    bridge: bridge as Bridge,
    calls,
    emit(event, payload) {
      const r = parseEvent(event, payload);
      if (!r.ok) throw new BridgeError('invalid', r.error.message);
      subs.emit(event, r.value);
    },
    setConnection(s) {
      subs.setState(s);
    },
  };
}
