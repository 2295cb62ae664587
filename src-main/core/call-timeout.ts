/**
 * One deadline for a bridge call, whatever the transport: a call main (or the page) never answers
 * ends with a `timeout` BridgeError that names the command, so the UI can say what did not answer.
 * Used by the preload and by the core (for its own handlers).
 */
import { BridgeError } from '../shared/contract';

export function withCallTimeout<T>(name: string, ms: number, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BridgeError('timeout', `Earshot did not answer ${name} within ${ms / 1000} s`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
