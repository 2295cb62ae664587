/**
 * Browser mode's socket hands delivery's pages to a page that asked for `pages=binary` as binary
 * frames (shared/entries-frame.ts), and to any other as the contract's JSON event, the same entries.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { setLogSink } from '../../src-main/core/log';
import type { WebServer } from '../../src-main/web/server';
import { startTestWebServer } from '../helpers/web-server';
import { decodeEntriesFrame, readEntriesFrame } from '../../src-main/shared/entries-frame';
import type { LogPage } from '../../src-main/shared/contract';

const BACKLOG = 30;
let server: Awaited<ReturnType<typeof startTestWebServer>>;
let web: WebServer;
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startTestWebServer('pages', { sources: [{ id: 'demo', kind: 'demo', backlog: BACKLOG, limit: BACKLOG, intervalSeconds: 3600 }] });
  web = server.web;
});
afterAll(async () => {
  await server.close();
  setLogSink(null);
});

/** Says hello from position 0 and collects the entries the socket delivers until it has `want` of them. */
async function entriesThrough(query: string, want: number): Promise<{ binaryFrames: number; textEvents: number; entries: LogPage['entries'] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}${query}`, { origin: `http://127.0.0.1:${web.port}` });
  const got = { binaryFrames: 0, textEvents: 0, entries: [] as LogPage['entries'] };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.entries.length} of ${want} entries within 10 s`)), 10_000);
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, command: 'hello', payload: { position: 0 } })));
      ws.on('error', reject);
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (isBinary) {
          got.binaryFrames++;
          got.entries.push(...decodeEntriesFrame(readEntriesFrame(new Uint8Array(data as Buffer))));
        } else {
          const msg = JSON.parse(String(data)) as { event?: string; payload?: LogPage };
          if (msg.event !== 'entries') return;
          got.textEvents++;
          got.entries.push(...msg.payload!.entries);
        }
        if (got.entries.length >= want) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    ws.close();
  }
  return got;
}

describe('browser mode: delivery pages on the socket', () => {
  it('sends binary frames to a page that asked for them, the contract JSON to others, the same entries in the same order', async () => {
    // The demo source journals its backlog on its first poll, shortly after the start.
    const binary = await entriesThrough('&pages=binary', BACKLOG);
    const json = await entriesThrough('', BACKLOG);
    expect(binary.binaryFrames).toBeGreaterThan(0);
    expect(binary.textEvents).toBe(0);
    expect(json.textEvents).toBeGreaterThan(0);
    expect(json.binaryFrames).toBe(0);
    expect(binary.entries.map((e) => e.position)).toEqual(Array.from({ length: binary.entries.length }, (_, i) => i + 1));
    expect(binary.entries.slice(0, BACKLOG)).toEqual(json.entries.slice(0, BACKLOG));
    expect(binary.entries.filter((e) => e.entry.type === 'mention')).not.toHaveLength(0);
  });
});
