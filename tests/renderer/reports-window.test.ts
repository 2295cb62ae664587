/**
 * The recent window read in few requests (reports/facts-window.ts): a day of many new mentions is
 * read as the window's tail (events) and as one range of the arrival index (their mentions) instead
 * of one get per id, and the report a new session gives from it equals a fresh computation over the
 * whole log. When the tail read misses new events (a kept time that does not order as its stored
 * string), they are read by id; new arrivals that are few among those held are read by id, as one
 * key range when their ids are close together.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { runReport } from '../../src-renderer/reports/engine';
import { forgetFactsInMemory, setFactsIdleMs } from '../../src-renderer/reports/facts-store';
import { mentionsById, readWindow } from '../../src-renderer/reports/facts-window';
import { computeReport, DEFAULT_POLICY_INPUT } from '../../src-renderer/reports/compute';
import { loadLog } from '../../src-renderer/reports/load';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { openReportDb } from './helpers/report-db';
import { answered, logMention } from './sla-fixtures';
import type { ReachTier } from '../../src-main/shared/mention';

const DAY = 86_400_000;
const MIN = 60_000;
const TIERS: ReachTier[] = ['everyday', 'micro', 'mid', 'macro', 'mega'];
const settled = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

/** 300 mentions over the last day, most answered (ids `day-000`... close together, as a source's are). */
function aDay(nowMs: number): ReturnType<typeof answered> {
  return Array.from({ length: 300 }, (_, k) => {
    const id = `day-${String(k).padStart(3, '0')}`;
    const at = nowMs - DAY + 30 * MIN + k * 4 * MIN;
    const tier = TIERS[k % 5]!;
    return k % 7 === 3 ? [logMention(id, at, tier)] : answered(id, at, tier, 3 + (k % 40), k % 2 ? 'mk' : 'lb');
  }).flat();
}

describe('the window read in few requests', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('window');
    setFactsIdleMs(30);
  });
  afterEach(() => {
    setFactsIdleMs(5000);
    vi.restoreAllMocks();
  });

  it('a new session after a day of new mentions reads them as the tail and the arrival range, and equals a fresh computation', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now - DAY, days: 20 }));
    expect((await runReport({ dbName: db.name, range: {}, nowMs: now - DAY }, db)).how).toBe('built');
    await settled();
    await importLog(db, aDay(now));
    forgetFactsInMemory(db.name);
    const eventGets = vi.spyOn(db.events, 'bulkGet');
    const mentionGets = vi.spyOn(db.mentions, 'bulkGet');
    const r = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(r.how).toBe('stored');
    // The new events and mentions came from range reads, not one get per id.
    expect(eventGets).not.toHaveBeenCalled();
    expect(mentionGets).not.toHaveBeenCalled();
    const log = await loadLog(db, {});
    const full = computeReport(log.events, { policies: DEFAULT_POLICY_INPUT, nowMs: now, tierOf: log.tierOf });
    expect({ report: r.report, boxes: r.boxes, skips: r.skips, agents: r.agents }).toEqual({ report: full.report, boxes: full.boxes, skips: full.skips, agents: full.agents });
    expect(r.read.mentions).toBe(log.events.filter((e) => e.type === 'mention').length);
  });

  it('reads by id the new events a tail read missed, so the window is the same either way', async () => {
    const now = Date.now();
    await importLog(db, aDay(now));
    const ids = await db.events.where('at').above(new Date(now - 2 * DAY).toISOString()).primaryKeys();
    const all = await db.events.bulkGet(ids);
    // The first 100 seen, the rest new; the time kept for the last seen one is too late, so a tail
    // read from it starts after some new ones.
    const seenIds = ids.slice(0, 100);
    const seenAt = new Map(seenIds.map((id, k) => [id, Date.parse(all[k]!.at)] as const));
    seenAt.set(seenIds[99]!, Date.parse(all[150]!.at));
    const w = await readWindow(db, now - 2 * DAY, new Set(seenIds), () => false, '', seenAt);
    expect(w.ids).toEqual(ids);
    expect(new Set(w.fresh.map((e) => e.id))).toEqual(new Set(ids.slice(100)));
    expect(w.fresh).toHaveLength(ids.length - 100);
    // Every mention arriving in the window read (arrivals are on the mentions since schema v7), in arrival order, with its time.
    const arriving = aDay(now).filter((l) => l.type === 'mention');
    expect(w.arrivals.map((a) => [a.record?.id, a.atMs])).toEqual(arriving.map((l) => [l.mention.id, Date.parse(l.at)]));
  });

  it('reads new arrivals as the arrival range when most are new, by their ids when most are held, the same mentions either way', async () => {
    const now = Date.now();
    await importLog(db, aDay(now));
    const arriving = aDay(now).filter((l) => l.type === 'mention').map((l) => l.mention.id);
    const wheres: string[] = [];
    const where = db.mentions.where.bind(db.mentions);
    vi.spyOn(db.mentions, 'where').mockImplementation(((index: string) => (wheres.push(index), where(index))) as typeof db.mentions.where);
    const gets = vi.spyOn(db.mentions, 'bulkGet');
    const read = async (held: ReadonlySet<string>) => {
      wheres.length = 0;
      gets.mockClear();
      const w = await readWindow(db, now - 2 * DAY, new Set(), (id) => held.has(id), '');
      return w.arrivals.map((a) => a.record?.id);
    };
    // All new: the arrival index's range, read once for its keys and once for its records.
    expect(await read(new Set())).toEqual(arriving);
    expect(wheres).toEqual(['arrival.at', 'arrival.at']);
    expect(gets).not.toHaveBeenCalled();
    // Two in three held: the new ones by their ids (close together: one key range).
    const held = new Set(arriving.slice(0, 200));
    expect(await read(held)).toEqual(arriving.slice(200));
    expect(wheres).toEqual(['arrival.at', ':id', ':id']);
    // Half new: still the arrival range (reading the held half too is cheaper than a get per id).
    expect(await read(new Set(arriving.slice(0, 150)))).toEqual(arriving.slice(150));
    expect(wheres).toEqual(['arrival.at', 'arrival.at']);
  });

  it('reads mentions by id when their ids are spread out, and gives undefined for one that is gone', async () => {
    const now = Date.now();
    await importLog(db, aDay(now));
    const spread = ['day-000', 'day-150', 'day-299'];
    const gets = vi.spyOn(db.mentions, 'bulkGet');
    const wanted = [...Array.from({ length: 70 }, (_, k) => `day-${String(k * 4).padStart(3, '0')}`), 'day-gone'];
    const got = await mentionsById(db, wanted);
    // 71 asked for over a range of 280 stored: more than twice as many, so by id.
    expect(gets).toHaveBeenCalledTimes(1);
    expect(got.map((m) => m?.id)).toEqual([...wanted.slice(0, -1), undefined]);
    gets.mockClear();
    const close = Array.from({ length: 80 }, (_, k) => `day-${String(200 - k).padStart(3, '0')}`);
    expect((await mentionsById(db, close)).map((m) => m?.id)).toEqual(close);
    expect(gets).not.toHaveBeenCalled();
    expect((await mentionsById(db, spread)).map((m) => m?.id)).toEqual(spread);
  });
});
