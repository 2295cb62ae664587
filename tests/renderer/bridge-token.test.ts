/**
 * Issue 10 item 4: in browser mode the token printed at start travels once, in the URL Earshot
 * printed; the server turns it into an HttpOnly cookie, and the page removes it from the address bar
 * and history at once. The socket then authenticates with the cookie alone.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { getBridge, setBridge } from '../../src-renderer/bridge';

afterEach(() => {
  setBridge(undefined);
  vi.unstubAllGlobals();
});

describe('the browser-mode token', () => {
  it('is removed from the address bar and never put in the socket URL', () => {
    const urls: string[] = [];
    class FakeWS {
      static OPEN = 1;
      readyState = 0;
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      constructor(url: string) {
        urls.push(url);
      }
      send(): void {}
      close(): void {}
    }
    vi.stubGlobal('WebSocket', FakeWS);
    history.replaceState(null, '', '/?token=s3cr3t-token-value&view=inbox#m1');
    const before = history.length;
    setBridge(undefined);
    getBridge();
    expect(location.search).toBe('?view=inbox');
    expect(location.hash).toBe('#m1');
    expect(location.href).not.toContain('s3cr3t');
    expect(history.length).toBe(before); // replaced, not pushed: Back does not bring it back
    expect(urls).toHaveLength(1);
    expect(urls[0]).not.toContain('s3cr3t');
    expect(new URL(urls[0]!).pathname).toBe('/ws');
  });
});
