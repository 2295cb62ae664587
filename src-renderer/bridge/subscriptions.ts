/**
 * The event half of every renderer bridge: `on(event)` makes a bridge's `on<Event>(cb)` method and
 * `onConnection(cb)` is its connection method, each returning an unsubscribe; a transport calls
 * `emit` with (validated) events and `setState` on connection changes.
 */
import type { ConnectionState, EventName, EventPayload, Unsubscribe } from '../../src-main/shared/contract';

export interface Subscriptions {
  on<E extends EventName>(event: E): (cb: (payload: EventPayload<E>) => void) => Unsubscribe;
  onConnection(cb: (state: ConnectionState) => void): Unsubscribe;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setState(state: ConnectionState): void;
  state(): ConnectionState;
}

export function createSubscriptions(initial: ConnectionState): Subscriptions {
  const listeners = new Map<EventName, Set<(p: never) => void>>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let current = initial;
  return {
    on(event) {
      return (cb) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(cb as (p: never) => void);
        return () => set.delete(cb as (p: never) => void);
      };
    },
    onConnection(cb) {
      connListeners.add(cb);
      // A subscriber that arrives on an open connection hears 'open' too (it says hello then).
      if (current === 'open') queueMicrotask(() => cb('open'));
      return () => connListeners.delete(cb);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload);
    },
    setState(s) {
      current = s;
      for (const l of connListeners) l(s);
    },
    state: () => current,
  };
}
