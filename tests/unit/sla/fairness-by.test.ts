/**
 * Fairness by any group (`--by`): the hand-built log of tests/fixtures-local/fairness/by-lang.jsonl
 * (worked out in that folder's README) through the command, and the grouping rules the log does not
 * reach: several topics, plan and standing from the mention line's `customer`, a bad `--by`.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseEventLog, type LogEvent } from '../../../src-main/shared/events';
import { computeFairness } from '../../../src-main/shared/sla/fairness';
import { groupsOf, orderGroups } from '../../../src-main/shared/sla/groups';
import type { Mention } from '../../../src-main/shared/mention';

const ROOT = join(__dirname, '../../..');
const DIR = join(ROOT, 'tests/fixtures-local/fairness');
const NOW = '2026-12-09T12:00:00Z';
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/fairness.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('fairness --by lang on a hand-built log', () => {
  it('prints the groups, ratio, interval, warning and sentence worked out by hand', () => {
    const expected = JSON.parse(readFileSync(join(DIR, 'by-lang.expected.json'), 'utf8')) as Record<string, unknown>;
    const r = cli('--input', join(DIR, 'by-lang.jsonl'), '--now', NOW, '--by', 'lang');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { fairnessRatioCI90: [number, number] };
    for (const k of Object.keys(expected)) expect(report[k], k).toEqual(expected[k]);
    const [lo, hi] = report.fairnessRatioCI90;
    expect(lo).toBeLessThanOrEqual(3);
    expect(hi).toBeGreaterThanOrEqual(3);
    expect(lo).toBeGreaterThanOrEqual(30 / 50);
    expect(hi).toBeLessThanOrEqual(150 / 10);
    // The tiers keep their own figures: one tier only, so no tier ratio.
    expect(report.slowestTier).toBeNull();
  });

  it('without --by prints the report as before (no by, no groups); --by tier gives the tier ratio', () => {
    const { events } = parseEventLog(readFileSync(join(DIR, 'by-lang.jsonl'), 'utf8'));
    const plain = computeFairness(events, { now: NOW });
    expect(plain).not.toHaveProperty('by');
    expect(plain).not.toHaveProperty('groups');
    const tier = computeFairness(events, { now: NOW, by: 'tier' });
    expect(tier.fairnessRatio).toBe(plain.fairnessRatio);
    expect(tier.sentence).toBe(plain.sentence);
    expect(Object.keys(tier.groups!)).toEqual(['everyday']);
  });

  it('refuses an unknown group with exit status 2 and says which are known', () => {
    const r = cli('--input', join(DIR, 'by-lang.jsonl'), '--now', NOW, '--by', 'mood');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--by must be one of tier, channel, lang, sentiment, topic, source, plan, standing');
  });
});

describe('groups of a mention', () => {
  const m = (extra: Partial<Mention>): Mention => ({
    id: 'x:1',
    sourceId: 'acme',
    channel: 'x',
    text: 't',
    createdAt: '2026-12-07T09:00:00Z',
    author: { key: 'x:1', handle: 'a', name: 'A', followers: 1 },
    reach: { score: 1, tier: 'everyday' },
    ...extra,
  });
  it.each([
    ['lang', m({ lang: 'ES' }), undefined, ['es']],
    ['lang', m({ lang: null }), undefined, ['unknown']],
    ['sentiment', m({ sentiment: { label: 'negative', score: -0.8 } }), undefined, ['negative']],
    ['sentiment', m({ sentiment: null }), undefined, ['unknown']],
    ['topic', m({ topics: ['refunds', 'delays', 'refunds'] }), undefined, ['refunds', 'delays']],
    ['topic', m({ topics: [] }), undefined, ['unknown']],
    ['source', m({}), undefined, ['acme']],
    ['plan', m({}), { plan: 'basic' }, ['basic']],
    ['plan', m({}), undefined, ['unknown']],
    ['standing', m({}), { plan: 'basic' }, ['unknown']],
    ['channel', m({ channel: 'reddit' }), undefined, ['reddit']],
  ] as const)('by %s', (by, mention, customer, want) => {
    expect(groupsOf(by, mention, customer)).toEqual(want);
  });

  it('orders tiers and channels as defined, anything else alphabetically with unknown last', () => {
    expect(orderGroups('tier', ['mega', 'everyday'])).toEqual(['everyday', 'mega']);
    expect(orderGroups('lang', ['unknown', 'fr', 'en'])).toEqual(['en', 'fr', 'unknown']);
  });

  it('counts a mention with several topics in each, and plan/standing from the mention line', () => {
    const at = (min: number): string => new Date(Date.parse('2026-12-07T09:00:00Z') + min * 60_000).toISOString();
    const events: LogEvent[] = [];
    for (let i = 0; i < 10; i++) {
      const topics = i < 5 ? ['refunds', 'delays'] : ['delays'];
      events.push({ type: 'mention', at: at(i), mention: m({ id: `x:${i}`, createdAt: at(i), topics }), ...(i < 5 ? { customer: { plan: 'basic' } } : {}) });
      events.push({ type: 'replied', at: at(i + (i < 5 ? 40 : 10)), mentionId: `x:${i}`, agent: 'ana' });
    }
    const byTopic = computeFairness(events, { now: NOW, by: 'topic' });
    expect(byTopic.groups!.refunds!.mentions).toBe(5);
    expect(byTopic.groups!.delays!.mentions).toBe(10);
    // refunds: five 40s -> 40; delays: five 40s and five 10s -> (10 + 40) / 2 = 25; 40 / 25 = 1.6.
    expect(byTopic.fairnessRatio).toBe(1.6);
    expect(byTopic.sentence).toMatch(/^Customers writing about “refunds” waited 1\.6x longer than those writing about “delays” \(90% interval /);
    const byPlan = computeFairness(events, { now: NOW, by: 'plan' });
    expect(Object.keys(byPlan.groups!)).toEqual(['basic', 'unknown']);
    expect(byPlan.fairnessRatio).toBe(4); // basic 40 over unknown 10
    expect(byPlan.sentence).toMatch(/^Customers on the “basic” plan waited 4\.0x longer than those with no known plan/);
  });
});
