import { describe, it, expect } from 'vitest';
import { MAX_SEEN, advanceFeedCursor, parseFeedCursor } from '../../../src-main/sources/feed/feed-cursor';

describe('feed cursor', () => {
  it('no cursor is an empty one; an unreadable cursor is an empty one, flagged', () => {
    expect(parseFeedCursor(undefined)).toEqual({ cursor: { seen: [] }, invalid: false });
    expect(parseFeedCursor({ seen: 'nope' })).toEqual({ cursor: { seen: [] }, invalid: true });
    expect(parseFeedCursor({ etag: '"a"', seen: ['x'] })).toEqual({ cursor: { etag: '"a"', seen: ['x'] }, invalid: false });
  });

  it('takes the new validators and drops one the server no longer sends', () => {
    const next = advanceFeedCursor({ etag: '"old"', lastModified: 'Thu, 19 Nov 2026 00:00:00 GMT', seen: [] }, { lastModified: 'Fri, 20 Nov 2026 00:00:00 GMT' }, []);
    expect(next).toEqual({ lastModified: 'Fri, 20 Nov 2026 00:00:00 GMT', seen: [] });
  });

  it("keeps the feed's current keys first, then older ones, once each", () => {
    const next = advanceFeedCursor({ seen: ['b', 'old1', 'old2'] }, {}, ['a', 'b']);
    expect(next.seen).toEqual(['a', 'b', 'old1', 'old2']);
  });

  it(`is bounded to the newest ${MAX_SEEN} keys`, () => {
    const old = Array.from({ length: MAX_SEEN }, (_, i) => `old-${i}`);
    const next = advanceFeedCursor({ seen: old }, {}, ['new-1', 'new-2']);
    expect(next.seen).toHaveLength(MAX_SEEN);
    expect(next.seen.slice(0, 3)).toEqual(['new-1', 'new-2', 'old-0']);
    expect(next.seen).not.toContain(`old-${MAX_SEEN - 1}`);
  });

  it('stays plain JSON', () => {
    const c = advanceFeedCursor({ seen: [] }, { etag: 'W/"1"' }, ['k']);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
