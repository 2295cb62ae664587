import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { assign, recordReply } from '../../src-renderer/db/actions';
import { aboutToBreach, notifyBreaches } from '../../src-renderer/inbox/breach-notifier';
import { freshDb, ingest, mention, at, ms } from './helpers/db';

describe('breach notifications', () => {
  let db: EarshotDb;
  const shown: Array<{ title: string; body?: string }> = [];
  beforeEach(async () => {
    db = await freshDb();
    shown.length = 0;
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, opts?: { body?: string }) {
          shown.push({ title, body: opts?.body });
        }
        close(): void {}
      },
    );
    // Due at +60 minutes from each post (the default policy).
    await ingest(db, [mention('x:mine', at(0)), mention('x:nobody', at(1)), mention('x:lo', at(2)), mention('x:later', at(40)), mention('x:waiting', at(3))]);
    await assign(db, ['x:mine'], 'mk', { agent: 'mk' });
    await assign(db, ['x:lo'], 'lo', { agent: 'lo' });
    await recordReply(db, 'x:waiting', { via: 'site', text: 'ok' }, { agent: 'lo' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('picks mentions due soon that are mine or nobody’s, not someone else’s or waiting on the customer', async () => {
    const due = await aboutToBreach(db, 'mk', ms(55), 10 * 60_000);
    expect(due.map((m) => m.id).sort()).toEqual(['x:mine', 'x:nobody']);
  });

  it('announces each once; several at once make one notification', async () => {
    const due = await aboutToBreach(db, 'mk', ms(55), 10 * 60_000);
    expect(notifyBreaches(due, ms(55), () => undefined)).toBe(2);
    expect(notifyBreaches(due, ms(56), () => undefined)).toBe(0);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('2 mentions about to breach');
  });
});
