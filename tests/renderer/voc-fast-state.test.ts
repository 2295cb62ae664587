import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { currentFacts, forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { minimalLogOf, type Facts } from '../../src-renderer/reports/facts';
import { loadPolicies } from '../../src-renderer/reports/load';
import { makeEvent } from '../../src-renderer/db/events';
import { runVoc, forgetVocState } from '../../src-renderer/voc/voc-engine';
import { currentColumns, forgetVocColumnsInMemory } from '../../src-renderer/voc/voc-store';
import { emptyOutcomes, policyKey, vocStateFromFacts, type OutcomeCache } from '../../src-renderer/voc/voc-state';
import { computeVoc, type VocFilter } from '../../src-main/shared/voc/report';
import { emptyState, stateFromLog, type VocState } from '../../src-main/shared/voc/state';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import type { LogEvent } from '../../src-main/shared/events';

const DAY = 86_400_000;
const END = Date.parse('2026-11-23T10:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Six weeks of demo history plus what the demo lacks: a backfilled mention (clock started later),
 * a follow-up, a mention made noise then taken back, one made noise after some period ends, a reply
 * that came before the clock started, and a mention that arrived a day after it was posted.
 */
function history(): LogEvent[] {
  const lines = generateDemoHistory({ endMs: END, days: 42 });
  const base = lines.find((e): e is Extract<LogEvent, { type: 'mention' }> => e.type === 'mention')!.mention;
  const at = (d: number): string => iso(END - d * DAY);
  const mention = (id: string, posted: number, heard: number, extra: object = {}): LogEvent => ({ type: 'mention', at: at(heard), mention: { ...base, id, createdAt: at(posted), ...extra } });
  lines.push(
    mention('x-backfill', 20, 10, { clockStartAt: at(10) }),
    { type: 'replied', at: at(9.9), mentionId: 'x-backfill', agent: 'mk' },
    { ...mention('x-follow', 12, 12), followUpOf: 'merged' } as LogEvent,
    { type: 'replied', at: at(11), mentionId: 'x-follow', agent: 'mk' },
    mention('x-unnoise', 15, 15),
    { type: 'noise', at: at(14.9), mentionId: 'x-unnoise', agent: 'mk' },
    { type: 'unnoise', at: at(3), mentionId: 'x-unnoise', agent: 'mk' },
    mention('x-late-noise', 9, 9),
    { type: 'noise', at: at(1), mentionId: 'x-late-noise', agent: 'mk' },
    mention('x-early-reply', 8, 8, { clockStartAt: at(7) }),
    { type: 'replied', at: at(7.5), mentionId: 'x-early-reply', agent: 'mk' },
    mention('x-heard-late', 6, 5),
    { type: 'replied', at: at(4), mentionId: 'x-heard-late', agent: 'mk' },
  );
  return lines;
}

async function seeded(name: string): Promise<EarshotDb> {
  setPolicyRecords([]);
  const db = new EarshotDb(name);
  await db.open();
  await importLog(db, history());
  // From three weeks back, business hours on weekdays and a shorter target on X: outcomes depend on
  // the version, the channel and the hours.
  await db.policies.add({
    id: 'p-hours',
    from: iso(END - 21 * DAY),
    policy: { ...DEFAULT_POLICY, timezone: 'Europe/Madrid', businessHours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] }, channels: { x: { firstResponseMinutes: 20 } } },
    savedAt: iso(END - 21 * DAY),
  });
  return db;
}

/** The shared path: the minimal log of both periods' mentions, through stateFromLog. */
function referenceState(f: Facts, columns: Parameters<typeof stateFromLog>[0], index: Parameters<typeof stateFromLog>[1], policies: Awaited<ReturnType<typeof loadPolicies>>, fromMs: number, toMs: number): VocState {
  const prevFrom = fromMs - (toMs - fromMs);
  const rows: number[] = [];
  for (let i = 0; i < f.n; i++) if (f.createdMs[i]! >= prevFrom && f.createdMs[i]! < toMs) rows.push(i);
  return stateFromLog(columns, index, minimalLogOf(f, rows), { policy: policies.base, changes: policies.changes, nowMs: toMs }, emptyState(columns.n));
}

const PERIODS: Array<[string, number, number]> = [
  ['the last 7 days', END - 7 * DAY, END],
  ['the last 4 weeks', END - 28 * DAY, END],
  ['13 weeks', END - 91 * DAY, END],
  ['two weeks ending mid-history (replies and noise after its end)', END - 16 * DAY, END - 2 * DAY - 3_600_000],
  ['a day ending before some arrivals', END - 6.5 * DAY, END - 5.5 * DAY],
];
const FILTERS: VocFilter[] = [{}, { langs: ['es'] }, { sentiments: ['negative'] }, { channels: ['x'] }, { topics: ['refunds', 'delays'] }, { sentiments: ['unjudged'], langs: ['unknown'] }];

describe('the VoC state straight from the facts', () => {
  it('equals stateFromLog over the minimal log, for every period, with a cold and a warm outcome cache', async () => {
    const db = await seeded('voc-fast-1');
    const { facts } = await currentFacts(db, END);
    const cols = await currentColumns(db, facts);
    const policies = await loadPolicies(db);
    const warm: OutcomeCache = emptyOutcomes(policyKey(policies), cols.columns.n);
    const seen = { live: 0, answered: 0, inTime: 0, breached: 0, unansweredBreach: 0 };
    for (const [what, fromMs, toMs] of PERIODS) {
      const ref = referenceState(facts, cols.columns, cols.index, policies, fromMs, toMs);
      const range = { prevFromMs: fromMs - (toMs - fromMs), toMs };
      const cold = vocStateFromFacts(facts, cols.rowOf, cols.columns.n, policies, emptyOutcomes(policyKey(policies), cols.columns.n), range);
      expect(cold.state, what).toEqual(ref);
      const again = vocStateFromFacts(facts, cols.rowOf, cols.columns.n, policies, warm, range);
      expect(again.state, what).toEqual(ref);
      for (let r = 0; r < cols.columns.n; r++) {
        seen.live += ref.live[r]!;
        if (!Number.isNaN(ref.firstResponseMinutes[r]!)) seen.answered++;
        if (ref.breach[r] === 1) seen.inTime++;
        if (ref.breach[r] === 2) seen.breached++;
        if (ref.breach[r] === 2 && Number.isNaN(ref.firstResponseMinutes[r]!)) seen.unansweredBreach++;
      }
    }
    // The history exercises every branch.
    for (const [k, v] of Object.entries(seen)) expect(v, k).toBeGreaterThan(0);
  });

  it('gives the screen the same report as computeVoc over the shared state, for every period and filter', async () => {
    const db = await seeded('voc-fast-2');
    for (const [what, fromMs, toMs] of PERIODS) {
      for (const filter of FILTERS) {
        const got = await runVoc({ dbName: db.name, fromMs, toMs, filter }, db);
        const { facts } = await currentFacts(db, Date.now());
        const cols = await currentColumns(db, facts);
        const ref = computeVoc(cols.columns, cols.index, referenceState(facts, cols.columns, cols.index, await loadPolicies(db), fromMs, toMs), { fromMs, toMs, filter });
        expect(got.report, `${what} ${JSON.stringify(filter)}`).toEqual(ref);
      }
    }
  });

  it('works an outcome out again when a reply arrives or the policy changes, in the session and in a new one', async () => {
    const db = await seeded('voc-fast-3');
    const req = { dbName: db.name, fromMs: END - 28 * DAY, toMs: END, filter: {} };
    const expectShared = async (): Promise<void> => {
      const got = await runVoc({ ...req, fresh: true }, db);
      const { facts } = await currentFacts(db, Date.now());
      const cols = await currentColumns(db, facts);
      expect(got.report).toEqual(computeVoc(cols.columns, cols.index, referenceState(facts, cols.columns, cols.index, await loadPolicies(db), req.fromMs, req.toMs), req));
    };
    await expectShared();
    // Answer every unanswered mention of the period quickly: the median and breach rates move.
    const answered = new Set((await db.events.filter((e) => e.type === 'replied').toArray()).map((e) => e.mentionId));
    const open = (await db.mentions.toArray()).filter((m) => !answered.has(m.id) && m.createdMs >= req.fromMs && m.createdMs < END - DAY && m.status !== 'noise');
    expect(open.length).toBeGreaterThan(0);
    const before = (await runVoc(req, db)).report;
    await db.events.bulkAdd(open.map((m) => makeEvent('replied', m.id, { agent: 'mk', at: iso(m.createdMs + 5 * 60_000) })));
    await expectShared();
    expect((await runVoc(req, db)).report.sources).not.toEqual(before.sources);
    // Another policy version: every outcome is worked out under it.
    await db.policies.add({ id: 'p-strict', from: iso(END - 30 * DAY), policy: { ...DEFAULT_POLICY, firstResponseMinutes: 5 }, savedAt: iso(END) });
    await expectShared();
    // A new session reads the stored outcomes back (after their background write).
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.meta.get('vocOutcomes')).toBeDefined();
    forgetVocColumnsInMemory(db.name);
    forgetVocState(db.name);
    forgetFactsInMemory(db.name);
    await expectShared();
  });
});
