/**
 * Picks the bridge: the preload's `window.earshot` in the desktop app, a WebSocket to the page's own
 * origin in browser mode (the token comes from the URL Earshot printed).
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
    const token = new URLSearchParams(location.search).get('token') ?? '';
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
    current = createWebSocketBridge(url);
  }
  return current;
}

/** Tests install an in-memory bridge here. */
export function setBridge(b: Bridge | undefined): void {
  current = b;
}

export const isDesktop = (): boolean => Boolean(window.earshot);
