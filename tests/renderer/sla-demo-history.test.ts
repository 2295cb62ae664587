import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { generateDemoHistory, DEMO_AGENTS } from '../../src-renderer/demo-history/generate';
import { seedDemoHistory, removeDemoHistory, hasDemoHistory } from '../../src-renderer/demo-history/seed';
import { toJsonLines } from '../../src-renderer/reports/log-lines';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { parseEventLog } from '../../src-main/shared/events';
import { computeFairness } from '../../src-main/shared/sla/fairness';
import { applyMentions } from './helpers/log';

const END = Date.parse('2026-11-23T10:00:00Z');
let n = 0;

describe('the demo history', () => {
  beforeEach(() => setPolicyRecords([]));

  it('is the same every time for the same seed, and valid event-log lines', () => {
    const a = generateDemoHistory({ endMs: END });
    expect(generateDemoHistory({ endMs: END })).toEqual(a);
    const parsed = parseEventLog(toJsonLines(a));
    expect(parsed.errors).toEqual([]);
    const mentions = parsed.events.filter((e) => e.type === 'mention');
    expect(mentions.length).toBeGreaterThan(800);
    for (const e of mentions) {
      expect(e.mention.id).toMatch(/^demo-history:\d+$/);
      expect(e.mention.sourceId).toBe('demo');
    }
    expect(new Set(parsed.events.flatMap((e) => ('agent' in e && e.agent ? [e.agent] : [])))).toEqual(new Set(DEMO_AGENTS));
    expect(parsed.events.every((e) => Date.parse(e.at) < END)).toBe(true);
  });

  it('has the deliberate bias: small accounts clearly slower, enough to warn with confidence', () => {
    const r = computeFairness(generateDemoHistory({ endMs: END }), { now: new Date(END) });
    expect(r.slowestTier).toBe('everyday');
    expect(r.warning).toBe(true);
    expect(r.fairnessRatioCI90![0]).toBeGreaterThan(r.fairnessRatioLimit);
    expect(r.tiers.everyday.skips).toBeGreaterThan(10);
    expect(r.weekly.length).toBeGreaterThanOrEqual(4);
  });

  it('is seeded once, even when asked twice at the same time', async () => {
    const db = new EarshotDb(`demo-${++n}`);
    await db.open();
    const [x, y] = await Promise.all([seedDemoHistory(db, END), seedDemoHistory(db, END)]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
    const count = await db.mentions.count();
    expect(count).toBe(generateDemoHistory({ endMs: END }).filter((e) => e.type === 'mention').length);
    expect(await seedDemoHistory(db, END)).toBeUndefined();
    expect(await db.mentions.count()).toBe(count);
    expect(await hasDemoHistory(db)).toBe(true);
    expect((await db.mentions.toArray()).filter((m) => m.open === 1)).toEqual([]);
  });

  it('is not seeded into a database with history of its own, and stays out once removed', async () => {
    const db = new EarshotDb(`demo-${++n}`);
    await db.open();
    await applyMentions(db, [{ id: 'x:1', sourceId: 'acme', channel: 'x', text: 't', createdAt: '2026-11-20T10:00:00Z', author: { key: 'x:1', handle: 'a', name: 'a', followers: 1 }, reach: { score: 1, tier: 'everyday' } }]);
    expect(await seedDemoHistory(db, END)).toBeUndefined();

    const fresh = new EarshotDb(`demo-${++n}`);
    await fresh.open();
    await seedDemoHistory(fresh, END);
    const removed = await removeDemoHistory(fresh);
    expect(removed).toBeGreaterThan(800);
    expect(await fresh.mentions.count()).toBe(0);
    expect(await fresh.events.count()).toBe(0);
    expect(await seedDemoHistory(fresh, END)).toBeUndefined();
  });
});
