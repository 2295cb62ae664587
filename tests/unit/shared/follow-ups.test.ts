/**
 * Follow-ups over a log read in order (shared/follow-ups-log.ts, what `fairness --team` uses): the
 * cases of tests/renderer/follow-ups.test.ts, as a table over plain log entries; and the export a
 * team log is read as (shared/log-export.ts).
 */
import { describe, expect, it } from 'vitest';
import { LogThreads } from '../../../src-main/shared/follow-ups-log';
import { LogExport } from '../../../src-main/shared/log-export';
import { mentionEntry, parseLogEntry, type TypedLogEntry } from '../../../src-main/shared/log-entry';
import type { Mention } from '../../../src-main/shared/mention';

const at = (minutes: number): string => new Date(Date.UTC(2026, 10, 20, 9) + minutes * 60_000).toISOString();
const dana = { key: 'x:100', handle: 'dana', name: 'Dana', followers: 212 };
const other = { key: 'x:200', handle: 'other', name: 'Other', followers: 5 };

function m(id: string, minutes: number, extra: Partial<Mention> = {}): TypedLogEntry {
  const mention: Mention = { id, sourceId: 's', channel: 'x', text: id, createdAt: at(minutes), author: dana, reach: { score: 5, tier: 'everyday' }, conversationId: '1000', ...extra };
  return mentionEntry(mention, at(minutes));
}
function w(type: string, mentionId: string, minutes: number, extra: Record<string, unknown> = {}): TypedLogEntry {
  const r = parseLogEntry({ id: `${type}:${mentionId}:${minutes}`, type, at: at(minutes), mentionId, ...extra });
  if ('error' in r) throw new Error(r.error);
  return r.entry;
}

/** Dana's mention, answered by mk at 20 (reply 5000, which makes mk its assignee) and resolved at 21. */
const ANSWERED = [m('x:1000', 0), w('replied', 'x:1000', 20, { agent: 'mk', replyId: '5000' }), w('resolved', 'x:1000', 21, { agent: 'mk' })];

const cases: Array<{ name: string; log: TypedLogEntry[]; want: string[] }> = [
  { name: 'same author, same conversation, after our reply, resolved: joins and reopens', log: [...ANSWERED, m('x:1001', 60)], want: ['x:1001 follow-up of x:1000 reopen assigned'] },
  { name: 'a reply to our reply without a conversation id', log: [...ANSWERED, m('x:1002', 60, { conversationId: undefined, inReplyToId: 'x:5000' })], want: ['x:1002 follow-up of x:1000 reopen assigned'] },
  { name: 'someone else in the conversation: a new request', log: [...ANSWERED, m('x:1003', 60, { author: other })], want: [] },
  { name: 'written before our reply: a new request', log: [...ANSWERED, m('x:999', 10)], want: [] },
  { name: 'a second follow-up while open again: joins, no second reopen', log: [...ANSWERED, m('x:1001', 60), m('x:1004', 61)], want: ['x:1001 follow-up of x:1000 reopen assigned', 'x:1004 follow-up of x:1000'] },
  { name: 'resolved again between the two: reopens again', log: [...ANSWERED, m('x:1001', 60), w('resolved', 'x:1000', 62), m('x:1004', 63)], want: ['x:1001 follow-up of x:1000 reopen assigned', 'x:1004 follow-up of x:1000 reopen assigned'] },
  { name: 'given back to the queue before the customer writes again: reopened as new', log: [...ANSWERED, w('unassigned', 'x:1000', 22), m('x:1001', 60)], want: ['x:1001 follow-up of x:1000 reopen new'] },
  { name: 'waiting on the customer (answered, not resolved): reopened', log: [m('x:1000', 0), w('replied', 'x:1000', 20, { agent: 'mk', replyId: '5000' }), m('x:1001', 60)], want: ['x:1001 follow-up of x:1000 reopen assigned'] },
  { name: 'noise is never continued', log: [...ANSWERED, w('noise', 'x:1000', 30), m('x:1001', 60)], want: [] },
  { name: 'our own reply heard back joins, closed', log: [...ANSWERED, m('x:5000', 20, { author: other })], want: ['x:5000 own-reply of x:1000'] },
  { name: 'a mention heard twice is decided once', log: [...ANSWERED, m('x:1001', 60), m('x:1001', 60)], want: ['x:1001 follow-up of x:1000 reopen assigned'] },
];

describe('follow-ups of a log read in order', () => {
  it.each(cases)('$name', async ({ log, want }) => {
    const threads = new LogThreads();
    const got: string[] = [];
    for (const e of log) {
      const s = await threads.next(e);
      if (s) got.push(`${s.id} ${s.kind} of ${s.rootId}${s.kind === 'follow-up' && s.reopen ? ` reopen ${s.reopen.status}` : ''}`);
    }
    expect(got).toEqual(want);
  });
});

describe('the export of a log (shared/log-export.ts)', () => {
  it('re-tags the mentions before a change of topic rules, not those after; a bad entry is passed on for the reader to name', async () => {
    const out = new LogExport();
    const raw = (e: TypedLogEntry): Record<string, unknown> => e as unknown as Record<string, unknown>;
    await out.add(raw(m('x:1', 0, { text: 'my refund', topics: ['old'] })));
    await out.add({ id: 'bad', type: 'resolved', at: at(1) });
    await out.add({ id: 'saved', type: 'saved-replies', at: at(2), replies: [] });
    await out.add({ id: 'rules', type: 'topic-rules', at: at(3), topics: [{ id: 'refund', name: 'Refund', any: ['refund'] }] });
    await out.add(raw(m('x:2', 4, { text: 'refund now', topics: [] })));
    const lines = out.lines().map((l) => JSON.parse(l) as { type: string; mention?: { id: string; topics?: string[] } });
    expect(lines.map((l) => l.type)).toEqual(['mention', 'resolved', 'mention']);
    expect(lines[0]!.mention!.topics).toEqual(['refund']);
    expect(lines[2]!.mention!.topics).toEqual([]);
    expect(lines[1]).toEqual({ type: 'resolved', at: at(1) });
  });
});
