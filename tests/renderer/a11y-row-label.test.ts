import { describe, it, expect } from 'vitest';
import { dueState, rowLabel, spokenDuration } from '../../src-renderer/inbox/row-label';
import type { MentionRecord } from '../../src-renderer/db/schema';
import { storedRecord } from './helpers/record';

const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);
const MIN = 60_000;

const rec = (extra: Partial<MentionRecord> = {}): MentionRecord => storedRecord(NOW, { text: 'Refund still missing\nsecond line', ...extra });

describe('the inbox row, said aloud', () => {
  it.each([
    [20_000, 'less than a minute'],
    [MIN, '1 minute'],
    [7 * MIN, '7 minutes'],
    [60 * MIN, '1 hour'],
    [65 * MIN, '1 hour 5 minutes'],
    [50 * 60 * MIN, '2 days 2 hours'],
    [-10 * MIN, '10 minutes'],
  ])('%i ms is "%s"', (ms, words) => expect(spokenDuration(ms)).toBe(words));

  it.each([
    [{ dueAt: NOW + 30 * MIN }, 'due in 30 minutes'],
    [{ dueAt: NOW + 7 * MIN }, 'due in 7 minutes, soon'],
    [{ dueAt: NOW - 10 * MIN }, '10 minutes over'],
    [{ status: 'waiting' as const }, 'waiting on the customer'],
    [{ status: 'resolved' as const }, 'resolved'],
    [{ status: 'noise' as const }, 'marked as noise'],
  ])('due state of %o is "%s"', (extra, words) => expect(dueState(rec(extra), NOW)).toBe(words));

  it('puts the essentials first: unread, author, channel, due state; then the first line, tags, assignee', () => {
    const m = rec({ unread: 1, tags: ['refund', 'billing'], assignee: 'mk' });
    expect(rowLabel(m, { nowMs: NOW, reachVisible: true, checked: false })).toBe(
      'Unread, Dana Whitfield @dana on X, due in 30 minutes. everyday reach. Refund still missing. tagged refund, billing. assigned to mk',
    );
  });

  it('says nothing of reach in reach-blind mode, and says when the row is picked for bulk actions', () => {
    const m = rec({ channel: 'appstore', title: 'Crashes', rating: 1, author: { key: 'a:1', handle: '', name: 'Leo', followers: null } });
    expect(rowLabel(m, { nowMs: NOW, reachVisible: false, checked: true })).toBe('Leo on App Store, due in 30 minutes. 1 of 5 stars. Crashes. Refund still missing. picked for bulk actions');
  });
});
