/**
 * The report's facts kept current incrementally (facts-store.ts: the window read as keys, the count
 * check running while the report computes) must give exactly what a full rebuild gives: after new
 * mentions and replies arrive, after an undo deletes an event, in the same session (memory) and in
 * a new one (stored), and the report screen's figures with them. When history changes below the
 * window, the early answer is flagged and the next one is built.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { currentFacts, forgetFactsInMemory, type Loaded } from '../../src-renderer/reports/facts-store';
import { REACH_TIERS } from '../../src-main/shared/mention';
import { makeEvent } from '../../src-renderer/db/events';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { openReportDb, rebuilt } from './helpers/report-db';
import { computeFairness } from '../../src-main/shared/sla/fairness';
import { loadLog } from '../../src-renderer/reports/load';
import { answered, knownScenario } from './sla-fixtures';
import { reportFromFacts } from '../../src-renderer/reports/facts-report';
import { selectRows, trimmed } from '../../src-renderer/reports/facts';
import { roomFor } from '../../src-renderer/reports/facts-save';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { storedColumns, storedValue } from './helpers/stored-columns';

const DAY = 86_400_000;

/** Every fact of every mention, by id (row order differs between an incremental and a full build). */
function factsById(l: Loaded): Map<string, unknown[]> {
  const f = l.facts;
  const out = new Map<string, unknown[]>();
  const str = (k: number): string | undefined => (k < 0 ? undefined : f.strings[k]);
  for (let i = 0; i < f.n; i++) {
    out.set(f.ids[i]!, [
      REACH_TIERS[f.tier[i]!], f.channel[i], f.createdMs[i], f.clockStartMs[i], f.arrivalMs[i], f.replyMs[i], f.replyAgent[i]! < 0 ? null : f.agents[f.replyAgent[i]!],
      f.ownerMs[i], f.ownerAgent[i]! < 0 ? null : f.agents[f.ownerAgent[i]!], f.noiseMs[i], f.noiseOn[i], f.followUp[i], str(f.lang[i]!), str(f.source[i]!), str(f.handle[i]!), str(f.topics[i]!), f.sentiment[i], f.sentimentScore[i],
    ]);
  }
  return out;
}
const skipsOf = (l: Loaded): string[] => l.facts.skips.map((s) => JSON.stringify(s)).sort();

describe('the report facts kept current incrementally', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('incremental');
  });

  it('equal a full rebuild after new events, an undo, and a new session', async () => {
    const start = Date.now();
    await importLog(db, generateDemoHistory({ endMs: start, days: 20 }));
    expect((await runReport({ dbName: db.name, range: {}, nowMs: start }, db)).how).toBe('built');

    // New mentions with replies, a reply to an old mention, then an undo of one new event.
    await importLog(db, knownScenario(Date.now() - 3 * 3_600_000).map((e) => JSON.parse(JSON.stringify(e).replace(/"(e|g|m)(\d|-unanswered)/g, '"new-$1$2'))));
    const old = (await db.mentions.orderBy('createdMs').limit(1).primaryKeys())[0]!;
    await db.events.add(makeEvent('replied', old, { agent: 'zz', at: new Date(Date.now() - 60_000).toISOString() }));
    const undone = makeEvent('assigned', 'new-e0', { agent: 'yy', at: new Date(Date.now() - 30_000).toISOString() });
    await db.events.add(undone);
    let nowMs = Date.now();
    const memory = await runReport({ dbName: db.name, range: {}, nowMs }, db);
    expect(memory.how).toBe('memory');
    await db.events.delete(undone.id);
    nowMs = Date.now();
    const afterUndo = await runReport({ dbName: db.name, range: {}, nowMs }, db);
    expect(afterUndo.how).toBe('memory');
    let inc = await currentFacts(db, nowMs, { early: true });
    expect(await inc.checked).toBe(true);
    let full = await rebuilt(db.name, nowMs);
    expect(factsById(inc)).toEqual(factsById(full.loaded));
    expect(skipsOf(inc)).toEqual(skipsOf(full.loaded));
    expect(afterUndo.report).toEqual(full.report.report);
    expect(afterUndo.boxes).toEqual(full.report.boxes);
    expect(afterUndo.skips).toEqual(full.report.skips);
    // (Against the full log, only the count of future events differs: a resolve after now is not a fact.)

    // A new session: the stored facts (saved in the background) read back, then more arrive.
    await new Promise((r) => setTimeout(r, 100));
    forgetFactsInMemory(db.name);
    const again = new EarshotDb(db.name);
    await importLog(again, [...answered('later-1', Date.now() - 600_000, 'mega', 4), ...answered('later-2', Date.now() - 500_000, 'everyday', 7, 'lb')]);
    nowMs = Date.now();
    const stored = await runReport({ dbName: db.name, range: {}, nowMs }, again);
    expect(stored.how).toBe('stored');
    inc = await currentFacts(again, nowMs, { early: true });
    expect(inc.how).toBe('memory');
    expect(await inc.checked).toBe(true);
    full = await rebuilt(db.name, nowMs);
    expect(factsById(inc)).toEqual(factsById(full.loaded));
    expect(stored.report).toEqual(full.report.report);
    expect(stored.read).toEqual(full.report.read);
  });

  it("store their columns with room for a new session's first arrivals, so folding them in copies no column", async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 8 }));
    const built = await currentFacts(db, now);
    const n = built.facts.n;
    // Saved in the background: waited for, not slept on.
    await vi.waitFor(async () => expect(await storedValue(db, 'reportFacts')).toBeDefined(), { timeout: 5_000, interval: 20 });
    expect((await storedValue(db, 'reportFacts'))!.facts.n).toBe(n);
    expect((await storedColumns(db, 'reportFacts'))!.get('createdMs')!.length).toBe(n + roomFor(n));

    forgetFactsInMemory(db.name);
    const again = new EarshotDb(db.name);
    await importLog(again, [...answered('room-1', Date.now() - 600_000, 'mega', 4), ...answered('room-2', Date.now() - 500_000, 'everyday', 7, 'lb')]);
    const nowMs = Date.now();
    const stored = await currentFacts(again, nowMs, { early: true });
    expect(stored.how).toBe('stored');
    expect(stored.facts.n).toBe(n + 2);
    // The columns read back took the two in place: not grown (to twice the rows, before the room).
    expect(stored.facts.createdMs.length).toBe(n + roomFor(n));
    expect(await stored.checked).toBe(true);
    const full = await rebuilt(db.name, nowMs);
    expect(factsById(stored)).toEqual(factsById(full.loaded));
  });

  it('hand back early but flag it when history changed below the window; the next call builds', async () => {
    const now = Date.now();
    await importLog(db, knownScenario(now - 5 * DAY));
    await currentFacts(db, now);
    await importLog(db, knownScenario(now - 30 * DAY).map((e) => JSON.parse(JSON.stringify(e).replace(/"(e|g|m)(\d|-unanswered)/g, '"old-$1$2'))));
    const early = await currentFacts(db, now, { early: true });
    expect(early.how).toBe('memory');
    expect(await early.checked).toBe(false);
    const next = await currentFacts(db, now, { early: true });
    expect(next.how).toBe('built');
    expect(next.facts.n).toBe(28);
    // The report screen does the same on its own: its figures are the full log's.
    await importLog(db, knownScenario(now - 40 * DAY).map((e) => JSON.parse(JSON.stringify(e).replace(/"(e|g|m)(\d|-unanswered)/g, '"older-$1$2'))));
    const r = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(r.how).toBe('built');
    expect(r.report).toEqual(computeFairness((await loadLog(db, {})).events, { now: new Date(now) }));
  });

  it('give, report after report over the same facts, what a first report over a copy gives: as time passes, with an agent, under another policy', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 12 }));
    const loaded = await currentFacts(db, now);
    const rows = selectRows(loaded.facts, {});
    const base = { base: DEFAULT_POLICY, changes: [] };
    const stricter = { base: { ...DEFAULT_POLICY, firstResponseMinutes: 20 }, changes: [] };
    // Each step reuses the outcomes (and the report) of the one before where nothing changed for it.
    const steps = [
      { nowMs: now, policies: base },
      { nowMs: now + 1_000, policies: base },
      { nowMs: now + 3 * 3_600_000, policies: base },
      { nowMs: now + 3 * 3_600_000, policies: base, agent: 'mk' },
      { nowMs: now + 3 * 3_600_000, policies: stricter },
      { nowMs: now - DAY, policies: stricter },
      { nowMs: now + 2 * DAY, policies: base },
    ];
    for (const step of steps) {
      const kept = reportFromFacts(loaded.facts, loaded.ix, rows, step);
      const copy = trimmed(loaded.facts); // a new facts object: nothing kept for it
      const fresh = reportFromFacts(copy, { ...loaded.ix }, rows, step);
      expect(kept.report).toEqual(fresh.report);
      expect(kept.boxes).toEqual(fresh.boxes);
      expect(kept.skips).toEqual(fresh.skips);
      expect(kept.agents).toEqual(fresh.agents);
      expect(kept.events).toBe(fresh.events);
    }
  });
});
