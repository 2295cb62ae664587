import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLog } from '../../../src-main/log/journal-log';
import type { MentionEntry } from '../../../src-main/shared/log-entry';
import { CursorStore } from '../../../src-main/core/cursors';
import { Poller } from '../../../src-main/core/poller';
import { createLogger, setLogSink } from '../../../src-main/core/log';
import { SourceError, type Source, type PollContext } from '../../../src-main/sources/source';
import type { SourceMention } from '../../../src-main/shared/mention';
import type { SourceHealth } from '../../../src-main/shared/sources';

function sm(id: string, createdAt = '2026-11-20T10:00:00.000Z'): SourceMention {
  return {
    id,
    sourceId: 's',
    channel: 'x',
    text: id,
    createdAt,
    author: { key: 'x:1', handle: 'a', name: 'A', followers: 5 },
    reachInputs: { followers: 5 },
  };
}

function fakeSource(id: string, poll: (ctx: PollContext) => Promise<ReturnType<Source['poll']> extends Promise<infer R> ? R : never>): Source {
  return { id, kind: 'feed', intervalMs: 60_000, poll };
}

describe('poller', () => {
  let dir: string;
  let store: JournalLog;
  /** Mentions in the log, in order. */
  const heard = async () => (await store.read(0, 1000)).map((p) => (p.entry as MentionEntry).mention);
  let cursors: CursorStore;
  let health: SourceHealth[];
  let poller: Poller;

  beforeEach(async () => {
    setLogSink(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'earshot-poller-'));
    store = await JournalLog.open(join(dir, 'log'));
    cursors = await CursorStore.open(dir);
    health = [];
    poller = new Poller({ store, cursors, score: () => ({ score: 3, tier: 'everyday' }), log: createLogger('t'), onHealth: (h) => health.push(h) });
  });
  afterEach(async () => {
    await poller.stop();
    await store.close();
    setLogSink(null);
  });

  it('appends a poll to the log before it saves the cursor, and scores reach', async () => {
    const order: string[] = [];
    store.onAppend(() => order.push('log'));
    const origSet = cursors.set.bind(cursors);
    cursors.set = async (...a) => {
      order.push('cursor');
      return origSet(...a);
    };
    poller.add(fakeSource('s', async () => ({ mentions: [sm('x:1'), sm('x:2')], cursor: { since: 'x:2' } })));
    await poller.pollNow('s');
    expect(order).toEqual(['log', 'cursor']);
    expect((await heard()).map((m) => [m.id, m.reach.tier])).toEqual([
      ['x:1', 'everyday'],
      ['x:2', 'everyday'],
    ]);
    await cursors.flush();
    expect(JSON.parse(readFileSync(join(dir, 'cursors.json'), 'utf8')).sources.s.cursor).toEqual({ since: 'x:2' });
    expect(health.at(-1)).toMatchObject({ state: 'ok', lastItems: 2 });
  });

  it('does not advance the cursor when the log append fails', async () => {
    poller.add(fakeSource('s', async (ctx) => ({ mentions: [sm('x:1')], cursor: { n: ((ctx.cursor as { n: number } | undefined)?.n ?? 0) + 1 } })));
    await store.close(); // every append now fails
    await poller.pollNow('s');
    expect(cursors.get('s')).toBeUndefined();
    expect(health.at(-1)).toMatchObject({ state: 'error' });
    expect(health.at(-1)!.message).toMatch(/Could not save/);
    store = await JournalLog.open(join(dir, 'log')); // for afterEach
  });

  it('passes the saved cursor to the next poll', async () => {
    const seen: unknown[] = [];
    poller.add(fakeSource('s', async (ctx) => {
      seen.push(ctx.cursor);
      return { mentions: [], cursor: { n: seen.length } };
    }));
    await poller.pollNow('s');
    await poller.pollNow('s');
    expect(seen).toEqual([undefined, { n: 1 }]);
  });

  it('starts a backfill’s SLA clock when the source was connected, not at the post time', async () => {
    poller.add(fakeSource('s', async () => ({ mentions: [sm('x:old', '2020-01-01T00:00:00.000Z')], cursor: {} })));
    await poller.pollNow('s');
    const m = (await heard())[0]!;
    expect(m.clockStartAt).toBeDefined();
    expect(Date.parse(m.clockStartAt!)).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('a failing source gets its own health state and retry time while another keeps delivering', async () => {
    const retryAt = Date.now() + 120_000;
    poller.add(fakeSource('bad', async () => {
      throw new SourceError('rate-limited', 'X rate limit reached', { retryAt });
    }));
    poller.add(fakeSource('good', async () => ({ mentions: [sm('x:9')], cursor: {} })));
    await Promise.all([poller.pollNow('bad'), poller.pollNow('good')]);
    const byId = Object.fromEntries(poller.health().map((h) => [h.sourceId, h]));
    expect(byId.bad).toMatchObject({ state: 'rate-limited', consecutiveFailures: 1 });
    expect(Date.parse(byId.bad!.nextPollAt!)).toBe(retryAt);
    expect(byId.good).toMatchObject({ state: 'ok', lastItems: 1 });
  });

  it('an unexpected exception becomes an error state, not a crash', async () => {
    poller.add(fakeSource('s', async () => {
      throw new TypeError('boom');
    }));
    await poller.pollNow('s');
    expect(poller.health()[0]).toMatchObject({ state: 'error' });
    expect(poller.health()[0]!.message).toContain('boom');
  });

  it('an auth error stops polling until the user acts', async () => {
    poller.add(fakeSource('s', async () => {
      throw new SourceError('auth-error', 'X refused the bearer token (401)', { action: 'Paste a new token.' });
    }));
    await poller.pollNow('s');
    expect(poller.health()[0]).toMatchObject({ state: 'auth-error', action: 'Paste a new token.', nextPollAt: undefined });
  });

  it('drops a malformed mention from a connector and keeps the rest', async () => {
    poller.add(fakeSource('s', async () => ({ mentions: [sm('x:1'), { ...sm('x:2'), createdAt: 'yesterday' }], cursor: {} })));
    await poller.pollNow('s');
    expect((await heard()).map((m) => m.id)).toEqual(['x:1']);
  });

  it('stop waits for a poll in flight to reach the log', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    poller.add(fakeSource('s', async () => {
      await gate;
      return { mentions: [sm('x:late')], cursor: {} };
    }));
    poller.start();
    await new Promise((r) => setTimeout(r, 20));
    const stopped = poller.stop();
    setTimeout(release, 50);
    await stopped;
    expect((await heard()).map((m) => m.id)).toEqual(['x:late']);
  });
});
