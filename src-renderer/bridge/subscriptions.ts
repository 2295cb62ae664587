/**
 * The event half of every bridge: `on<Event>(cb)` and `onConnection(cb)` methods, each returning
 * an unsubscribe, plus what a transport calls to deliver (validated) events and connection changes.
 */
import { EVENT_NAMES, eventMethodName, type ConnectionState, type EventName } from '../../src-main/shared/contract';

export interface Subscriptions {
  /** The bridge's on* methods, to spread into the bridge object. */
  methods: Record<string, unknown>;
  emit(event: EventName, payload: unknown): void;
  setState(state: ConnectionState): void;
  state(): ConnectionState;
}

export function createSubscriptions(initial: ConnectionState): Subscriptions {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let current = initial;
  const methods: Record<string, unknown> = {};
  for (const name of EVENT_NAMES) {
    methods[eventMethodName(name)] = (cb: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(cb);
      return () => set.delete(cb);
    };
  }
  methods.onConnection = (cb: (s: ConnectionState) => void) => {
    connListeners.add(cb);
    // A subscriber that arrives on an open connection hears 'open' too (it says hello then).
    if (current === 'open') queueMicrotask(() => cb('open'));
    return () => connListeners.delete(cb);
  };
  return {
    methods,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    setState(s) {
      current = s;
      for (const l of connListeners) l(s);
    },
    state: () => current,
  };
}
