import { describe, it, expect } from 'vitest';
import { advanceCursor, parseCursor, planPoll, SEARCH_REACH_MS } from '../../../src-main/sources/x/x-cursor';
import { snowflakeTime } from '../../../src-main/sources/x/x-normalize';

const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);
const mentions = { kind: 'x-mentions' as const, nowMs: NOW, maxPages: 10 };

describe('X cursor', () => {
  it('plans the first poll as one page without bounds (a backfill) and starts after its newest post', () => {
    const plan = planPoll(undefined, mentions);
    expect(plan).toMatchObject({ bounds: {}, backfill: true, maxPages: 1 });
    expect(advanceCursor(plan, { newestId: '105', oldestId: '101', complete: false }, NOW)).toEqual({ sinceId: '105' });
  });

  it('starts from the time of an empty first poll (less a minute for index lag)', () => {
    const plan = planPoll(undefined, mentions);
    expect(advanceCursor(plan, { complete: true }, NOW)).toEqual({ startTime: '2026-11-20T14:59:00Z' });
    expect(planPoll({ startTime: '2026-11-20T14:59:00Z' }, mentions).bounds).toEqual({ start_time: '2026-11-20T14:59:00Z' });
  });

  it('moves since_id to the newest post once paging reached the cursor', () => {
    const plan = planPoll({ sinceId: '98' }, mentions);
    expect(plan.bounds).toEqual({ since_id: '98' });
    expect(advanceCursor(plan, { newestId: '105', oldestId: '99', complete: true }, NOW)).toEqual({ sinceId: '105' });
    expect(advanceCursor(plan, { complete: true }, NOW)).toEqual({ sinceId: '98' });
  });

  it('remembers the unread rest as a gap when a poll stops early, and fills it next', () => {
    const first = planPoll({ sinceId: '98' }, mentions);
    const gap = advanceCursor(first, { newestId: '105', oldestId: '101', complete: false }, NOW);
    expect(gap).toEqual({ sinceId: '98', gap: { untilId: '101', newestId: '105' } });
    const second = planPoll(gap, mentions);
    expect(second.bounds).toEqual({ since_id: '98', until_id: '101' });
    const partly = advanceCursor(second, { newestId: '100', oldestId: '100', complete: false }, NOW);
    expect(partly).toEqual({ sinceId: '98', gap: { untilId: '100', newestId: '105' } });
    expect(advanceCursor(planPoll(partly, mentions), { newestId: '99', oldestId: '99', complete: true }, NOW)).toEqual({ sinceId: '105' });
  });

  it('keeps the cursor when a poll read nothing before it stopped', () => {
    const plan = planPoll({ sinceId: '98' }, mentions);
    expect(advanceCursor(plan, { complete: false }, NOW)).toEqual({ sinceId: '98' });
  });

  it('searches from 7 days ago when the last post seen is older than recent search reaches', () => {
    const oldId = String((BigInt(NOW - 9 * 24 * 3600_000 - 1288834974657) << 22n) + 5n);
    expect(snowflakeTime(oldId)).toBe(NOW - 9 * 24 * 3600_000);
    const plan = planPoll({ sinceId: oldId }, { ...mentions, kind: 'x-search' });
    expect(plan.bounds).toEqual({ start_time: new Date(Math.floor((NOW - SEARCH_REACH_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z') });
    expect(plan.notes[0]).toMatch(/7 days/);
    // the mentions timeline has no such limit
    expect(planPoll({ sinceId: oldId }, mentions).bounds).toEqual({ since_id: oldId });
  });

  it('treats an unreadable cursor as none', () => {
    expect(parseCursor({ sinceId: 42 })).toEqual({ invalid: true });
    expect(parseCursor(undefined)).toEqual({ invalid: false });
    expect(parseCursor({ sinceId: '1860000000000000105' })).toEqual({ cursor: { sinceId: '1860000000000000105' }, invalid: false });
  });
});

describe('search past its 7-day reach (regression: the poll command printed old posts again)', () => {
  it('falls back to start_time but remembers what was delivered, so nothing comes twice', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const stale = '1860000000000000205'; // a snowflake from 2024: far outside the 7 days
    const plan = planPoll({ sinceId: stale }, { kind: 'x-search', nowMs: now, maxPages: 10 });
    expect(plan.bounds.since_id).toBeUndefined();
    expect(plan.bounds.start_time).toBeDefined();
    expect(plan.deliveredUpTo).toBe(stale);
    // Nothing newer came back: the cursor keeps the delivered id instead of forgetting it.
    expect(advanceCursor(plan, { complete: true }, now)).toEqual({ sinceId: stale });
    expect(advanceCursor(plan, { newestId: stale, oldestId: '1860000000000000100', complete: true }, now)).toEqual({ sinceId: stale });
  });
});
