import type { Mention } from '../../../src-main/shared/mention';

/** A minimal valid mention numbered n. */
export function mention(n: number): Mention {
  return {
    id: `demo:${n}`,
    sourceId: 'demo',
    channel: 'x',
    text: `mention ${n}`,
    createdAt: new Date(Date.UTC(2026, 10, 20, 12, 0, n)).toISOString(),
    author: { key: `x:${n}`, handle: `user${n}`, name: `User ${n}`, followers: n },
    reach: { score: 1, tier: 'everyday' },
  };
}

