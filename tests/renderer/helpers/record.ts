/** A stored mention record as a row draws it, posted half an hour before `nowMs` and due half an hour after. */
import type { MentionRecord } from '../../../src-renderer/db/schema';

const MIN = 60_000;

export function storedRecord(nowMs: number, extra: Partial<MentionRecord> = {}): MentionRecord {
  return {
    id: 'x:1',
    sourceId: 'acme',
    channel: 'x',
    text: 'Refund still missing',
    createdAt: new Date(nowMs - 30 * MIN).toISOString(),
    author: { key: 'x:dana', handle: 'dana', name: 'Dana Whitfield', followers: 12 },
    reach: { score: 5, tier: 'everyday' },
    status: 'new',
    open: 1,
    dueAt: nowMs + 30 * MIN,
    createdMs: nowMs - 30 * MIN,
    clockStartMs: nowMs - 30 * MIN,
    authorKey: 'x:dana',
    tags: [],
    ...extra,
  } as MentionRecord;
}
