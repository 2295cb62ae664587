/**
 * Outcome columns taken back by a new session (outcome-memo.ts restoreOutcomes): each restored row's
 * inputs are the facts' own clock start (the backfill, else the post time) and first reply, so the
 * next report over those facts finds every restored row current and works none of them out again.
 */
import { describe, it, expect } from 'vitest';
import { addMention, emptyFacts, foldEvent, indexFacts, type Facts } from '../../src-renderer/reports/facts';
import { outcomeColumns, restoreOutcomes, savedOutcomes } from '../../src-renderer/reports/outcome-memo';
import { policyRules, policyVersions } from '../../src-main/shared/sla/outcomes';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function facts(n: number, t0: number): Facts {
  const f = emptyFacts(8);
  const ix = indexFacts(f);
  for (let i = 0; i < n; i++) {
    const created = t0 + i * 37 * MIN;
    const id = `m${String(i).padStart(3, '0')}`;
    // Every third clock backfilled; every fourth mention never answered.
    addMention(f, ix, { id, channel: 'x', createdAt: iso(created), clockStartMs: created, sourceId: 's', reach: { tier: 'micro' }, author: { handle: `h${i}` }, ...(i % 3 === 0 ? { clockStartAt: iso(created + 90 * MIN) } : {}) });
    if (i % 4 !== 3) foldEvent(f, ix, { id: `r${i}`, type: 'replied', at: iso(created + (i + 2) * 11 * MIN), mentionId: id, agent: 'mk' });
  }
  return f;
}

const POLICIES = JSON.stringify({ base: DEFAULT_POLICY, changes: [] });
const { versions, changes } = policyVersions({ policy: DEFAULT_POLICY, changes: [] });
const RULES = policyRules(versions, changes);

/** The facts' outcome columns with every row worked out, as a report leaves them. */
function workedOut(f: Facts) {
  const memo = outcomeColumns(f, POLICIES, RULES);
  for (let i = 0; i < f.n; i++) memo.ensure(i, f.channel[i]!, f.tier[i]!, Number.isNaN(f.clockStartMs[i]!) ? f.createdMs[i]! : f.clockStartMs[i]!, f.replyMs[i]!);
  return savedOutcomes(f)!;
}

describe('outcome columns taken back', () => {
  it('hold every restored row as current, backfilled clock starts or not', () => {
    const t0 = Date.parse('2026-11-02T08:00:00Z');
    const saved = workedOut(facts(40, t0));
    expect(saved.rows).toBe(40);
    const expected = { policyIndex: [...saved.outcomes.policyIndex], dueMs: [...saved.outcomes.dueMs], minutes: [...saved.outcomes.minutes] };

    // A new session: the same facts read back, the columns taken back.
    const again = facts(40, t0);
    expect(restoreOutcomes(again, saved.outcomes)).toBe(40);
    // Current for the facts as they are: saved again, every row counts (none would be worked out again).
    const resaved = savedOutcomes(again)!;
    expect(resaved.rows).toBe(40);
    expect({ policyIndex: [...resaved.outcomes.policyIndex], dueMs: [...resaved.outcomes.dueMs], minutes: [...resaved.outcomes.minutes] }).toEqual(expected);
    // Room for the window's arrivals without growing the columns.
    const grown = outcomeColumns(again, POLICIES, RULES);
    expect(grown.inputs.known.length).toBeGreaterThanOrEqual(1024);
    expect(grown.inputs.known.slice(0, 40).every((k) => k === 1)).toBe(true);
  });

  it('takes nothing back for facts of another size', () => {
    const t0 = Date.parse('2026-11-02T08:00:00Z');
    expect(restoreOutcomes(facts(11, t0), workedOut(facts(10, t0)).outcomes)).toBe(0);
  });
});
