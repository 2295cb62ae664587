/**
 * An in-memory bridge for renderer tests: commands go to handlers the test provides, events are
 * pushed with `emit`. Payloads are validated against the contract exactly as the real transports do.
 */
import { createSubscriptions } from './subscriptions';
import {
  BridgeError,
  parseBridgeEvent,
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
  const call =
    <N extends CommandName>(name: N) =>
    async (req: CommandRequest<N>): Promise<CommandResponse<N>> => {
      calls.push({ name, req });
      const parsed = parseRequest(name, req);
      if (!parsed.ok) throw new BridgeError(parsed.error.code, parsed.error.message);
      const h = handlers[name] as ((r: unknown) => unknown) | undefined;
      if (!h) throw new BridgeError('unknown-command', `the test bridge has no handler for ${name}`);
      return parseResponse(name, await h(parsed.value));
    };
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
  } satisfies Bridge;
  return {
    bridge,
    calls,
    emit(event, payload) {
      const r = parseBridgeEvent(event, payload);
      if (!r.ok) throw new BridgeError('invalid', r.error.message);
      subs.emit(event, r.value);
    },
    setConnection(s) {
      subs.setState(s);
    },
  };
}
