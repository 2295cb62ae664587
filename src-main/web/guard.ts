/**
 * Browser mode's door checks, kept apart from the server so they can be read (and tested) alone:
 * - the Host header must name this server exactly (127.0.0.1:PORT or localhost:PORT). A DNS
 *   rebinding page reaches 127.0.0.1 under its own name and sends that name as Host, so it is
 *   refused even before the token is looked at;
 * - the Origin of a socket must be this server under one of those two names;
 * - a token may hold only a handful of sockets, so a leaked token cannot exhaust the process.
 */
import type { Logger } from '../core/log';

export const MAX_SOCKETS_PER_TOKEN = 8;

const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export interface SocketCap {
  /** Takes a slot for this token; false when it already holds the maximum. */
  acquire(token: string): boolean;
  release(token: string): void;
}

export function createSocketCap(log: Logger, max = MAX_SOCKETS_PER_TOKEN): SocketCap {
  const open = new Map<string, number>();
  // One warning per run of refusals, not one per reconnect attempt.
  let warned = false;
  return {
    acquire(token) {
      const n = open.get(token) ?? 0;
      if (n >= max) {
        if (!warned) log.warn(`refused a socket: too many sockets (${max}) are open with this token`);
        warned = true;
        return false;
      }
      open.set(token, n + 1);
      return true;
    },
    release(token) {
      const n = (open.get(token) ?? 1) - 1;
      if (n <= 0) open.delete(token);
      else open.set(token, n);
      warned = false;
    },
  };
}
