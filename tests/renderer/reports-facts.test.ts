import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { loadLog } from '../../src-renderer/reports/load';
import { runReport } from '../../src-renderer/reports/engine';
import { currentFacts, dropFacts, forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { selectRows, minimalLogOf } from '../../src-renderer/reports/facts';
import { makeEvent } from '../../src-renderer/db/events';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { factsSaved, openReportDb } from './helpers/report-db';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { computeFairness } from '../../src-main/shared/sla/fairness';
import { knownScenario } from './sla-fixtures';
import { reportFromFacts } from '../../src-renderer/reports/facts-report';
import { computeReport } from '../../src-renderer/reports/compute';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { REACH_TIERS } from '../../src-main/shared/mention';

const DAY = 86_400_000;
let n = 0;

/** The report from the full log, as the export and `npm run fairness` see it. */
async function fromFullLog(db: EarshotDb, nowMs: number, fromMs?: number) {
  const { events } = await loadLog(db, { fromMs });
  return computeFairness(events, { now: new Date(nowMs) });
}

describe('the report facts', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await openReportDb('facts');
  });

  it('give the same figures as the full event log, on the demo history', async () => {
    const now = Date.now();
    await importLog(db, generateDemoHistory({ endMs: now, days: 10 }));
    const loaded = await currentFacts(db, now);
    expect(loaded.how).toBe('built');
    const minimal = minimalLogOf(loaded.facts, selectRows(loaded.facts, {}));
    expect(computeFairness(minimal, { now: new Date(now) })).toEqual(await fromFullLog(db, now));
    const fromMs = now - 4 * DAY;
    const ranged = minimalLogOf(loaded.facts, selectRows(loaded.facts, { fromMs }));
    expect(computeFairness(ranged, { now: new Date(now) })).toEqual(await fromFullLog(db, now, fromMs));
  });

  it('stay current: new mentions and events are folded in, an undone event is taken out', async () => {
    const start = Date.now() - 2 * DAY;
    await importLog(db, knownScenario(start));
    expect((await currentFacts(db, Date.now())).how).toBe('built');

    // A reply to the unanswered one, then another mention arrives and is assigned.
    const reply = makeEvent('replied', 'e-unanswered', { agent: 'pr', at: new Date(start + 30 * 60_000).toISOString() });
    await db.events.add(reply);
    await importLog(db, knownScenario(Date.now() - DAY).filter((e) => e.type !== 'mention' || e.mention.id === 'g0').map(renameTo('late-g0')));
    let loaded = await currentFacts(db, Date.now());
    expect(loaded.how).toBe('memory');
    let now = Date.now();
    expect(computeFairness(minimalLogOf(loaded.facts, selectRows(loaded.facts, {})), { now: new Date(now) })).toEqual(await fromFullLog(db, now));

    // Undo deletes the reply again.
    await db.events.delete(reply.id);
    loaded = await currentFacts(db, Date.now());
    now = Date.now();
    const r = computeFairness(minimalLogOf(loaded.facts, selectRows(loaded.facts, {})), { now: new Date(now) });
    expect(r).toEqual(await fromFullLog(db, now));
    expect(r.tiers.everyday.unansweredPastDue).toBe(1);
  });

  it('are read back from storage by a new session, and built again when history changes below the window', async () => {
    const now = Date.now();
    await importLog(db, knownScenario(now - 5 * DAY));
    await currentFacts(db, now);
    await factsSaved(db); // the save is not awaited by the report
    forgetFactsInMemory(db.name);
    const again = new EarshotDb(db.name);
    expect((await currentFacts(again, now)).how).toBe('stored');

    // An old log imported later lands below the window: the count check notices.
    await importLog(again, knownScenario(now - 30 * DAY).map(renameTo('old')));
    const loaded = await currentFacts(again, now);
    expect(loaded.how).toBe('built');
    expect(loaded.facts.n).toBe(28);
    await dropFacts(again);
  });

  it('still answer when the cache cannot be saved: the failure is logged, the next session builds', async () => {
    const now = Date.now();
    await importLog(db, knownScenario(now - 5 * DAY));
    const put = vi.spyOn(db.meta, 'put').mockRejectedValue(new Error('QuotaExceededError'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const loaded = await currentFacts(db, now);
      expect(loaded.how).toBe('built');
      expect(loaded.facts.n).toBe(14);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.stringContaining('report cache could not be saved'), expect.any(Error)));
    } finally {
      put.mockRestore();
      logged.mockRestore();
    }
    forgetFactsInMemory(db.name);
    expect((await currentFacts(new EarshotDb(db.name), now)).how).toBe('built');
  });

  it('serve the report screen, which reads the same figures either way', async () => {
    const now = Date.now();
    await importLog(db, knownScenario(now - 3 * DAY));
    const short = await runReport({ dbName: db.name, range: { fromMs: now - 28 * DAY }, nowMs: now }, db);
    expect(short.how).toBe('range');
    const all = await runReport({ dbName: db.name, range: {}, nowMs: now }, db);
    expect(all.how).toBe('built');
    expect(all.report).toEqual(short.report);
    expect(all.report.fairnessRatio).toBe(2.333);
  });
});

function renameTo(prefix: string) {
  return <T>(e: T): T => JSON.parse(JSON.stringify(e).replace(/"(e|g|m)(\d|-unanswered)/g, `"${prefix}-$1$2`)) as T;
}

describe('the report straight from the facts columns', () => {
  it('equals computeReport over the minimal log: all time, a range, an agent, and grouped by language, sentiment, topic, source and plan', async () => {
    const db = new EarshotDb(`facts-direct-${++n}`);
    await db.open();
    setPolicyRecords([]);
    const now = Date.now();
    const history = generateDemoHistory({ endMs: now, days: 10 });
    // Give the mentions languages, sentiment and topics (with several topics and missing values),
    // and let some arrive or be answered after "now" so future events and orphans are counted alike.
    const langs = ['en', 'es', null, 'fr', undefined];
    let k = 0;
    for (const e of history) {
      if (e.type !== 'mention') continue;
      k++;
      const lang = langs[k % langs.length];
      if (lang !== undefined) e.mention.lang = lang;
      if (k % 3) e.mention.sentiment = { label: (['negative', 'neutral', 'positive'] as const)[k % 3]!, score: (k % 3) - 1 };
      if (k % 4) e.mention.topics = k % 4 === 1 ? ['refunds'] : ['refunds', 'delays'];
      // Some clocks started earlier than the post (a backfill), often in another week.
      if (k % 7 === 0) e.mention.clockStartAt = new Date(Date.parse(e.mention.createdAt) - 3 * DAY).toISOString();
    }
    await importLog(db, history);
    const loaded = await currentFacts(db, now);
    const policies = { base: DEFAULT_POLICY, changes: [] };
    for (const nowMs of [now, now - 2 * DAY]) {
      for (const range of [{}, { fromMs: now - 4 * DAY }]) {
        const rows = selectRows(loaded.facts, range);
        const minimal = minimalLogOf(loaded.facts, rows);
        const viaLog = computeReport(minimal, { policies, nowMs, tierOf: new Map(loaded.facts.ids.map((id, i) => [id, REACH_TIERS[loaded.facts.tier[i]!]!])) });
        const direct = reportFromFacts(loaded.facts, loaded.ix, rows, { policies, nowMs });
        expect(direct.report).toEqual(viaLog.report);
        expect(direct.boxes).toEqual(viaLog.boxes);
        expect(direct.skips).toEqual(viaLog.skips);
        expect(direct.agents).toEqual(viaLog.agents);
        expect(direct.events).toBe(minimal.length);
        // Under a policy changed halfway (another time zone, another promise): the same again.
        const changed = { base: DEFAULT_POLICY, changes: [{ from: new Date(now - 5 * DAY).toISOString(), policy: { ...DEFAULT_POLICY, name: 'later', timezone: 'America/New_York', firstResponseMinutes: 30 } }] };
        const viaLogChanged = computeReport(minimal, { policies: changed, nowMs, tierOf: new Map(loaded.facts.ids.map((id, i) => [id, REACH_TIERS[loaded.facts.tier[i]!]!])) });
        if (range.fromMs === undefined) expect(viaLogChanged.report.policies.map((p) => p.mentions).every((m) => m > 0)).toBe(true);
        expect(reportFromFacts(loaded.facts, loaded.ix, rows, { policies: changed, nowMs }).report).toEqual(viaLogChanged.report);
        const agent = viaLog.agents[0]!;
        const agentLog = computeReport(minimal, { policies, nowMs, agent });
        expect(reportFromFacts(loaded.facts, loaded.ix, rows, { policies, nowMs, agent }).report).toEqual(agentLog.report);
        for (const by of ['lang', 'sentiment', 'topic', 'source', 'channel', 'tier'] as const) {
          const grouped = reportFromFacts(loaded.facts, loaded.ix, rows, { policies, nowMs, by }).report;
          expect(grouped).toEqual(computeFairness(minimal, { now: new Date(nowMs), by }));
          expect(grouped.by).toBe(by);
        }
      }
    }
    // By plan: the customer import is matched on the author's channel:handle at report time.
    const rows = selectRows(loaded.facts, {});
    const plan = reportFromFacts(loaded.facts, loaded.ix, rows, { policies, nowMs: now, by: 'plan', customerOf: (h) => (h.length % 2 ? { plan: 'basic' } : undefined) });
    expect(Object.keys(plan.report.groups!).sort()).toEqual(['basic', 'unknown']);
    expect(plan.report.groups!.basic!.mentions + plan.report.groups!.unknown!.mentions).toBe(plan.report.input.mentions - plan.report.input.noise - (plan.report.input as { followUps?: number }).followUps!);
  });
});
