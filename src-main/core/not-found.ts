/**
 * "No such thing" as a value: a BridgeError with the `not-found` code, which the core's dispatch
 * passes to the caller as it is (never chosen by matching the message's words).
 */
import { BridgeError } from '../shared/contract';

export function noSourceWithId(id: string): BridgeError {
  return new BridgeError('not-found', `no source with id "${id}"`);
}
