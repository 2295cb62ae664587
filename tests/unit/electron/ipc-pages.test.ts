/**
 * The desktop app hands delivery's pages over as bytes (shared/entries-frame.ts): main sends each
 * page on its own channel, the preload reads the header and passes the page on still encoded,
 * dropping what is not a page; every other event keeps its channel. `electron` is mocked.
 */
import { describe, it, expect, vi } from 'vitest';
import { ENCODED_ENTRIES_CHANNEL, eventChannel, type Bridge, type EncodedLogPage, type EventName, type LogPage } from '../../../src-main/shared/contract';
import { decodeEntriesFrame } from '../../../src-main/shared/entries-frame';
import { mentionEntry } from '../../../src-main/shared/log-entry';

type Listener = (e: unknown, raw: unknown) => void;
const exposed: { bridge?: Bridge } = {};
const listeners = new Map<string, Set<Listener>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_k: string, v: Bridge) => (exposed.bridge = v) },
  ipcRenderer: {
    invoke: () => new Promise(() => undefined),
    on: (channel: string, l: Listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel: string, l: Listener) => listeners.get(channel)?.delete(l),
  },
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
}));

const { wireIpc } = await import('../../../src-main/electron/ipc');
await import('../../../src-main/electron/preload');

const at = '2026-11-20T10:00:00.000Z';
const page: LogPage = {
  entries: [1, 2, 3].map((n) => ({
    position: 40 + n,
    entry: mentionEntry({ id: `x:${n}`, sourceId: 's', channel: 'x', text: `Reembolsó ${n} 💸`, createdAt: at, author: { key: 'x:a', handle: 'a', name: 'A', followers: 1, verified: false }, reach: { score: 1, tier: 'everyday' } }, at),
  })),
};

/** Main's side wired to a window that records what it is sent; returns the core's sink. */
function wiredMain(): { sent: Array<[string, unknown]>; send: (event: EventName, payload: unknown) => void } {
  const sent: Array<[string, unknown]> = [];
  let sink: { send: (event: EventName, payload: unknown) => void } | undefined;
  const core = { connect: (s: typeof sink) => ((sink = s), { handle: async () => ({ ok: true, value: {} }), close: () => undefined }) } as never;
  const win = { webContents: { id: 7, on: () => undefined, send: (channel: string, payload: unknown) => sent.push([channel, payload]) }, isDestroyed: () => false } as never;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log } as never;
  wireIpc(core, win, log);
  return { sent, send: (event, payload) => sink!.send(event, payload) };
}

describe('desktop delivery pages as bytes', () => {
  it('main sends a page as bytes on its own channel and every other event as it was', () => {
    const main = wiredMain();
    main.send('entries', page);
    main.send('teamStatus', { state: 'solo', waiting: 0 });
    expect(main.sent.map(([c]) => c)).toEqual([ENCODED_ENTRIES_CHANNEL, eventChannel('teamStatus')]);
    expect(main.sent[0]![1]).toBeInstanceOf(Uint8Array);
    expect(main.sent[1]![1]).toEqual({ state: 'solo', waiting: 0 });
  });

  it("the preload passes main's bytes on by their header, the same entries, and drops what is not a page", () => {
    const main = wiredMain();
    main.send('entries', page);
    const got: EncodedLogPage[] = [];
    const off = exposed.bridge!.onEncodedEntries!((p) => got.push(p));
    const said: string[] = [];
    const errors = console.error;
    console.error = (m: string) => said.push(m);
    const deliver = (raw: unknown): void => listeners.get(ENCODED_ENTRIES_CHANNEL)?.forEach((l) => l({}, raw));
    try {
      deliver(main.sent[0]![1]);
      deliver('{"count":1}');
      deliver(new TextEncoder().encode('no header'));
      off();
      deliver(main.sent[0]![1]);
    } finally {
      console.error = errors;
    }
    expect(got.map((p) => [p.count, p.first, p.last])).toEqual([[3, 41, 43]]);
    expect(decodeEntriesFrame(got[0]!)).toEqual(page.entries);
    expect(said).toEqual(['earshot: dropped a page that is not bytes', 'earshot: dropped a page: a page frame without its header line']);
  });
});
