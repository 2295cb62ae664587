/** Delivery's pages as binary frames (shared/entries-frame.ts): the header read alone, the page decoded and checked. */
import { describe, it, expect } from 'vitest';
import { decodeEntriesFrame, encodeEntriesFrame, readEntriesFrame } from '../../../src-main/shared/entries-frame';
import { mentionEntry } from '../../../src-main/shared/log-entry';
import type { LogPage } from '../../../src-main/shared/contract';

const at = '2026-11-20T10:00:00.000Z';
const pageOf = (texts: string[], first: number): LogPage => ({
  entries: texts.map((text, i) => ({
    position: first + i,
    entry: mentionEntry({ id: `x:${first + i}`, sourceId: 's', channel: 'x', text, createdAt: at, author: { key: 'x:a', handle: 'a', name: 'A', followers: 1, verified: false }, reach: { score: 1, tier: 'everyday' } }, at),
  })),
});
const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('entries frame', () => {
  it('gives back the same entries, text in any script, with positions from the header', () => {
    const page = pageOf(['Reembolsó 💸 "quoted"\nline two', '遅延した', 'plain'], 41);
    const frame = readEntriesFrame(encodeEntriesFrame(page));
    expect({ count: frame.count, first: frame.first, last: frame.last }).toEqual({ count: 3, first: 41, last: 43 });
    expect(decodeEntriesFrame(frame)).toEqual(page.entries);
  });

  it('reads the header without the page: a page that is not JSON fails only when decoded', () => {
    const frame = readEntriesFrame(bytesOf('{"count":2,"first":5,"last":6}\n{"entries":[{"posi'));
    expect(frame.last).toBe(6);
    expect(() => decodeEntriesFrame(frame)).toThrow(/page of positions 5-6 is not JSON/);
  });

  it.each([
    ['no header line', '{"entries":[]}'],
    ['a header that is not JSON', 'count=2\n{}'],
    ['a count that does not match the positions', '{"count":3,"first":5,"last":6}\n{}'],
    ['a position that is not a whole number', '{"count":1,"first":1.5,"last":1.5}\n{}'],
    ['no count', '{"first":1,"last":1}\n{}'],
  ])('refuses a frame with %s', (_what, text) => {
    expect(() => readEntriesFrame(bytesOf(text))).toThrow(/page frame/);
  });

  it('refuses a page whose entries are not the positions its header says, or not entries', () => {
    const page = pageOf(['a', 'b'], 10);
    const claimed = (header: string): Uint8Array => bytesOf(`${header}\n${JSON.stringify(page)}`);
    expect(() => decodeEntriesFrame(readEntriesFrame(claimed('{"count":2,"first":11,"last":12}')))).toThrow(/holds other positions than its header says/);
    const gap = { entries: [page.entries[0]!, { ...page.entries[1]!, position: 12 }] };
    expect(() => decodeEntriesFrame(readEntriesFrame(bytesOf(`{"count":2,"first":10,"last":11}\n${JSON.stringify(gap)}`)))).toThrow(/other positions/);
    const frame = (body: unknown): ReturnType<typeof readEntriesFrame> => readEntriesFrame(bytesOf(`{"count":2,"first":10,"last":11}\n${JSON.stringify(body)}`));
    expect(() => decodeEntriesFrame(frame({ entries: [page.entries[0]] }))).toThrow(/holds 1 entries, not the 2 its header says/);
    expect(() => decodeEntriesFrame(frame([page.entries]))).toThrow(/has no list of entries/);
    expect(() => decodeEntriesFrame(frame({ entries: [page.entries[0], { position: 11, entry: 'x' }] }))).toThrow(/position 11 holds no entry object/);
    // What an entry holds is checked where it is applied, entry by entry (parseLogEntry).
    const noId = { entries: page.entries.map((e) => ({ position: e.position, entry: { ...e.entry, id: '' } })) };
    expect(decodeEntriesFrame(frame(noId))[0]!.entry.id).toBe('');
  });
});
