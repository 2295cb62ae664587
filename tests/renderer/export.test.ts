import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { assign, recordReply, resolve, markNoise } from '../../src-renderer/db/actions';
import { exportEventLog, exportInboxCsv, CSV_HEADER } from '../../src-renderer/inbox/export';
import { parseCsv } from '../../src-renderer/customers/csv';
import { parseLogLine } from '../../src-main/shared/events';
import { freshDb, ingest, mention, at } from './helpers/db';
import { blobText as text } from './helpers/blob-text';

const clock = (min: number) => ({ agent: 'mk', now: () => Date.parse(at(min)) });

describe('exports', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
    await ingest(db, [mention('x:1', at(0), { receivedAt: at(1) }), mention('x:2', at(2), { receivedAt: at(3), text: 'line one\nline, "two"' })]);
    await assign(db, ['x:1'], 'mk', clock(5));
    await recordReply(db, 'x:1', { via: 'x', text: 'On it', url: 'https://x.com/a/status/9', replyId: '9', postedAt: at(10) }, clock(10));
    await resolve(db, ['x:1'], clock(20));
    await markNoise(db, ['x:2'], clock(21));
  });

  it('writes the event log as JSON lines exactly as INTERFACES.md: oldest first, whole mentions, flat fields', async () => {
    const lines = (await text(await exportEventLog(db))).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['mention', 'mention', 'assigned', 'replied', 'resolved', 'noise']);
    expect(lines[0]).toEqual({ type: 'mention', at: at(1), mention: expect.objectContaining({ id: 'x:1', createdAt: at(0), author: expect.any(Object), reach: expect.any(Object) }) });
    expect(Object.keys(lines[0]!.mention as object)).not.toContain('status');
    expect(Object.keys(lines[0]!.mention as object)).not.toContain('words');
    expect(lines[3]).toEqual({ type: 'replied', at: at(10), mentionId: 'x:1', agent: 'mk', via: 'x', text: 'On it', url: 'https://x.com/a/status/9', replyId: '9' });
    expect(lines[4]).toEqual({ type: 'resolved', at: at(20), mentionId: 'x:1', agent: 'mk' });
    for (const l of lines) expect(parseLogLine(l)).toHaveProperty('event');
  });

  it('writes a view as CSV that a spreadsheet reads back', async () => {
    const rows = parseCsv(await text(await exportInboxCsv(db, ['x:2', 'x:1'])));
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['x:2', 'x:1']);
    expect(rows[1]![CSV_HEADER.indexOf('text')]).toBe('line one\nline, "two"');
    expect(rows[2]![CSV_HEADER.indexOf('status')]).toBe('resolved');
  });
});
