/**
 * Schema v7 keeps each mention's arrival on its record (db/arrivals.ts) instead of a `mention` row
 * of the events table. A profile written by v6 (arrival rows, mentions without `arrival`) is
 * upgraded in place: every arrival row moves onto its mention, and the reports, the report's
 * event log and the event log export are the same as for a profile written by v7 from the start.
 */
import 'fake-indexeddb/auto';
import Dexie, { type Transaction } from 'dexie';
import { describe, it, expect } from 'vitest';
import { EarshotDb, type EventRecord, type MentionRecord } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { applyPage } from '../../src-renderer/db/apply';
import { mentionEntry } from '../../src-main/shared/log-entry';
import { runReport } from '../../src-renderer/reports/engine';
import { forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { loadLog } from '../../src-renderer/reports/load';
import { toJsonLines } from '../../src-renderer/reports/log-lines';
import { exportEventLog } from '../../src-renderer/inbox/export';
import { arrivalEventOf, moveArrivalsOntoMentions } from '../../src-renderer/db/arrivals';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { page } from './helpers/log';
import { upgradeProgress, type UpgradeProgress } from '../../src-renderer/db/upgrade-progress';
import { blobText as text } from './helpers/blob-text';

const DAY = 86_400_000;

/** The v6 stores, as schema.ts declared them (a database at v6 is opened with exactly these). */
const V6 = {
  mentions:
    'id, [open+dueAt+createdMs], createdMs, sourceId, channel, [authorKey+createdMs], conversationId, [status+dueAt], assignee, *tags, reach.tier, dueAt, unread, *replyIds, threadRootId, *facets',
  authors: 'key, handle',
  events: 'id, at, [mentionId+at]',
  meta: 'key',
  drafts: 'mentionId, updatedAt',
  customers: 'id, *handles, email',
  authorLinks: 'authorKey, personId',
  views: 'id',
  policies: 'id, from',
  pending: '++seq, &id, mentionId',
  search: '++seq',
};


/** What a reader sees: the report (built from scratch), the report's log and the export. */
async function everything(db: EarshotDb, nowMs: number): Promise<unknown> {
  forgetFactsInMemory(db.name);
  const r = await runReport({ dbName: db.name, range: {}, nowMs }, db);
  const log = toJsonLines((await loadLog(db, {})).events);
  return { report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents, read: r.read, log, exported: await text(await exportEventLog(db)) };
}

describe('the upgrade to schema v7 (arrivals onto their mentions)', () => {
  it('moves every arrival row onto its mention, and every report and export stays the same', async () => {
    setPolicyRecords([]);
    const now = Date.now();
    // Written by v7: the demo history (imported) and two mentions from the log (with positions).
    const fresh = new EarshotDb('arrivals-v7');
    await fresh.open();
    await importLog(fresh, generateDemoHistory({ endMs: now - DAY, days: 6 }));
    const m = (id: string, at: string) => mentionEntry({ id, sourceId: 'demo', channel: 'x', text: `text of ${id}`, createdAt: at, author: { key: `x:${id}`, handle: id, name: id, followers: 10 }, reach: { score: 5, tier: 'everyday' } }, at);
    await applyPage(fresh, page([m('x:1', new Date(now - 3_600_000).toISOString()), m('x:2', new Date(now - 60_000).toISOString())], 0), 'L1');
    const want = await everything(fresh, now);
    const [mentions, events, authors, search, meta] = await Promise.all([fresh.mentions.toArray(), fresh.events.toArray(), fresh.authors.toArray(), fresh.search.toArray(), fresh.meta.toArray()]);
    const arrivals = mentions.flatMap((r) => arrivalEventOf(r) ?? []);
    expect(arrivals.length).toBe(mentions.length);
    expect(events.some((e) => e.type === 'mention')).toBe(false);
    fresh.close();

    // The same profile as v6 wrote it: arrivals as rows of events, none on the mentions.
    const old = new Dexie('arrivals-v6');
    old.version(6).stores(V6);
    await old.open();
    await old.table('mentions').bulkPut(mentions.map(({ arrival: _, ...r }) => r));
    await old.table('events').bulkPut([...events, ...arrivals]);
    await old.table('authors').bulkPut(authors);
    await old.table('search').bulkPut(search);
    await old.table('meta').bulkPut(meta.filter((r) => r.key === 'position'));
    old.close();

    const upgraded = new EarshotDb('arrivals-v6');
    await upgraded.open();
    expect(upgraded.verno).toBe(7);
    expect(await upgraded.events.filter((e: EventRecord) => e.type === 'mention').count()).toBe(0);
    const byId = new Map(mentions.map((r) => [r.id, r] as const));
    for (const r of await upgraded.mentions.toArray()) expect(r.arrival).toEqual(byId.get(r.id)!.arrival);
    expect(await everything(upgraded, now)).toEqual(want);
    // Applying the log goes on from the position the v6 profile had reached.
    const r = await applyPage(upgraded, page([m('x:1', new Date(now - 3_600_000).toISOString()), m('x:2', new Date(now - 60_000).toISOString()), m('x:3', new Date(now).toISOString())], 0), 'L1');
    expect(r).toMatchObject({ applied: 1, added: 1 });
    expect(((await upgraded.mentions.get('x:3')) as MentionRecord).arrival).toMatchObject({ position: 3 });
    upgraded.close();
  });

  // The upgrade reads events in chunks of 10,000, writes the mentions past the middleware and
  // deletes the usual arrival ids as one key range: each of those is checked here, on both paths.
  for (const oddRow of [false, true]) {
    it(`moves every arrival past one read chunk, keeps every other event${oddRow ? ', with a non-arrival row under the arrival prefix' : ''}, and reports progress`, async () => {
      const now = Date.now();
      const src = new EarshotDb(`edges-src-${oddRow}`);
      await src.open();
      const at = (k: number) => new Date(now - (40 - k) * 60_000).toISOString();
      const entries = Array.from({ length: 30 }, (_, k) => mentionEntry({ id: `x:${k}`, sourceId: 'demo', channel: 'x', text: `text ${k}`, createdAt: at(k), author: { key: `x:a${k}`, handle: `a${k}`, name: `A ${k}`, followers: 10 }, reach: { score: 5, tier: 'everyday' } }, at(k)));
      await applyPage(src, page(entries, 0), 'L1');
      const mentions = await src.mentions.toArray();
      src.close();

      const arrivals = mentions.map((r) => arrivalEventOf(r)!);
      // x:7 also came in through an imported log, later, under an id of that log's own.
      const imported: EventRecord = { id: 'imported-7', type: 'mention', at: new Date(now).toISOString(), mentionId: 'x:7' };
      const gone: EventRecord = { id: 'mention:gone', type: 'mention', at: at(1), mentionId: 'gone' };
      const others: EventRecord[] = Array.from({ length: 12_000 }, (_, k) => ({ id: `ev:${String(k).padStart(5, '0')}`, type: 'assigned', at: at(k % 30), mentionId: `x:${k % 30}`, agent: 'mk' }));
      if (oddRow) others.push({ id: 'mention:note', type: 'replied', at: at(3), mentionId: 'x:3', agent: 'mk', data: { text: 'hi' } });
      const old = new Dexie(`edges-v6-${oddRow}`);
      old.version(6).stores(V6);
      await old.open();
      await old.table('mentions').bulkPut(mentions.map(({ arrival: _, ...r }) => r));
      await old.table('events').bulkPut([...others, ...arrivals, imported, gone]);
      const searchRows = await old.table('search').count();
      old.close();

      const seen: Array<UpgradeProgress | undefined> = [];
      const stop = upgradeProgress.subscribe((s) => seen.push(s.progress));
      const db = new EarshotDb(`edges-v6-${oddRow}`);
      await db.open();
      stop();

      const events = await db.events.toArray();
      expect(events.filter((e) => e.type === 'mention')).toEqual([]);
      expect(events.map((e) => e.id).sort()).toEqual(others.map((e) => e.id).sort());
      // Each record is as it was, with its arrival added: no derived field lost on the way past the middleware.
      const want = new Map(mentions.map((r) => [r.id, r.id === 'x:7' ? { ...r, arrival: { id: 'imported-7', at: imported.at } } : r] as const));
      const got = await db.mentions.toArray();
      expect(got).toHaveLength(30);
      for (const r of got) expect(r).toEqual(want.get(r.id));
      expect(await db.mentions.where('arrival.at').above('').count()).toBe(30);
      expect(await db.search.count()).toBe(searchRows);

      const total = others.length + arrivals.length + 2;
      expect(seen[0]).toEqual({ step: 'reading events', done: 0, total });
      const reads = seen.filter((p) => p?.step === 'reading events').map((p) => p!.done);
      expect(reads).toEqual([0, 10_000, total]);
      expect(seen.filter((p) => p?.step === 'moving arrivals onto mentions').at(-1)).toEqual({ step: 'moving arrivals onto mentions', done: 31, total: 31 });
      expect(seen.at(-1)).toBeUndefined();
      db.close();
    });
  }

  it('says the upgrade is over when it fails, too', async () => {
    // An events table that counts, then cannot be read: the upgrade fails after saying it started.
    const events = { count: () => Promise.resolve(5), toCollection: () => ({ limit: () => ({ toArray: () => Promise.reject(new Error('disk gone')) }) }) };
    const tx = { table: (name: string) => (name === 'events' ? events : {}) } as unknown as Transaction;
    const seen: Array<UpgradeProgress | undefined> = [];
    const stop = upgradeProgress.subscribe((s) => seen.push(s.progress));
    await expect(moveArrivalsOntoMentions(tx)).rejects.toThrow('disk gone');
    stop();
    expect(seen).toEqual([{ step: 'reading events', done: 0, total: 5 }, undefined]);
    expect(upgradeProgress.getState().progress).toBeUndefined();
  });
});
