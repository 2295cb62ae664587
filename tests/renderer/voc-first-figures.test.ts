import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { writeMentions } from '../../src-renderer/db/ingest';
import { retagMentions } from '../../src-renderer/db/topics';
import { makeEvent } from '../../src-renderer/db/events';
import { forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { loadLog, loadPolicies } from '../../src-renderer/reports/load';
import { confirmVoc, forgetVocState, runVoc, type VocRequest } from '../../src-renderer/voc/voc-engine';
import { forgetVocColumnsInMemory } from '../../src-renderer/voc/voc-store';
import { vocFromLog } from '../../src-main/shared/voc/from-log';
import type { VocReport } from '../../src-main/shared/voc/report';
import type { Mention } from '../../src-main/shared/mention';

const DAY = 86_400_000;
// Now, not a fixed date: the stored facts re-read the last two days before now, and the new
// mentions must arrive there as they would in a running app.
const END = Date.now() - 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** The full computation: the exported event log through `npm run voc`'s own code (vocFromLog). */
async function fromTheLog(db: EarshotDb, req: VocRequest): Promise<VocReport> {
  const [{ events }, policies] = await Promise.all([loadLog(db, {}), loadPolicies(db)]);
  return vocFromLog(events, { fromMs: req.fromMs, toMs: req.toMs, filter: req.filter, policy: policies.base, changes: policies.changes }).report;
}

function newSession(db: EarshotDb): void {
  forgetVocColumnsInMemory(db.name);
  forgetVocState(db.name);
  forgetFactsInMemory(db.name);
}

/** Lets the background writes (stored facts, columns, outcomes) land. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

async function seeded(name: string): Promise<{ db: EarshotDb; req: VocRequest }> {
  setPolicyRecords([]);
  const db = new EarshotDb(name);
  await db.open();
  await importLog(db, generateDemoHistory({ endMs: END, days: 28 }));
  const req = { dbName: db.name, fromMs: END - 14 * DAY, toMs: END, filter: {} };
  // The first report builds and stores the facts, the columns and the outcomes.
  expect((await runVoc(req, db)).how).toContain('columns built');
  await settle();
  return { db, req };
}

describe('the first figures of a new session (stored facts and columns, before the count check)', () => {
  it('equal the full computation from the event log after new mentions, replies and re-tagging, and change with them', async () => {
    const { db, req } = await seeded('voc-first-1');
    const before = (await runVoc(req, db)).report;
    expect(before).toEqual(await fromTheLog(db, req));

    // New mentions heard the app's way (arrival events), a reply, and topic rules applied to the past.
    const base = (await db.mentions.limit(1).toArray())[0]!;
    const heard = [0, 1, 2].map((k) => {
      const m: Mention = { ...base, id: `new-${k}`, createdAt: iso(END - (k + 1) * 3_600_000), text: 'the wifi broke again, refund please', lang: 'en', sentiment: { label: 'negative', score: -0.7 }, topics: ['wifi'] };
      return { mention: m, at: iso(END - (k + 1) * 3_600_000 + 60_000), eventId: `mention:new-${k}` };
    });
    await db.transaction('rw', [db.mentions, db.authors, db.events, db.meta], () => writeMentions(db, heard));
    await db.events.add(makeEvent('replied', 'new-0', { agent: 'mk', at: iso(END - 3_600_000 + 10 * 60_000) }));
    expect(await retagMentions(db, [{ id: 'wifi-only', name: 'Wifi', any: ['wifi'] }])).toBeGreaterThan(0);

    newSession(db);
    const first = await runVoc({ ...req, early: true }, db);
    // The fast path: nothing read but the stored facts, columns and outcomes and the recent window.
    expect(first.how).toContain('facts stored');
    expect(first.how).toContain('columns stored');
    const full = await fromTheLog(db, req);
    expect(first.report).toEqual(full);
    expect(await confirmVoc(db.name)).toBe(true);
    // A stale fast path would still give `before`: the changes do move the figures.
    expect(full.mentions).toBe(before.mentions + 3);
    expect(full.topics.map((t) => t.id)).toContain('wifi-only');
    expect(before.topics.map((t) => t.id)).not.toContain('wifi-only');

    // The same for a filter and another period, in the same session and in a new one.
    for (const r of [{ ...req, filter: { topics: ['wifi-only'] } }, { ...req, fromMs: END - 7 * DAY, filter: { sentiments: ['negative'] } }]) {
      expect((await runVoc({ ...r, early: true }, db)).report).toEqual(await fromTheLog(db, r));
      newSession(db);
      expect((await runVoc({ ...r, early: true }, db)).report).toEqual(await fromTheLog(db, r));
    }
  });

  it('given before the count check, are counted again when data was written behind the app below the window', async () => {
    const { db, req } = await seeded('voc-first-2');
    // Written straight into IndexedDB, ten days back (below the facts' two-day window): a mention
    // and its arrival event, as an older copy of the app or a raw import would leave them.
    const base = (await db.mentions.limit(1).toArray())[0]!;
    const createdMs = END - 10 * DAY;
    await db.mentions.put({ ...base, id: 'behind-1', createdAt: iso(createdMs), createdMs, clockStartMs: createdMs, dueAt: createdMs + 3_600_000, status: 'new', open: 1 });
    await db.events.put({ id: 'mention:behind-1', type: 'mention', mentionId: 'behind-1', at: iso(createdMs + 60_000) });
    const full = await fromTheLog(db, req);

    newSession(db);
    const first = await runVoc({ ...req, early: true }, db);
    expect(first.how).toContain('facts stored');
    // Counted from the stored facts, which do not know the mention: marked unchecked, and they do not stand.
    expect(first.checked).toBe(false);
    expect(first.report.mentions).toBe(full.mentions - 1);
    expect(await confirmVoc(db.name)).toBe(false);
    const again = await runVoc({ ...req, early: true }, db);
    expect(again.checked).toBe(true);
    expect(again.report).toEqual(full);
    expect(await confirmVoc(db.name)).toBe(true);
  });
});
