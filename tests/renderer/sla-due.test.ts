import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { applyMentions } from './helpers/log';
import { dueFor, nextResponseDueFor, activePolicyId, policyIdFor } from '../../src-renderer/db/due';
import { savePolicyVersion, setPolicyRecords, policyVersionAt, DEFAULT_POLICY_ID } from '../../src-renderer/db/policies';
import { DEFAULT_POLICY, type SlaPolicy } from '../../src-main/shared/sla/policy';
import type { Mention } from '../../src-main/shared/mention';

const MIN = 60_000;
let n = 0;

const lisbonOffice: SlaPolicy = {
  ...DEFAULT_POLICY,
  timezone: 'Europe/Lisbon',
  businessHours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] },
  holidays: ['2026-12-25'],
  channels: { appstore: { firstResponseMinutes: 1440 } },
};

function mention(id: string, createdAt: string, extra: Partial<Mention> = {}): Mention {
  return { id, sourceId: 'demo', channel: 'x', text: id, createdAt, author: { key: `x:${id}`, handle: id, name: id, followers: 5 }, reach: { score: 5, tier: 'everyday' }, ...extra };
}

describe('due times through policies', () => {
  beforeEach(() => setPolicyRecords([]));

  it('uses the default policy before any version is saved: 60 minutes first, 240 next, around the clock', () => {
    const t = Date.parse('2026-11-21T23:30:00Z'); // a Saturday night
    expect(dueFor('x', t)).toBe(t + 60 * MIN);
    expect(nextResponseDueFor('reddit', t)).toBe(t + 240 * MIN);
    expect(activePolicyId()).toBe(DEFAULT_POLICY_ID);
  });

  it('counts business minutes in the policy time zone, skips weekends and holidays, and applies channel overrides', () => {
    setPolicyRecords([{ id: 'p1', from: '2026-11-01T00:00:00Z', policy: lisbonOffice, savedAt: '2026-11-01T00:00:00Z' }]);
    // Friday 16:30 Lisbon (UTC+0 in winter): 30 minutes left on Friday, 30 more on Monday from 9:00.
    expect(new Date(dueFor('x', Date.parse('2026-11-20T16:30:00Z'))).toISOString()).toBe('2026-11-23T09:30:00.000Z');
    // App Store gets 1,440 business minutes: Thursday 24 Dec 9:00 -> 24 Dec (9 h), skip 25 Dec (holiday),
    // and the weekend, Mon 28 (9 h), Tue 29 (6 h left) -> 15:00.
    expect(new Date(dueFor('appstore', Date.parse('2026-12-24T09:00:00Z'))).toISOString()).toBe('2026-12-29T15:00:00.000Z');
    expect(policyIdFor(Date.parse('2026-11-20T16:30:00Z'))).toBe('p1');
    expect(policyIdFor(Date.parse('2026-10-31T23:59:59Z'))).toBe(DEFAULT_POLICY_ID);
  });

  it('follows the daylight-saving change: 9:00 Lisbon is 8:00 UTC in summer', () => {
    setPolicyRecords([{ id: 'p1', from: '2026-01-01T00:00:00Z', policy: lisbonOffice, savedAt: '2026-01-01T00:00:00Z' }]);
    // Saturday 28 March 2026, clocks forward on Sunday 29th: the hour counts from Monday 9:00 WEST (08:00 UTC).
    expect(new Date(dueFor('x', Date.parse('2026-03-28T12:00:00Z'))).toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('a new version applies only to mentions that arrive after it; earlier mentions keep their due time and policy', async () => {
    const db = new EarshotDb(`due-${++n}`);
    await db.open();
    const before = Date.now() - 10 * MIN;
    await applyMentions(db, [mention('x:old', new Date(before).toISOString())]);
    const saved = await savePolicyVersion(db, { ...DEFAULT_POLICY, firstResponseMinutes: 15 });
    const after = Date.now() + 1;
    await applyMentions(db, [mention('x:new', new Date(after).toISOString())]);

    const old = await db.mentions.get('x:old');
    const fresh = await db.mentions.get('x:new');
    expect(old).toMatchObject({ dueAt: before + 60 * MIN, policyId: DEFAULT_POLICY_ID });
    expect(fresh).toMatchObject({ dueAt: after + 15 * MIN, policyId: saved.id });
    expect(policyVersionAt(after).version).toBe(1);
    // A replayed old mention keeps what it was given.
    await applyMentions(db, [mention('x:old', new Date(before).toISOString(), { text: 'edited' })]);
    expect(await db.mentions.get('x:old')).toMatchObject({ dueAt: before + 60 * MIN, policyId: DEFAULT_POLICY_ID, text: 'edited' });
  });

  it('reads saved versions from the database before the first batch is written', async () => {
    const name = `due-load-${++n}`;
    const db = new EarshotDb(name);
    await db.open();
    await db.policies.add({ id: 'p-early', from: '2020-01-01T00:00:00.000Z', policy: { ...DEFAULT_POLICY, firstResponseMinutes: 30 }, savedAt: '2020-01-01T00:00:00.000Z' });
    setPolicyRecords([]); // memory knows nothing yet, as after a restart
    const t = Date.parse('2026-11-20T10:00:00Z');
    await applyMentions(db, [mention('x:1', new Date(t).toISOString())]);
    expect(await db.mentions.get('x:1')).toMatchObject({ dueAt: t + 30 * MIN, policyId: 'p-early' });
  });

  it('leaves out a stored version that no longer parses, and says so', () => {
    setPolicyRecords([{ id: 'bad', from: '2026-01-01T00:00:00Z', policy: { firstResponseMinutes: -5 }, savedAt: '2026-01-01T00:00:00Z' }]);
    expect(activePolicyId()).toBe(DEFAULT_POLICY_ID);
  });
});
