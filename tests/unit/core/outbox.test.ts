import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../../src-main/core/outbox';
import { mention } from './helpers';

describe('outbox journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-outbox-'));
  });

  it('numbers appended batches with rising sequence numbers and keeps them across a reopen', async () => {
    const box = await Outbox.open(dir);
    const [a] = await box.append([mention(1), mention(2)]);
    const [b] = await box.append([mention(3)]);
    expect([a!.seq, b!.seq]).toEqual([1, 2]);
    await box.close();
    const again = await Outbox.open(dir);
    expect(again.lastSeq).toBe(2);
    expect(again.journalId).toBe(box.journalId);
    expect(again.entriesAfter(0).map((e) => e.mentions.map((m) => m.id))).toEqual([['demo:1', 'demo:2'], ['demo:3']]);
    const [c] = await again.append([mention(4)]);
    expect(c!.seq).toBe(3);
  });

  it('replays only what is above the last acked sequence', async () => {
    const box = await Outbox.open(dir);
    for (let i = 1; i <= 5; i++) await box.append([mention(i)]);
    await box.ack(3);
    expect(box.entriesAfter(0).map((e) => e.seq)).toEqual([4, 5]);
    expect(box.entriesAfter(4).map((e) => e.seq)).toEqual([5]);
    await box.close();
    const again = await Outbox.open(dir);
    expect(again.lastAcked).toBe(3);
    expect(again.entriesAfter(0).map((e) => e.seq)).toEqual([4, 5]);
  });

  it('compacts the file once enough batches are acked, keeping unacked ones and the sequence', async () => {
    const box = await Outbox.open(dir, { compactAfterAcked: 10 });
    for (let i = 1; i <= 12; i++) await box.append([mention(i)]);
    const before = readFileSync(join(dir, 'outbox.jsonl'), 'utf8').split('\n').length;
    await box.ack(10);
    const lines = readFileSync(join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(before);
    expect(lines.length).toBe(3); // header + batches 11 and 12
    expect(JSON.parse(lines[0]!)).toMatchObject({ t: 'h', acked: 10, lastSeq: 12 });
    const [next] = await box.append([mention(13)]);
    expect(next!.seq).toBe(13);
    await box.close();
    const again = await Outbox.open(dir);
    expect(again.entriesAfter(0).map((e) => e.seq)).toEqual([11, 12, 13]);
  });

  it('ignores a torn last line after a crash instead of failing, and appends cleanly after it', async () => {
    const box = await Outbox.open(dir);
    await box.append([mention(1)]);
    await box.append([mention(2)]);
    await box.close();
    // A crash in the middle of writing batch 3: half a line, no newline.
    appendFileSync(join(dir, 'outbox.jsonl'), '{"t":"m","seq":3,"mentions":[{"id":"demo:3","sourceId":"de');
    const again = await Outbox.open(dir);
    expect(again.skippedLines).toBe(1);
    expect(again.lastSeq).toBe(2);
    const [c] = await again.append([mention(3)]);
    expect(c!.seq).toBe(3);
    await again.close();
    const third = await Outbox.open(dir);
    expect(third.skippedLines).toBe(0);
    expect(third.entriesAfter(0).map((e) => e.mentions[0]!.id)).toEqual(['demo:1', 'demo:2', 'demo:3']);
  });

  it('skips a corrupt line in the middle without losing the batches around it', async () => {
    const box = await Outbox.open(dir);
    await box.append([mention(1)]);
    await box.close();
    appendFileSync(join(dir, 'outbox.jsonl'), 'garbage\n');
    const box2 = await Outbox.open(dir);
    await box2.append([mention(2)]);
    await box2.close();
    const again = await Outbox.open(dir);
    expect(again.skippedLines).toBe(1);
    expect(again.entriesAfter(0).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('splits a large append into batches no bigger than maxBatch', async () => {
    const box = await Outbox.open(dir, { maxBatch: 2 });
    const written = await box.append([1, 2, 3, 4, 5].map(mention));
    expect(written.map((e) => e.mentions.length)).toEqual([2, 2, 1]);
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('starts a fresh journal with a new id when the file is empty', async () => {
    writeFileSync(join(dir, 'outbox.jsonl'), '');
    const box = await Outbox.open(dir);
    expect(box.lastSeq).toBe(0);
    expect(box.journalId).toMatch(/[0-9a-f-]{36}/);
  });
});
