/**
 * Team mode in the poller: a source this seat does not hold the lease on is on standby (no poll,
 * health "Polled by another seat"); taking the lease starts it, losing it stops it; a poll whose
 * lease went between scheduling and running does not happen. Entries go through `append` when given.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLog } from '../../../src-main/log/journal-log';
import { CursorStore } from '../../../src-main/core/cursors';
import { Poller } from '../../../src-main/core/poller';
import { createLogger, setLogSink } from '../../../src-main/core/log';
import type { Source } from '../../../src-main/sources/source';
import type { LogEntry } from '../../../src-main/shared/log-entry';

describe('poller standby (team leases)', () => {
  let store: JournalLog;
  let poller: Poller;
  let held: Set<string>;
  let polls: number;
  let appended: LogEntry[][];
  const source: Source = {
    id: 's',
    kind: 'feed',
    intervalMs: 60_000,
    poll: async () => {
      polls++;
      return { mentions: [{ id: `m${polls}`, sourceId: 's', channel: 'x', text: 't', createdAt: '2026-11-20T10:00:00.000Z', author: { key: 'x:1', handle: 'a', name: 'A', followers: 5 }, reachInputs: { followers: 5 } }], cursor: polls };
    },
  };
  const health = () => poller.health()[0]!;

  beforeEach(async () => {
    setLogSink(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'earshot-standby-'));
    store = await JournalLog.open(join(dir, 'log'));
    held = new Set();
    polls = 0;
    appended = [];
    poller = new Poller({
      store,
      cursors: await CursorStore.open(dir),
      score: () => ({ score: 1, tier: 'everyday' }),
      log: createLogger('t'),
      holds: (id) => held.has(id),
      append: async (entries) => {
        appended.push(entries);
      },
    });
  });
  afterEach(async () => {
    await poller.stop();
    await store.close();
    setLogSink(null);
  });

  it('does not poll a source another seat holds, and says so', async () => {
    poller.add(source);
    poller.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(polls).toBe(0);
    expect(health().message).toBe('Polled by another seat');
  });

  it('taking the lease polls at once, through append; losing it stops the schedule', async () => {
    poller.add(source);
    poller.start();
    held.add('s');
    poller.setStandby('s', false);
    await expect.poll(() => polls).toBe(1);
    await expect.poll(() => appended.length).toBe(1);
    expect(await store.head()).toBe(0); // the seat's append path, not the store directly
    held.delete('s');
    poller.setStandby('s', true);
    expect(health().message).toBe('Polled by another seat');
    expect(health().nextPollAt).toBeUndefined();
  });

  it('a poll whose lease went before it ran does not happen', async () => {
    held.add('s');
    poller.add(source);
    held.delete('s'); // lost between add (scheduling) and the poll
    poller.start();
    await poller.pollNow('s');
    expect(polls).toBe(0);
    expect(health().message).toBe('Polled by another seat');
  });
});
