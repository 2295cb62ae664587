import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../../src-main/core/outbox';
import { DeliveryHub, type ClientLink } from '../../../src-main/core/delivery';
import { mention } from './helpers';

function recorder(): ClientLink & { seqs: number[] } {
  const seqs: number[] = [];
  return {
    seqs,
    send(event, payload) {
      if (event === 'mentions') seqs.push((payload as { seq: number }).seq);
    },
  };
}

describe('delivery hub', () => {
  let outbox: Outbox;
  beforeEach(async () => {
    outbox = await Outbox.open(mkdtempSync(join(tmpdir(), 'earshot-hub-')));
  });

  it('sends nothing before hello, then replays above the client’s last ack', async () => {
    for (let i = 1; i <= 3; i++) await outbox.append([mention(i)]);
    const hub = new DeliveryHub(outbox, 10);
    const link = recorder();
    const id = hub.attach(link);
    await outbox.append([mention(4)]);
    expect(link.seqs).toEqual([]);
    const res = hub.hello(id, 2, outbox.journalId);
    expect(res).toMatchObject({ replaying: 2, lastSeq: 4 });
    expect(link.seqs).toEqual([3, 4]);
  });

  it('keeps at most `window` batches in flight and sends more as acks arrive', async () => {
    for (let i = 1; i <= 5; i++) await outbox.append([mention(i)]);
    const hub = new DeliveryHub(outbox, 2);
    const link = recorder();
    const id = hub.attach(link);
    hub.hello(id, 0, undefined);
    expect(link.seqs).toEqual([1, 2]);
    await hub.ack(id, 1);
    expect(link.seqs).toEqual([1, 2, 3]);
    await hub.ack(id, 3);
    expect(link.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(outbox.lastAcked).toBe(3);
  });

  it('streams new batches to a live client as they are appended', async () => {
    const hub = new DeliveryHub(outbox, 4);
    const link = recorder();
    hub.hello(hub.attach(link), 0, undefined);
    await outbox.append([mention(1)]);
    await outbox.append([mention(2)]);
    expect(link.seqs).toEqual([1, 2]);
  });

  it('replays everything to a client that last spoke to another journal', async () => {
    for (let i = 1; i <= 3; i++) await outbox.append([mention(i)]);
    const hub = new DeliveryHub(outbox, 10);
    const link = recorder();
    hub.hello(hub.attach(link), 99, 'some-older-journal');
    expect(link.seqs).toEqual([1, 2, 3]);
  });

  it('refuses an ack for a batch it never sent', async () => {
    await outbox.append([mention(1)]);
    const hub = new DeliveryHub(outbox, 10);
    const id = hub.attach(recorder());
    hub.hello(id, 0, undefined);
    await expect(hub.ack(id, 5)).rejects.toThrow(/above the last batch sent/);
  });
});
