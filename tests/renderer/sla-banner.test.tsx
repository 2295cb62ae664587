import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, cleanup } from '@testing-library/react';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { SlaBanner } from '../../src-renderer/sla/SlaBanner';
import { breachCounts, breachLine } from '../../src-renderer/sla/breach-counts';
import { openMention, put } from './sla-test-db';
import { countPastDue } from '../../src-renderer/db/queries';

const MIN = 60_000;
let n = 0;

describe('the breach banner', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`banner-${++n}`);
    await db.open();
    setDb(db);
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  it('counts what waits for us: past due, and due within 15 minutes', async () => {
    const now = Date.now();
    await put(
      db,
      openMention('late1', now - 30 * MIN),
      openMention('late2', now - 1 * MIN, { status: 'assigned', assignee: 'mk' }),
      openMention('late3', now - 90 * MIN),
      openMention('soon1', now + 5 * MIN),
      openMention('soon2', now + 14 * MIN),
      openMention('later', now + 40 * MIN),
      openMention('parked', now - 60 * MIN, { status: 'waiting' }),
      openMention('done', now - 60 * MIN, { status: 'resolved', open: 0 }),
    );
    const c = await breachCounts(db, now);
    expect(c).toMatchObject({ pastDue: 3, dueSoon: 2 });
    expect(breachLine(c)).toBe('3 mentions past due, 2 due within 15 minutes');
    render(<SlaBanner />);
    expect((await screen.findByTestId('sla-banner', {}, { timeout: 5000 })).textContent).toContain('3 mentions past due, 2 due within 15 minutes');
  });

  it('puts a mention due this very millisecond on one side only: late for the live region, due soon for the banner', async () => {
    const now = Date.now();
    await put(db, openMention('edge', now), openMention('late', now - MIN));
    expect(await countPastDue(db, now)).toBe(2);
    expect(await countPastDue(db, now, 'soon')).toBe(1);
    expect(await breachCounts(db, now)).toMatchObject({ pastDue: 1, dueSoon: 1, nextDueAt: now });
  });

  it('words the near-breach-only and single cases, and stays away when all is on time', async () => {
    expect(breachLine({ pastDue: 0, dueSoon: 1 })).toBe('1 mention due within 15 minutes');
    expect(breachLine({ pastDue: 1, dueSoon: 0 })).toBe('1 mention past due');
    await put(db, openMention('later', Date.now() + 60 * MIN));
    render(<SlaBanner />);
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByTestId('sla-banner')).toBeNull();
  });
});
