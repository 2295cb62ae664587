/**
 * Picks the bridge: the preload's `window.earshot` in the desktop app, a WebSocket to the page's own
 * origin in browser mode. The token came in the URL Earshot printed; the server has already set it
 * as an HttpOnly cookie, so the page drops it from the address bar and history at once and the
 * socket authenticates with the cookie alone (script on the page never holds the token).
 */
import type { Bridge } from '../../src-main/shared/contract';
import { createWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    earshot?: Bridge;
  }
}

let current: Bridge | undefined;

export function getBridge(): Bridge {
  if (current) return current;
  if (window.earshot) {
    current = window.earshot;
  } else {
    forgetTokenInAddressBar();
    // Delivery's pages as binary frames, handed to the delivery worker unparsed (shared/entries-frame.ts).
    current = createWebSocketBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?pages=binary`);
  }
  return current;
}

function forgetTokenInAddressBar(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** Tests install an in-memory bridge here. */
export function setBridge(b: Bridge | undefined): void {
  current = b;
}

export const isDesktop = (): boolean => Boolean(window.earshot);
