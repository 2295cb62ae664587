/**
 * The report kept current round after round of new events (issue 11: "incremental, never a full
 * rebuild on open") must give exactly what a fresh computation over the whole event log gives:
 * new mentions, replies, assignments, noise and an undo arrive in rounds; after each, the report
 * screen's engine answers from the facts it holds (in memory, or read back by a new session) and
 * must equal computeReport over the full log. It fails if a round is answered by a full rebuild, or
 * if the incremental figures drift. Old writes move the marker and build; writes made behind the
 * app's back are caught by the idle count check.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport, verifyReport } from '../../src-renderer/reports/engine';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { loadLog, type ReportRange } from '../../src-renderer/reports/load';
import { makeEvent } from '../../src-renderer/db/events';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { openReportDb } from './helpers/report-db';
import { answered, logMention } from './sla-fixtures';
import type { ReachTier } from '../../src-main/shared/mention';

const DAY = 86_400_000;
const MIN = 60_000;
const TIERS: ReachTier[] = ['everyday', 'micro', 'mid', 'macro', 'mega'];

/** The oracle: every event of the range read back and evaluated from scratch. */
async function fresh(db: EarshotDb, range: ReportRange, nowMs: number, agent?: string) {
  const log = await loadLog(db, range);
  const r = computeReport(log.events, { policies: DEFAULT_POLICY_INPUT, nowMs, agent, tierOf: log.tierOf });
  return { report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents };
}

async function same(db: EarshotDb, nowMs: number, range: ReportRange = {}, agent?: string): Promise<string> {
  const r = await runReport({ dbName: db.name, range, nowMs, agent }, db);
  expect({ report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents }).toEqual(await fresh(db, range, nowMs, agent));
  return r.how;
}

describe('the report, round after round of new events', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('rounds');
    setFactsIdleMs(30);
  });
  afterEach(() => setFactsIdleMs(5000));

  it('equals a fresh computation after every round, and is never rebuilt for recent events', async () => {
    const start = Date.now();
    await importLog(db, generateDemoHistory({ endMs: start - 3 * DAY, days: 20 }));
    expect(await same(db, start)).toBe('built');
    const open = await db.mentions.limit(400).toArray();
    /** The reply written in each round, by round. */
    const replies: string[] = [];
    for (let round = 0; round < 5; round++) {
      const now = Date.now() + round * 10 * MIN;
      // New mentions (a day old at most), some answered, one left open.
      const lines = TIERS.flatMap((t, k) => (k === 4 - round ? [logMention(`r${round}-${t}-open`, now - 30 * MIN, t)] : answered(`r${round}-${t}`, now - (k + 1) * 40 * MIN, t, 5 + k * 7 + round, k % 2 ? 'mk' : 'lb')));
      await importLog(db, lines);
      // Workflow events on older mentions, written as the app's actions write them (recent `at`).
      const m = open[round * 7]!;
      const reply = makeEvent('replied', m.id, { agent: 'pr', at: new Date(now - 4 * MIN).toISOString() });
      replies.push(reply.id);
      await db.events.bulkPut([
        makeEvent('assigned', m.id, { agent: 'pr', at: new Date(now - 5 * MIN).toISOString() }),
        reply,
        makeEvent('noise', open[round * 7 + 1]!.id, { agent: 'pr', at: new Date(now - 3 * MIN).toISOString() }),
      ]);
      // An undo: the reply of round 1 is taken back. By its id: the demo history's own reply to the
      // same mention may be pr's too (it was on 2026-12-01), and deleting that old one without the
      // old-writes marker is a write behind the app, which only the idle count check catches.
      if (round === 2) await db.events.delete(replies[1]!);
      if (round === 3) forgetFactsInMemory(db.name); // a new session reads the stored facts back
      // Let the idle save run, so the new session of round 3 reads what round 2 left.
      if (round === 2) await new Promise((r) => setTimeout(r, 200));
      const how = await same(db, now);
      expect(how).toBe(round === 3 ? 'stored' : 'memory');
      expect(await same(db, now, { fromMs: now - 28 * DAY })).toBe('memory');
      expect(await same(db, now, {}, 'pr')).toBe('memory');
    }
  });

  it('builds again when old events are written (the marker moved), with the same figures', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    expect(await same(db, now)).toBe('built');
    await importLog(db, answered('old-1', now - 40 * DAY, 'mega', 12));
    expect(await same(db, now)).toBe('built');
  });

  it('catches writes made behind the app when idle: the check says the report is stale, the next one builds', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    expect(await same(db, now)).toBe('built');
    // An old mention and its reply put straight into the tables, without the marker.
    const [m] = (await db.mentions.limit(1).toArray()).map((x) => ({ ...x, id: 'behind-1', createdMs: now - 30 * DAY, createdAt: new Date(now - 30 * DAY).toISOString(), clockStartMs: now - 30 * DAY }));
    await db.mentions.put(m!);
    await db.events.bulkPut([makeEvent('replied', 'behind-1', { agent: 'mk', at: new Date(now - 30 * DAY + 9 * MIN).toISOString() }), { id: 'mention:behind-1', type: 'mention', at: new Date(now - 30 * DAY).toISOString(), mentionId: 'behind-1' }]);
    forgetFactsInMemory(db.name);
    const r = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(r.how).toBe('stored');
    expect(r.checking).toBe(true);
    expect(await verifyReport({ dbName: db.name, range: {}, nowMs: now }, db)).toBe(false);
    expect(await same(db, now)).toBe('built');
  });
});
