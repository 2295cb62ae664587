/** What each workflow entry does to a mention (shared/workflow.ts): one table, every type. */
import { describe, it, expect } from 'vitest';
import { foldEntries, reduceEntry, type WorkflowState } from '../../../src-main/shared/workflow';
import type { WorkflowEntry } from '../../../src-main/shared/log-entry';

const at = '2026-11-20T10:00:00.000Z';
const base = { id: 'e', at, mentionId: 'x:1' };
const fresh: WorkflowState = { status: 'new', open: 1, tags: [] };
const e = (x: Record<string, unknown>): WorkflowEntry => ({ ...base, ...x }) as WorkflowEntry;

describe('reduceEntry', () => {
  const cases: Array<[string, WorkflowState, WorkflowEntry, Partial<WorkflowState> & { lostTo?: string }]> = [
    ['assign new', fresh, e({ type: 'assigned', agent: 'mk' }), { status: 'assigned', assignee: 'mk' }],
    ['assign keeps waiting', { ...fresh, status: 'waiting', assignee: 'lo' }, e({ type: 'assigned', agent: 'mk' }), { status: 'waiting', assignee: 'mk' }],
    ['take of a held mention loses', { ...fresh, status: 'assigned', assignee: 'lo' }, e({ type: 'assigned', agent: 'mk', take: true }), { assignee: 'lo', lostTo: 'lo' }],
    ['take of my own is a no-op', { ...fresh, status: 'assigned', assignee: 'mk' }, e({ type: 'assigned', agent: 'mk', take: true }), { assignee: 'mk' }],
    ['lead reassign overrides', { ...fresh, status: 'assigned', assignee: 'lo' }, e({ type: 'assigned', agent: 'mk', by: 'lead' }), { assignee: 'mk' }],
    ['unassign', { ...fresh, status: 'assigned', assignee: 'lo' }, e({ type: 'unassigned', agent: 'lo' }), { status: 'new', assignee: undefined }],
    ['tag once', { ...fresh, tags: ['a'] }, e({ type: 'tagged', tag: 'a' }), { tags: ['a'] }],
    ['untag', { ...fresh, tags: ['a', 'b'] }, e({ type: 'untagged', tag: 'a' }), { tags: ['b'] }],
    ['resolve', fresh, e({ type: 'resolved' }), { status: 'resolved', open: 0 }],
    ['noise', fresh, e({ type: 'noise' }), { status: 'noise', open: 0 }],
    ['reopen resolved, never answered', { ...fresh, status: 'resolved', open: 0, assignee: 'mk' }, e({ type: 'reopened' }), { status: 'assigned', open: 1 }],
    ['reopen resolved after a reply waits', { ...fresh, status: 'resolved', open: 0, lastReplyAt: 5 }, e({ type: 'reopened' }), { status: 'waiting', open: 1 }],
    ['reopen of an open mention is a no-op', { ...fresh, status: 'assigned', assignee: 'mk' }, e({ type: 'reopened' }), { status: 'assigned' }],
    ['unnoise', { ...fresh, status: 'noise', open: 0, lastReplyAt: 5 }, e({ type: 'unnoise' }), { status: 'new', open: 1 }],
    ['undo restores the exact status', { ...fresh, status: 'resolved', open: 0 }, e({ type: 'reopened', restore: 'waiting' }), { status: 'waiting', open: 1 }],
    [
      'reply: waiting, taken, reply times, id once',
      { ...fresh, replyIds: ['9'] },
      e({ type: 'replied', agent: 'mk', replyId: '9' }),
      { status: 'waiting', assignee: 'mk', firstReplyAt: Date.parse(at), lastReplyAt: Date.parse(at), replyIds: ['9'] },
    ],
    ['note changes nothing', fresh, e({ type: 'noted', text: 'hi' }), fresh],
    ['skip changes nothing', fresh, e({ type: 'skipped', agent: 'mk', takenMentionId: 'x:2' }), fresh],
  ];
  for (const [name, s, entry, want] of cases) {
    it(name, () => {
      const { lostTo, ...fields } = want;
      const r = reduceEntry(s, entry);
      for (const [k, v] of Object.entries(fields)) {
        if (v === undefined) expect(r.state).not.toHaveProperty(k);
        else expect(r.state[k as keyof WorkflowState]).toEqual(v);
      }
      expect(r.lostTakeTo).toBe(lostTo);
    });
  }

  it('an earlier reply later in log order still counts as the first', () => {
    const s = foldEntries(fresh, [e({ id: 'a', type: 'replied', agent: 'mk', at: '2026-11-20T10:05:00.000Z' }), e({ id: 'b', type: 'replied', agent: 'lo', at: '2026-11-20T10:01:00.000Z' })]).state;
    expect(s.firstReplyAt).toBe(Date.parse('2026-11-20T10:01:00Z'));
    expect(s.lastReplyAt).toBe(Date.parse('2026-11-20T10:05:00Z'));
  });
});
