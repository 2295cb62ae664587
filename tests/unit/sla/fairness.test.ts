/**
 * The fairness report on a hand-written log with a hand-computed answer
 * (tests/fixtures-local/fairness/README.md explains every number), through computeFairness and
 * through the `fairness` command, plus the rules the scenario does not reach.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseEventLog, type LogEvent } from '../../../src-main/shared/events';
import { SlaPolicySchema, DEFAULT_POLICY } from '../../../src-main/shared/sla/policy';
import { computeFairness, type FairnessReport } from '../../../src-main/shared/sla/fairness';
import { evaluateMentions } from '../../../src-main/shared/sla/outcomes';
import type { Mention, ReachTier } from '../../../src-main/shared/mention';
import { syntheticLog } from './synthetic-log';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = join(ROOT, 'tests/fixtures-local/fairness');
const NOW = '2026-12-09T12:00:00Z';
const scenarioText = readFileSync(join(DIR, 'scenario.jsonl'), 'utf8');
const policy = SlaPolicySchema.parse(JSON.parse(readFileSync(join(DIR, 'scenario-policy.json'), 'utf8')));
const expected = JSON.parse(readFileSync(join(DIR, 'scenario.expected.json'), 'utf8')) as FairnessReport;

function scenario(): LogEvent[] {
  const { events, errors } = parseEventLog(scenarioText);
  expect(errors).toEqual([]);
  return events;
}

/** Runs the command the way `npm run fairness` does (tsx), from the repository root. */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/fairness.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the scenario log gives the hand-computed report', () => {
  it('through computeFairness', () => {
    expect(computeFairness(scenario(), { policy, now: NOW })).toEqual(expected);
  });

  it('through `fairness --input --policy --now`', () => {
    const r = cli('--input', join(DIR, 'scenario.jsonl'), '--policy', join(DIR, 'scenario-policy.json'), '--now', NOW);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('holds its bootstrap intervals around the ratio and within what any resample could give', () => {
    const r = computeFairness(scenario(), { policy, now: NOW });
    const [lo, hi] = r.fairnessRatioCI90!;
    expect(lo).toBeLessThanOrEqual(r.fairnessRatio!);
    expect(hi).toBeGreaterThanOrEqual(r.fairnessRatio!);
    // everyday answers span 20..180 minutes, macro 20..70.
    expect(lo).toBeGreaterThanOrEqual(20 / 70);
    expect(hi).toBeLessThanOrEqual(180 / 20);
  });

  it('does not depend on the order of the lines', () => {
    const events = scenario();
    const shuffled = [...events].reverse();
    expect(computeFairness(shuffled, { policy, now: NOW })).toEqual(computeFairness(events, { policy, now: NOW }));
  });
});

describe('policy versions', () => {
  it('hold each mention to the version in force when its clock started, and say how many each covered', () => {
    const aroundTheClock = SlaPolicySchema.parse({ name: 'from December 7' });
    const opts = { policy, changes: [{ from: '2026-12-07T00:00:00Z', policy: aroundTheClock }], now: NOW };
    const outcome = (id: string) => evaluateMentions(scenario(), opts).outcomes.find((o) => o.id === id)!;
    // e1 (30 Nov) keeps office hours; e5 (Mon 7 Dec 17:00, answered Wed 09:50) is now counted in plain minutes.
    expect(outcome('x:e1')).toMatchObject({ policyIndex: 0, firstResponseMinutes: 90 });
    expect(outcome('x:e5')).toMatchObject({ policyIndex: 1, firstResponseMinutes: 40 * 60 + 50 });
    const report = computeFairness(scenario(), opts);
    expect(report.policies.map((p) => [p.from, p.mentions])).toEqual([
      [null, 15],
      ['2026-12-07T00:00:00Z', 4],
    ]);
    expect(report.policies[1]!.name).toBe('from December 7');
    // The policy in force now publishes the promise.
    expect(report.byChannel.x!.promise).toBe('We answer on X within 1 hour, around the clock');
  });
});

describe('rules the scenario does not reach', () => {
  const mention = (id: string, tier: ReachTier, createdAt: string): LogEvent => ({
    type: 'mention',
    at: createdAt,
    mention: {
      id,
      sourceId: 's',
      channel: 'x',
      text: '',
      createdAt,
      author: { key: `x:${id}`, handle: id, name: id, followers: 1 },
      reach: { score: 1, tier },
    } satisfies Mention,
  });
  const reply = (id: string, at: string, agent = 'ana'): LogEvent => ({ type: 'replied', at, mentionId: id, agent });

  it('gives no ratio, and says why, when fewer than two tiers have 5 answers', () => {
    const events: LogEvent[] = [];
    for (let i = 0; i < 5; i++) events.push(mention(`e${i}`, 'everyday', '2026-06-01T10:00:00Z'), reply(`e${i}`, '2026-06-01T10:30:00Z'));
    for (let i = 0; i < 4; i++) events.push(mention(`m${i}`, 'mega', '2026-06-01T10:00:00Z'), reply(`m${i}`, '2026-06-01T10:10:00Z'));
    const r = computeFairness(events, { policy: DEFAULT_POLICY, now: '2026-06-02T00:00:00Z' });
    expect(r.fairnessRatio).toBeNull();
    expect(r.fairnessRatioCI90).toBeNull();
    expect(r.warning).toBe(false);
    expect(r.sentence).toMatch(/^Not enough answered mentions to compare reach tiers yet: a tier needs at least 5/);
    expect(r.sentence).toContain('1,000,000 or more followers: 4');
  });

  it('does not warn at a ratio equal to the limit', () => {
    const events: LogEvent[] = [];
    for (let i = 0; i < 5; i++) events.push(mention(`e${i}`, 'everyday', '2026-06-01T10:00:00Z'), reply(`e${i}`, '2026-06-01T10:50:00Z'));
    for (let i = 0; i < 5; i++) events.push(mention(`m${i}`, 'macro', '2026-06-01T10:00:00Z'), reply(`m${i}`, '2026-06-01T10:40:00Z'));
    const r = computeFairness(events, { policy: DEFAULT_POLICY, now: '2026-06-02T00:00:00Z' });
    expect(r.fairnessRatio).toBe(1.25);
    expect(r.fairnessRatioCI90).toEqual([1.25, 1.25]);
    expect(r.warning).toBe(false);
  });

  it('keeps unanswered mentions that are not yet due out of the breach rate', () => {
    const events = [mention('a', 'everyday', '2026-06-01T10:00:00Z'), mention('b', 'everyday', '2026-06-01T11:30:00Z')];
    const r = computeFairness(events, { policy: DEFAULT_POLICY, now: '2026-06-01T12:00:00Z' });
    // a was due 11:00 (past), b is due 12:30: 1 breach of 1 judged.
    expect(r.tiers.everyday).toMatchObject({ mentions: 2, answered: 0, unansweredPastDue: 1, breachRate: 1 });
  });

  it('filters by clock start, channel and tier', () => {
    const opts = { policy, now: NOW };
    expect(computeFairness(scenario(), { ...opts, filter: { channels: ['x'] } }).tiers.everyday.mentions).toBe(9);
    const week50 = computeFairness(scenario(), { ...opts, filter: { from: '2026-12-07T00:00:00Z', to: '2026-12-14T00:00:00Z' } });
    expect(week50.input.filteredOut).toBe(15);
    expect(Object.values(week50.tiers).reduce((s, t) => s + t.mentions, 0)).toBe(4);
    expect(computeFairness(scenario(), { ...opts, filter: { tiers: ['mega'] } }).tiers.everyday.mentions).toBe(0);
  });

  it('is the same report every time for the same log', () => {
    const events = syntheticLog(3_000, 5);
    const opts = { policy, now: '2027-01-05T00:00:00Z' };
    expect(computeFairness(events, opts)).toEqual(computeFairness(events, opts));
  });

  it('handles 20,000 mentions in well under five seconds (no step looks at pairs)', () => {
    const events = syntheticLog(20_000, 3);
    const t = performance.now();
    const r = computeFairness(events, { policy, now: '2027-01-05T00:00:00Z' });
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(r.weekly.length).toBeGreaterThanOrEqual(52);
  });
});

describe('the fairness command refuses bad input clearly', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'earshot-fairness-'));

  it('exits 1 and names the line and field of a malformed event', () => {
    const file = join(tmp, 'bad.jsonl');
    const lines = scenarioText.trimEnd().split('\n');
    lines.splice(3, 0, '{"type":"replied","at":"2026-11-30T10:30:00Z","mentionId":"x:e1"}');
    writeFileSync(file, lines.join('\n'));
    const r = cli('--input', file, '--now', NOW);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 4: replied.agent');
  });

  it('exits 1 when the input cannot be read', () => {
    const r = cli('--input', join(tmp, 'missing.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read the input .*missing\.jsonl/);
  });

  it('exits 2 on an unknown option, a missing --input or a bad --now', () => {
    expect(cli('--inptu', 'x').code).toBe(2);
    const missing = cli('--now', NOW);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--input FILE is required');
    const badNow = cli('--input', join(DIR, 'scenario.jsonl'), '--now', 'last friday');
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now must be an ISO 8601 date-time');
  });

  it('exits 2 on a bad policy file and says which field is wrong', () => {
    const file = join(tmp, 'policy.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Europe/Lisbn', businessHours: { mon: [['18:00', '09:00']] } }));
    const r = cli('--input', join(DIR, 'scenario.jsonl'), '--policy', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('timezone: not an IANA time zone');
    expect(r.stderr).toContain('businessHours.mon.0: an interval must end after it starts');
  });

  it('accepts a list of policy versions', () => {
    const file = join(tmp, 'versions.json');
    writeFileSync(file, JSON.stringify([{ from: '2026-12-07T00:00:00Z', policy: JSON.parse(readFileSync(join(DIR, 'scenario-policy.json'), 'utf8')) }]));
    const r = cli('--input', join(DIR, 'scenario.jsonl'), '--policy', file, '--now', NOW);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as FairnessReport;
    expect(report.policies.map((p) => p.mentions)).toEqual([15, 4]);
  });
});

describe('follow-ups merged into an answered conversation', () => {
  it('are left out of first-response figures, not counted as unanswered breaches', () => {
    const now = '2026-11-20T12:00:00.000Z';
    const base = {
      sourceId: 's',
      channel: 'x' as const,
      text: 't',
      author: { key: 'x:1', handle: 'a', name: 'A', followers: 5 },
      reach: { score: 1, tier: 'everyday' as const },
    };
    const log: LogEvent[] = [
      { type: 'mention', at: '2026-11-20T08:00:00.000Z', mention: { ...base, id: 'x:1', createdAt: '2026-11-20T08:00:00.000Z' } },
      { type: 'replied', at: '2026-11-20T08:30:00.000Z', mentionId: 'x:1', agent: 'mk', via: 'x', text: 'hi' },
      { type: 'mention', at: '2026-11-20T09:00:00.000Z', mention: { ...base, id: 'x:2', createdAt: '2026-11-20T09:00:00.000Z' }, followUpOf: 'x:1' },
    ];
    const report = computeFairness(log, { now });
    expect(report.tiers.everyday).toMatchObject({ mentions: 1, answered: 1, unansweredPastDue: 0, breachRate: 0 });
    expect(report.input).toMatchObject({ mentions: 2, followUps: 1 });
  });
});
