import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLog } from '../../../src-main/log/journal-log';
import { DeliveryHub, type ClientLink } from '../../../src-main/core/delivery';
import { mentionEntry } from '../../../src-main/shared/log-entry';
import { mention } from './helpers';

/** Records the positions of every page sent, one array per page. */
function recorder(): ClientLink & { pages: number[][] } {
  const pages: number[][] = [];
  return {
    pages,
    send(event, payload) {
      if (event === 'entries') pages.push((payload as { entries: Array<{ position: number }> }).entries.map((e) => e.position));
    },
  };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('delivery hub (by position)', () => {
  let store: JournalLog;
  beforeEach(async () => {
    store = await JournalLog.open(mkdtempSync(join(tmpdir(), 'earshot-hub-')));
  });
  afterEach(() => store.close());

  const add = async (from: number, to: number): Promise<void> => {
    for (let i = from; i <= to; i++) await store.append([mentionEntry(mention(i))]);
  };

  it('sends nothing before hello, then replays every entry after the client’s position', async () => {
    await add(1, 3);
    const hub = new DeliveryHub(store, { window: 10, pageSize: 10 });
    const link = recorder();
    const id = hub.attach(link);
    await add(4, 4);
    await settle();
    expect(link.pages).toEqual([]);
    const res = await hub.hello(id, 2, store.logId);
    expect(res).toMatchObject({ from: 2, head: 4, logId: store.logId });
    await settle();
    expect(link.pages).toEqual([[3, 4]]);
  });

  it('replays in pages, at most `window` pages in flight, more as acks arrive', async () => {
    await add(1, 10);
    const hub = new DeliveryHub(store, { window: 2, pageSize: 2 });
    const link = recorder();
    const id = hub.attach(link);
    await hub.hello(id, 0, undefined);
    await settle();
    expect(link.pages).toEqual([
      [1, 2],
      [3, 4],
    ]);
    hub.ack(id, 2);
    await settle();
    expect(link.pages.flat()).toEqual([1, 2, 3, 4, 5, 6]);
    hub.ack(id, 6);
    await settle();
    expect(link.pages.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps eight pages in flight by default, so the next batch arrives while the renderer writes one', async () => {
    await add(1, 12);
    const hub = new DeliveryHub(store, { pageSize: 1 });
    const link = recorder();
    const id = hub.attach(link);
    await hub.hello(id, 0, undefined);
    const end = Date.now() + 3000;
    while (link.pages.length < 8 && Date.now() < end) await settle();
    await settle();
    expect(link.pages.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    hub.close();
  });

  it('a link that acks from inside send (a synchronous transport) still gets everything', async () => {
    await add(1, 9);
    const hub = new DeliveryHub(store, { window: 1, pageSize: 2 });
    const got: number[] = [];
    let id = 0;
    const link: ClientLink = {
      send(event, payload) {
        if (event !== 'entries') return;
        const positions = (payload as { entries: Array<{ position: number }> }).entries.map((e) => e.position);
        got.push(...positions);
        hub.ack(id, positions[positions.length - 1]!);
      },
    };
    id = hub.attach(link);
    await hub.hello(id, 0, undefined);
    await settle();
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('acks compact nothing: a second client (a fresh profile) still gets the whole history', async () => {
    await add(1, 5);
    const hub = new DeliveryHub(store, { window: 10, pageSize: 100 });
    const first = recorder();
    const a = hub.attach(first);
    await hub.hello(a, 0, undefined);
    await settle();
    hub.ack(a, 5);
    const fresh = recorder();
    await hub.hello(hub.attach(fresh), 0, undefined);
    await settle();
    expect(fresh.pages.flat()).toEqual([1, 2, 3, 4, 5]);
    expect((await store.read(0, 100)).length).toBe(5);
  });

  it('streams new entries to a live client as they are appended', async () => {
    const hub = new DeliveryHub(store, { window: 4 });
    const link = recorder();
    await hub.hello(hub.attach(link), 0, undefined);
    await add(1, 1);
    await settle();
    await add(2, 2);
    await settle();
    expect(link.pages.flat()).toEqual([1, 2]);
  });

  it('starts from 0 a client whose position belongs to another log (another data folder)', async () => {
    await add(1, 3);
    const hub = new DeliveryHub(store, { window: 10 });
    const link = recorder();
    const res = await hub.hello(hub.attach(link), 2, 'some-other-log');
    expect(res.from).toBe(0);
    await settle();
    expect(link.pages.flat()).toEqual([1, 2, 3]);
  });

  it('refuses an ack for a position it never sent', async () => {
    await add(1, 1);
    const hub = new DeliveryHub(store, { window: 10 });
    const id = hub.attach(recorder());
    await hub.hello(id, 0, undefined);
    await settle();
    expect(() => hub.ack(id, 5)).toThrow(/above the last position sent/);
  });
});
