import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { previewRule, retagMentions } from '../../src-renderer/db/topics';
import { importLog } from '../../src-renderer/reports/log-import';
import { generateDemoHistory } from '../../src-renderer/demo-history/generate';
import { idFromName, rulesProblems, termsFromText } from '../../src-renderer/topics/draft';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { runVoc, forgetVocState } from '../../src-renderer/voc/voc-engine';
import { forgetVocColumnsInMemory } from '../../src-renderer/voc/voc-store';
import { dropFacts, forgetFactsInMemory } from '../../src-renderer/reports/facts-store';
import { runReport } from '../../src-renderer/reports/engine';
import { loadLog } from '../../src-renderer/reports/load';
import { computeFairness } from '../../src-main/shared/sla/fairness';

const END = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
let n = 0;

describe('topic rules over the mentions in IndexedDB', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    setPolicyRecords([]);
    db = new EarshotDb(`topics-${++n}`);
    await db.open();
    await importLog(db, generateDemoHistory({ endMs: END, days: 14 }));
  });

  it('previews a rule on the last 30 days: how many it would tag, the newest first', async () => {
    const rule = { id: 'wifi-x', name: 'Wifi', any: ['wifi'] };
    const all = await db.mentions.toArray();
    const expected = all.filter((m) => /\bwifi\b/i.test(m.text)).length;
    const p = await previewRule(db, rule, END - 30 * DAY, 3);
    expect(p.scanned).toBe(all.length);
    expect(p.matched).toBe(expected);
    expect(p.matched).toBeGreaterThan(0);
    expect(p.sample).toHaveLength(3);
    expect(p.sample[0]!.createdMs).toBeGreaterThanOrEqual(p.sample[1]!.createdMs);
    // A window that ends before the history starts sees nothing.
    expect((await previewRule(db, rule, END + DAY)).scanned).toBe(0);
  });

  it('re-tags every past mention in chunks, reports progress, and writes only what changes', async () => {
    const total = await db.mentions.count();
    const progress: Array<[number, number]> = [];
    const rules = [{ id: 'wifi-only', name: 'Wifi', any: ['wifi'] }];
    const changed = await retagMentions(db, rules, (d, t) => progress.push([d, t]), 100);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.length).toBe(Math.ceil(total / 100));
    const all = await db.mentions.toArray();
    for (const m of all) expect(m.topics, m.text).toEqual(/\bwifi\b/i.test(m.text) ? ['wifi-only'] : []);
    expect(changed).toBe(all.length); // the demo's own tags all differ from the new rules
    expect(await retagMentions(db, rules)).toBe(0); // nothing left to change
  });

  it('keeps the voice-of-the-customer figures in step: only the re-tagged mentions change, nothing is built again', async () => {
    const req = { dbName: db.name, fromMs: END - 14 * DAY, toMs: END, filter: {} };
    const before = await runVoc(req, db);
    expect(before.report.topics.map((t) => t.id)).not.toContain('wifi-only');
    expect(before.choices.topics).not.toContain('wifi-only');
    await retagMentions(db, [{ id: 'wifi-only', name: 'Wifi', any: ['wifi'] }]);
    forgetVocState(db.name); // as the Topics screen does (voc-client vocTopicsChanged)
    const after = await runVoc(req, db);
    expect(after.how).toMatch(/^facts memory, columns memory/);
    const expected = (await db.mentions.toArray()).filter((m) => m.topics?.includes('wifi-only') && m.createdMs >= req.fromMs && m.createdMs < req.toMs && m.status !== 'noise').length;
    expect(after.report.topics.map((t) => t.id)).toEqual(['wifi-only']);
    expect(after.choices.topics).toEqual(['wifi-only']);
    expect(after.report.topics[0]!.mentions).toBeGreaterThan(0);
    expect(after.report.topics[0]!.mentions).toBeLessThanOrEqual(expected);
    // The same figures as columns and facts built afresh from the re-tagged mentions; and as a new
    // session reading the stored ones back.
    await new Promise((r) => setTimeout(r, 50)); // the background writes
    forgetVocColumnsInMemory(db.name);
    forgetVocState(db.name);
    forgetFactsInMemory(db.name);
    const stored = await runVoc(req, db);
    expect(stored.how).toMatch(/^facts stored, columns stored/);
    expect(stored.report).toEqual(after.report);
    forgetVocColumnsInMemory(db.name);
    forgetVocState(db.name);
    await dropFacts(db);
    await db.meta.delete('vocColumns');
    const built = await runVoc(req, db);
    expect(built.how).toMatch(/^facts built, columns built/);
    expect(built.report).toEqual(after.report);
  });

  it('keeps the fairness report by topic in step: the facts take the re-tagged topics in, without a full build', async () => {
    const nowMs = END;
    const byTopic = async () => (await runReport({ dbName: db.name, range: {}, nowMs, by: 'topic' }, db));
    const fromLog = async () => computeFairness((await loadLog(db, {})).events, { now: new Date(nowMs), by: 'topic' });
    const first = await byTopic();
    expect(first.how).toBe('built');
    expect(first.report).toEqual(await fromLog());
    await retagMentions(db, [{ id: 'wifi-only', name: 'Wifi', any: ['wifi'] }], undefined, 100);
    const after = await byTopic();
    expect(after.how).toBe('memory');
    const expected = await fromLog();
    expect(Object.keys(expected.groups ?? {})).toContain('wifi-only');
    expect(after.report).toEqual(expected);
    // A new session reads the stored facts, which were saved with the new topics.
    await new Promise((r) => setTimeout(r, 50));
    forgetFactsInMemory(db.name);
    const again = await byTopic();
    expect(again.how).toBe('stored');
    expect(again.report).toEqual(expected);
  });
});

describe('Topics screen drafts', () => {
  it.each([
    ['refund\nmoney back\n\n refund ', ['refund', 'money back']],
    ['a, b ,c', ['a', 'b', 'c']],
    ['', []],
  ])('terms from %j', (text, terms) => expect(termsFromText(text)).toEqual(terms));
  it('makes ids from names, unique', () => {
    expect(idFromName('Lost luggage', new Set())).toBe('lost-luggage');
    expect(idFromName('Réclamations!', new Set(['reclamations']))).toBe('reclamations-2');
    expect(idFromName('***', new Set())).toBe('topic');
  });
  it('names the topic that stops a save', () => {
    expect(rulesProblems([{ id: 'wifi', name: 'Wifi', any: [] }])).toEqual(['Topic 1 (Wifi): a topic needs at least one term']);
    expect(rulesProblems([{ id: 'wifi', name: 'Wifi', any: ['wifi'] }])).toEqual([]);
  });
});
