import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { appendFileSync, readFileSync } from 'node:fs';
import { JsonlAttemptStore, type ReplyAttempt } from '../../../src-main/sources/x/x-attempts';
import { sameText } from '../../../src-main/sources/x/x-reply-check';
import { tempDir } from './x-test-kit';

const attempt = (over: Partial<ReplyAttempt> = {}): ReplyAttempt => ({
  attemptId: 'att-00000001',
  targetTweetId: '1860000000000000105',
  text: 'hello',
  state: 'sending',
  createdAt: '2026-11-20T14:10:00.000Z',
  updatedAt: '2026-11-20T14:10:00.000Z',
  ...over,
});

describe('reply attempt journal', () => {
  it('gives the last state of each attempt after a restart', async () => {
    const path = join(tempDir(), 'attempts.jsonl');
    const a = await JsonlAttemptStore.open(path);
    await a.put(attempt());
    await a.put(attempt({ state: 'sent', replyId: '1860000000000000900' }));
    await a.put(attempt({ attemptId: 'att-00000002', state: 'unknown' }));
    const b = await JsonlAttemptStore.open(path);
    expect((await b.get('att-00000001'))?.state).toBe('sent');
    expect((await b.get('att-00000002'))?.state).toBe('unknown');
    expect(await b.get('nope')).toBeUndefined();
  });

  it('skips a line torn by a crash and keeps the state before it', async () => {
    const path = join(tempDir(), 'attempts.jsonl');
    const a = await JsonlAttemptStore.open(path);
    await a.put(attempt());
    appendFileSync(path, '{"attemptId":"att-00000001","state":"se');
    const b = await JsonlAttemptStore.open(path);
    expect((await b.get('att-00000001'))?.state).toBe('sending');
    await b.put(attempt({ state: 'sent', replyId: '1' }));
    // the torn tail was compacted away, so the new line is whole
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).state)).toEqual(['sending', 'sent']);
  });
});

describe('recognising our reply on X', () => {
  it("ignores X's escaping, link wrapping and whitespace", () => {
    expect(sameText('@danawhit Sorry &amp; thanks, see https://t.co/abc123', '@danawhit Sorry & thanks,  see https://acme.example/help')).toBe(true);
    expect(sameText('@danawhit Sorry', '@danawhit Sorry!')).toBe(false);
  });
});
