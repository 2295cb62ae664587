import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, appendFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLog } from '../../../src-main/log/journal-log';
import { createLogStore } from '../../../src-main/log/create-log-store';
import { mentionEntry, type LogEntry, type MentionEntry } from '../../../src-main/shared/log-entry';
import { mention } from '../core/helpers';

const entry = (n: number): LogEntry => mentionEntry(mention(n), '2026-11-20T12:00:00.000Z');
const ids = async (log: JournalLog, after = 0): Promise<string[]> => (await log.read(after, 100_000)).map((p) => p.entry.id);

describe('JournalLog', () => {
  let dir: string;
  const open: JournalLog[] = [];
  const openLog = async (opts: { maxSegmentBytes?: number } = {}): Promise<JournalLog> => {
    const l = await JournalLog.open(dir, opts);
    open.push(l);
    return l;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-journal-'));
  });
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });

  it('gives positions from 1 in append order and reads them back after a position, at most limit', async () => {
    const log = await openLog();
    const res = await log.append([entry(1), entry(2), entry(3)]);
    expect(res).toEqual([
      { id: 'mention:demo:1', position: 1, duplicate: false },
      { id: 'mention:demo:2', position: 2, duplicate: false },
      { id: 'mention:demo:3', position: 3, duplicate: false },
    ]);
    expect(await log.head()).toBe(3);
    const page = await log.read(1, 1);
    expect(page).toEqual([{ position: 2, entry: entry(2) }]);
    expect(await ids(log, 3)).toEqual([]);
  });

  it('stores an id once: a repeat (in a later append or the same one) reports the existing position', async () => {
    const log = await openLog();
    await log.append([entry(1), entry(2)]);
    const res = await log.append([entry(2), entry(3), entry(3)]);
    expect(res).toEqual([
      { id: 'mention:demo:2', position: 2, duplicate: true },
      { id: 'mention:demo:3', position: 3, duplicate: false },
      { id: 'mention:demo:3', position: 3, duplicate: true },
    ]);
    expect(await ids(log)).toEqual(['mention:demo:1', 'mention:demo:2', 'mention:demo:3']);
  });

  it('keeps everything across a restart, ids included, and the same log id', async () => {
    const first = await openLog();
    await first.append([entry(1), entry(2)]);
    await first.close();
    open.length = 0;
    const again = await openLog();
    expect(again.logId).toBe(first.logId);
    expect(await again.head()).toBe(2);
    expect((await again.append([entry(2)]))[0]).toMatchObject({ position: 2, duplicate: true });
    expect((await again.append([entry(3)]))[0]).toMatchObject({ position: 3, duplicate: false });
    expect(((await again.read(0, 10))[2]!.entry as MentionEntry).mention.id).toBe('demo:3');
  });

  it('ignores and cuts a torn last line (a crash mid-write), then appends on a clean line', async () => {
    const log = await openLog();
    await log.append([entry(1), entry(2)]);
    await log.close();
    open.length = 0;
    const seg = join(dir, '000001.jsonl');
    appendFileSync(seg, '{"p":3,"e":{"id":"mention:demo:3","type":"mention","at":"2026-11-20T12:0');
    const again = await openLog();
    expect(again.skippedLines).toBe(1);
    expect(await again.head()).toBe(2);
    await again.append([entry(3)]);
    expect(await ids(again)).toEqual(['mention:demo:1', 'mention:demo:2', 'mention:demo:3']);
    const lines = readFileSync(seg, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { p: number }).p)).toEqual([1, 2, 3]);
  });

  it('rotates segments by size and reads across them', async () => {
    const log = await openLog({ maxSegmentBytes: 2000 });
    for (let i = 1; i <= 30; i++) await log.append([entry(i)]);
    const segments = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
    expect(segments.length).toBeGreaterThan(3);
    for (const s of segments.slice(0, -1)) expect(statSync(join(dir, s)).size).toBeLessThan(2000 + 600);
    expect(await ids(log)).toEqual(Array.from({ length: 30 }, (_, i) => `mention:demo:${i + 1}`));
    await log.close();
    open.length = 0;
    const again = await openLog({ maxSegmentBytes: 2000 });
    expect(await ids(again, 25)).toEqual(['mention:demo:26', 'mention:demo:27', 'mention:demo:28', 'mention:demo:29', 'mention:demo:30']);
    expect((await again.append([entry(7)]))[0]).toMatchObject({ position: 7, duplicate: true });
  });

  it('tells listeners the new head after the entries are readable', async () => {
    const log = await openLog();
    const heads: number[] = [];
    const seen: string[][] = [];
    log.onAppend((h) => {
      heads.push(h);
      void log.read(0, 100).then((p) => seen.push(p.map((x) => x.entry.id)));
    });
    await log.append([entry(1)]);
    await log.append([entry(1)]); // a duplicate: nothing new, no call
    await log.append([entry(2), entry(3)]);
    await new Promise((r) => setTimeout(r, 20));
    expect(heads).toEqual([1, 3]);
    expect(seen[0]).toEqual(['mention:demo:1']);
  });

  it('refuses appends once closed', async () => {
    const log = await openLog();
    await log.close();
    open.length = 0;
    await expect(log.append([entry(1)])).rejects.toThrow(/closed/);
  });
});

describe('createLogStore (journal)', () => {
  it('imports the unacked batches of an old outbox.jsonl once, then renames it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'earshot-import-'));
    writeFileSync(
      join(dataDir, 'outbox.jsonl'),
      [
        JSON.stringify({ t: 'h', journal: 'j', acked: 1, lastSeq: 3 }),
        JSON.stringify({ t: 'm', seq: 1, mentions: [mention(1)] }),
        JSON.stringify({ t: 'm', seq: 2, mentions: [mention(2), mention(3)] }),
        JSON.stringify({ t: 'a', seq: 2 }),
        JSON.stringify({ t: 'm', seq: 3, mentions: [mention(4)] }),
        '{"t":"m","seq":4,"ment',
      ].join('\n'),
    );
    const store = await createLogStore({ kind: 'journal', dataDir });
    expect((await store.read(0, 10)).map((p) => p.entry.id)).toEqual(['mention:demo:4']);
    expect(existsSync(join(dataDir, 'outbox.jsonl'))).toBe(false);
    expect(existsSync(join(dataDir, 'outbox.jsonl.imported'))).toBe(true);
    await store.close();
    const again = await createLogStore({ kind: 'journal', dataDir });
    expect(await again.head()).toBe(1);
    await again.close();
  });
});
