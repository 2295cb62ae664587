/**
 * Issue 10 item 8: every bridge call, on every transport, ends: the preload's IPC call and the
 * WebSocket call time out with the command's name in the error, and the core answers a handler
 * that hangs with a timeout reply naming the command. `electron` is mocked (never imported for real).
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgeError, type Bridge } from '../../../src-main/shared/contract';
import { createWebSocketBridge } from '../../../src-renderer/bridge/websocket-bridge';

const exposed: { bridge?: Bridge } = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_k: string, v: Bridge) => (exposed.bridge = v) },
  // An IPC call main never answers.
  ipcRenderer: { invoke: () => new Promise(() => undefined), on: () => undefined, removeListener: () => undefined },
}));

afterEach(() => {
  vi.useRealTimers();
});

describe('bridge call timeouts', () => {
  it('the preload (IPC) transport rejects a call main never answers, naming the command', async () => {
    const { IPC_CALL_TIMEOUT_MS } = await import('../../../src-main/electron/preload');
    vi.useFakeTimers();
    const p = exposed.bridge!.listSources({});
    const caught = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(IPC_CALL_TIMEOUT_MS + 1);
    const e = await caught;
    expect(e).toBeInstanceOf(BridgeError);
    expect((e as BridgeError).code).toBe('timeout');
    expect((e as BridgeError).message).toContain('listSources');
  });

  it('the WebSocket transport rejects a call nobody answers, naming the command (fast)', async () => {
    class SilentWS {
      static OPEN = 1;
      readyState = 0;
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      send(): void {}
      close(): void {}
    }
    const b = createWebSocketBridge('ws://127.0.0.1:1/ws', { callTimeoutMs: 30, WebSocketImpl: SilentWS as unknown as typeof WebSocket });
    const t0 = Date.now();
    const e = await b.testSource({ id: 'a' }).catch((x: unknown) => x);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e).toBeInstanceOf(BridgeError);
    expect((e as BridgeError).code).toBe('timeout');
    expect((e as BridgeError).message).toContain('testSource');
  });

  it('the core answers a hung handler with a timeout reply naming the command', async () => {
    const { Core } = await import('../../../src-main/core/core');
    const { MemorySecretStore } = await import('../../../src-main/config/secrets');
    const { createLogger } = await import('../../../src-main/core/log');
    const core = new Core({
      dataDir: mkdtempSync(join(tmpdir(), 'earshot-timeout-')),
      resourcesDir: join(import.meta.dirname, '../../../resources'),
      mode: 'electron',
      version: 't',
      secrets: new MemorySecretStore(),
      log: createLogger('t'),
      config: { sources: [{ id: 'demo', kind: 'demo', backlog: 0, limit: 0 }] },
      handlerTimeoutMs: 50,
    });
    core.override('setAttention', () => new Promise(() => undefined));
    await core.start();
    const conn = core.connect({ send: () => undefined });
    const reply = await conn.handle('setAttention', { count: 1 });
    expect(reply).toEqual({ ok: false, error: { code: 'timeout', message: expect.stringContaining('setAttention') } });
    conn.close();
    await core.stop();
  });
});
