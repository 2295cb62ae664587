import { describe, it, expect } from 'vitest';
import { authorRowAfter } from '../../src-renderer/db/author-rows';
import type { AuthorRecord } from '../../src-renderer/db/schema';
import type { Mention } from '../../src-main/shared/mention';

const mention = (createdAt: string, author: Partial<Mention['author']> = {}, reach: Mention['reach'] = { score: 5, tier: 'everyday' }): Mention => ({
  id: `x:${createdAt}`,
  sourceId: 'demo',
  channel: 'x',
  text: 'hello',
  createdAt,
  author: { key: 'x:dana', handle: 'dana', name: 'Dana', followers: 10, ...author },
  reach,
});
const stored: AuthorRecord = { key: 'x:dana', handle: 'dana', name: 'Dana', followers: 10, url: 'https://x.com/dana', channel: 'x', reach: { score: 5, tier: 'everyday' }, firstSeenAt: '2026-01-01T00:00:00Z' };
const first = mention('2026-02-01T00:00:00Z');

describe('author rows (db/author-rows.ts): written only for a new author or a changed profile', () => {
  it.each<[string, AuthorRecord | undefined, Mention, AuthorRecord | undefined]>([
    ['a new author: its profile, first seen at its first mention', undefined, mention('2026-02-02T00:00:00Z'), { key: 'x:dana', handle: 'dana', name: 'Dana', followers: 10, channel: 'x', reach: { score: 5, tier: 'everyday' }, firstSeenAt: '2026-02-01T00:00:00Z' }],
    ['the same profile again: nothing to write', stored, mention('2026-02-02T00:00:00Z'), undefined],
    ['more followers: rewritten, fields the mention does not name kept', stored, mention('2026-02-02T00:00:00Z', { followers: 11 }), { ...stored, followers: 11 }],
    ['another reach: rewritten', stored, mention('2026-02-02T00:00:00Z', {}, { score: 30, tier: 'micro' }), { ...stored, reach: { score: 30, tier: 'micro' } }],
    ['a v6 row with per-mention counts, changed: rewritten without them', { ...stored, mentionCount: 4, lastSeenAt: '2026-01-05T00:00:00Z' }, mention('2026-02-02T00:00:00Z', { verified: true }), { ...stored, verified: true }],
    ['a v6 row with per-mention counts, same profile: left as it is', { ...stored, mentionCount: 4, lastSeenAt: '2026-01-05T00:00:00Z' }, mention('2026-02-02T00:00:00Z'), undefined],
  ])('%s', (_, prev, latest, want) => {
    expect(authorRowAfter(prev, first, latest)).toEqual(want);
  });
});
