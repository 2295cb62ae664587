import { describe, it, expect } from 'vitest';
import { addVocMention, emptyColumns, indexColumns, setVocTopics, type VocColumns } from '../../../src-main/shared/voc/columns';

const mention = (id: string, topics: string[]) => ({ id, sourceId: 's', channel: 'x' as const, createdAt: '2026-11-01T00:00:00Z', lang: 'en', sentiment: null, topics, text: `text of ${id}` });
const topicsOf = (c: VocColumns, i: number): string[] => Array.from(c.topic.subarray(c.topicStart[i]!, c.topicStart[i + 1]!), (t) => c.topics[t]!);

describe('setVocTopics (re-tagging past mentions in the columns)', () => {
  it.each([
    ['one row gains a topic', new Map([[1, ['wifi']]]), [['refunds'], ['wifi'], ['delays', 'refunds']]],
    ['one row loses them all', new Map([[2, []]]), [['refunds'], [], []]],
    ['every row changes, a new topic on several', new Map([[0, ['new']], [1, ['new', 'refunds']], [2, ['delays']]]), [['new'], ['new', 'refunds'], ['delays']]],
    ['nothing changes', new Map<number, string[]>(), [['refunds'], [], ['delays', 'refunds']]],
  ])('%s', (_what, changes, expected) => {
    // A small capacity, so the topic column has to grow.
    const c = emptyColumns(2);
    const ix = indexColumns(c);
    addVocMention(c, ix, mention('a', ['refunds']), 0);
    addVocMention(c, ix, mention('b', []), 0);
    addVocMention(c, ix, mention('c', ['delays', 'refunds']), 0);
    setVocTopics(c, ix, changes);
    expect([0, 1, 2].map((i) => topicsOf(c, i))).toEqual(expected);
    // The topic lookup names every topic in use, and a mention added afterwards lands after them.
    for (const t of expected.flat()) expect(c.topics[ix.topic.get(t)!]).toBe(t);
    addVocMention(c, ix, mention('d', ['wifi', 'delays']), 0);
    expect(topicsOf(c, 3)).toEqual(['wifi', 'delays']);
    expect(topicsOf(c, 2)).toEqual(expected[2]);
  });
});
