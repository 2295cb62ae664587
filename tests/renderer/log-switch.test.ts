/**
 * A seat that worked solo and joins its team (issue 8; join retry while running, or at its next
 * start): main now serves the team log, and the renderer's hello carried the solo journal's logId.
 * The profile must rebuild from what the team log alone gives (db/log-switch.ts), keeping this
 * seat's own data and its pending actions, so it ends exactly like a fresh profile on the team log.
 * Runs the real delivery client (delivery/delivery-client.ts) against a fake main that speaks the
 * contract through the in-memory bridge.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { startDelivery } from '../../src-renderer/delivery/delivery-client';
import { createMemoryBridge } from '../../src-renderer/bridge/memory-bridge';
import { applyPage, readPosition } from '../../src-renderer/db/apply';
import { forgetAppliedLog, servesAnotherLog } from '../../src-renderer/db/log-switch';
import { savePolicyVersion, usePolicies } from '../../src-renderer/db/policies';
import { storeSavedReplies, loadSavedReplies } from '../../src-renderer/composer/saved-replies';
import { importCustomers } from '../../src-renderer/customers/import';
import { linkAuthors } from '../../src-renderer/authors/links';
import { oldWritesSeq } from '../../src-renderer/db/old-writes';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { EarshotDb, type MentionRecord } from '../../src-renderer/db/schema';
import * as actions from '../../src-renderer/db/actions';
import { loadSettings, writeSettings } from '../../src-renderer/db/settings';
import { useDelivery } from '../../src-renderer/state/delivery-store';
import { BridgeError } from '../../src-main/shared/contract';
import { mentionEntry, type LogEntry } from '../../src-main/shared/log-entry';
import { mention } from './helpers/db';
import { page } from './helpers/log';

const until = async (what: string, cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

let n = 0;
async function openDb(): Promise<EarshotDb> {
  const db = new EarshotDb(`switch-${Date.now()}-${++n}`);
  await db.open();
  return db;
}

/** Main as the renderer sees it: one log served at a time (solo journal, then the team's). */
class FakeMain {
  readonly logs = new Map<string, LogEntry[]>();
  current: string;
  /** While false, appends fail as with a lost connection (actions stay pending). */
  accepting = true;
  readonly mb = createMemoryBridge({
    hello: (req) => {
      const log = this.log();
      const from = (req.logId !== undefined && req.logId !== this.current) || req.position > log.length ? 0 : req.position;
      // Pages of this connection, in pages of 2; they wait for hello's answer before applying.
      for (let p = from; p < log.length; p += 2) this.mb.emit('entries', { entries: page(log.slice(p, p + 2), p) });
      return { logId: this.current, mode: 'web', version: 't', from, head: log.length, teamStatus: { state: 'solo', waiting: 0 } };
    },
    ack: () => ({}),
    append: (req) => {
      if (!this.accepting) throw new BridgeError('failed', 'the log is out of reach');
      const entries = req.entries as LogEntry[];
      const from = this.log().length;
      const added = this.append(this.current, entries);
      if (added.length) this.mb.emit('entries', { entries: page(added, from) });
      return { results: entries.map((e) => ({ id: e.id, outcome: 'appended' as const })) };
    },
  });

  constructor(current: string) {
    this.current = current;
  }

  log(id = this.current): LogEntry[] {
    if (!this.logs.has(id)) this.logs.set(id, []);
    return this.logs.get(id)!;
  }

  /** Appends what the log does not have yet (an id is stored once); returns what was added. */
  append(id: string, entries: readonly LogEntry[]): LogEntry[] {
    const log = this.log(id);
    const have = new Set(log.map((e) => e.id));
    const added = entries.filter((e) => !have.has(e.id) && (have.add(e.id), true));
    log.push(...added);
    return added;
  }

  reconnect(): void {
    this.mb.setConnection('closed');
    this.mb.setConnection('open');
  }
}

/** A profile's whole log-derived state, for comparing byte for byte with a fresh profile. */
async function snapshot(db: EarshotDb): Promise<Record<string, unknown>> {
  // `seen` (and `unread`, derived from it) is this seat's reading, not the log's.
  const mentions = (await db.mentions.orderBy('id').toArray()).map(({ seen: _s, unread: _u, ...m }: MentionRecord) => m);
  return {
    mentions,
    events: await db.events.orderBy('id').toArray(),
    authors: await db.authors.orderBy('key').toArray(),
    policies: await db.policies.orderBy('id').toArray(),
    customers: await db.customers.orderBy('id').toArray(),
    authorLinks: await db.authorLinks.orderBy('authorKey').toArray(),
    position: await readPosition(db),
  };
}

/** What a fresh, empty profile builds from the log alone, applied from position 0. */
async function freshFrom(log: readonly LogEntry[], logId: string): Promise<EarshotDb> {
  const db = await openDb();
  for (let p = 0; p < log.length; p += 2) await applyPage(db, page(log.slice(p, p + 2), p), logId);
  return db;
}

const t0 = '2026-11-20T09:00:00.000Z';
const M = mention('x:1', t0);
const OTHER = mention('x:2', '2026-11-20T09:05:00.000Z');
/** Heard by this seat alone while solo; nobody acts on it in the team log. */
const SOLO = mention('x:3', '2026-11-20T09:10:00.000Z');
const clock = (agent: string, ms: number) => ({ agent, now: () => ms });

describe('a profile served another log than it applied (a solo seat joining its team)', () => {
  beforeEach(() => useDelivery.getState().set({ head: 0, position: 0, startedFrom: 0, received: 0, error: undefined }));

  it('rebuilds from the team log alone: a teammate’s earlier take wins here as on every seat; own data and pending actions survive', async () => {
    // The team log: M heard, ben takes it at 10:00, another mention heard.
    const ben = await openDb();
    const team: LogEntry[] = [mentionEntry(M, t0)];
    await applyPage(ben, page(team, 0), 'team');
    await actions.assign(ben, ['x:1'], 'ben', clock('ben', Date.parse('2026-11-20T10:00:00Z')));
    team.push(...(await ben.pending.orderBy('seq').toArray()).map((p) => p.entry), mentionEntry(OTHER, '2026-11-20T09:05:01.000Z'));

    // This seat works solo on its journal: hears M (and another), takes M at 10:05 (confirmed by the solo log).
    const main = new FakeMain('solo');
    main.append('solo', [mentionEntry(M, t0), mentionEntry(SOLO, '2026-11-20T09:10:01.000Z')]);
    const db = await openDb();
    const stop = startDelivery(main.mb.bridge, db);
    try {
      await until('the solo log applied', async () => (await readPosition(db))?.position === 2);
      await actions.assign(db, ['x:1'], 'mk', clock('mk', Date.parse('2026-11-20T10:05:00Z')));
      await until('the take confirmed by the solo log', async () => (await db.pending.count()) === 0 && (await readPosition(db))?.position === 3);
      expect(await db.mentions.get('x:1')).toMatchObject({ assignee: 'mk', status: 'assigned' });

      // This seat's own data, not from any log.
      await writeSettings(db, { name: 'Mia K', initials: 'MK' });
      await db.views.put({ id: 'v1', name: 'Mine', filter: { assignee: 'mk' }, createdAt: t0 });
      await db.drafts.put({ mentionId: 'x:1', text: 'On it', updatedAt: t0 });
      // An action made while the log is out of reach: it stays pending.
      main.accepting = false;
      await actions.tag(db, ['x:1', 'x:3'], 'billing', clock('mk', Date.parse('2026-11-20T10:06:00Z')));
      await until('the failed send reported', () => useDelivery.getState().error !== undefined);
      expect(await db.pending.count()).toBe(2);

      // The seat joins its team: its solo run is pushed up to the team log (after ben's take), and
      // main now serves the team log; the renderer says hello again with the solo logId.
      main.append('team', team);
      main.append('team', main.log('solo'));
      main.current = 'team';
      main.reconnect();
      await until('the team log applied', async () => (await readPosition(db))?.logId === 'team' && (await readPosition(db))?.position === main.log('team').length);
      // Shown as a rebuild from 0, as on an empty profile.
      expect(useDelivery.getState().startedFrom).toBe(0);

      // Ben's take was first in the team log: it holds here too (the old code kept showing mk's).
      const m = await db.mentions.get('x:1');
      expect(m).toMatchObject({ assignee: 'ben', status: 'assigned' });
      // The pending tag still shows at once, folded on top of what the team log gives.
      expect(m!.tags).toEqual(['billing']);
      expect(m!.confirmed).toMatchObject({ assignee: 'ben', tags: [] });
      // Also on a mention the team log brought back with no later action on it (folded as it arrives).
      expect(await db.mentions.get('x:3')).toMatchObject({ tags: ['billing'], confirmed: { tags: [] } });
      expect(await db.pending.count()).toBe(2);

      // Own data survived the switch.
      expect(await loadSettings(db)).toMatchObject({ name: 'Mia K', initials: 'MK' });
      expect(await db.views.get('v1')).toMatchObject({ name: 'Mine' });
      expect(await db.drafts.get('x:1')).toMatchObject({ text: 'On it' });

      // The log is back: the pending tag is sent (again) to the team log and comes back confirmed.
      main.accepting = true;
      main.reconnect();
      await until('the pending tag confirmed by the team log', async () => (await db.pending.count()) === 0 && (await readPosition(db))?.position === main.log('team').length);
      expect(main.log('team').filter((e) => e.type === 'tagged')).toHaveLength(2);

      // Byte for byte what a fresh profile builds from the team log alone.
      const fresh = await freshFrom(main.log('team'), 'team');
      expect(await snapshot(db)).toEqual(await snapshot(fresh));
      expect(await db.mentions.get('x:1')).toMatchObject({ assignee: 'ben', tags: ['billing'] });
      expect((await db.mentions.get('x:1'))!.confirmed).toBeUndefined();
      expect(await db.mentions.get('x:3')).toMatchObject({ tags: ['billing'] });
    } finally {
      stop();
    }
  });

  it('clears what came from the log in one go and keeps this seat\'s own data, its pending team data shown again', async () => {
    const db = await openDb();
    // Solo state from the solo log: a mention, a taken action, a policy, a customer, a link, saved replies.
    await applyPage(db, page([mentionEntry(M, t0)], 0), 'solo');
    await actions.assign(db, ['x:1'], 'mk', clock('mk', Date.parse('2026-11-20T10:05:00Z')));
    await savePolicyVersion(db, { ...DEFAULT_POLICY, firstResponseMinutes: 15 }, Date.parse('2026-11-20T08:00:00Z'));
    await importCustomers(db, [{ id: 'c1', name: 'Dana', handles: ['x:dana'], plan: 'basic', extra: {}, importedAt: t0 }]);
    await linkAuthors(db, 'x:dana', 'appstore:Dana W');
    await storeSavedReplies(db, [{ id: 'r1', title: 'Solo', text: 'Hi' }]);
    await applyPage(db, page((await db.pending.orderBy('seq').toArray()).map((p) => p.entry), 1), 'solo');
    expect(await db.pending.count()).toBe(0);
    // Still pending when the switch comes: a tag, and a newer policy version.
    await actions.tag(db, ['x:1'], 'billing', clock('mk', Date.parse('2026-11-20T10:06:00Z')));
    await savePolicyVersion(db, { ...DEFAULT_POLICY, firstResponseMinutes: 30 }, Date.parse('2026-11-20T11:00:00Z'));
    const pendingBefore = await db.pending.orderBy('seq').toArray();
    expect(pendingBefore).toHaveLength(2);
    // Caches and this seat's own data.
    for (const key of ['reportFacts', 'reportFactsHeader', 'vocColumns', 'vocOutcomes', 'reportIntervals']) await db.meta.put({ key, value: { version: 1 } });
    await db.meta.put({ key: 'demoHistory', value: { state: 'seeded', at: t0, mentions: 3 } });
    await db.meta.put({ key: 'topicsChanged:000000000001', value: { ids: ['x:1'], topics: [['billing']] } });
    await writeSettings(db, { name: 'Mia K' });
    await db.views.put({ id: 'v1', name: 'Mine', filter: {}, createdAt: t0 });
    await db.drafts.put({ mentionId: 'x:1', text: 'On it', updatedAt: t0 });
    const oldWrites = await oldWritesSeq(db);

    await forgetAppliedLog(db);

    // From the log: gone.
    expect(await db.mentions.count()).toBe(0);
    expect(await db.search.count()).toBe(0);
    expect(await db.authors.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
    expect(await db.authorLinks.count()).toBe(0);
    expect(await readPosition(db)).toBeUndefined();
    expect(await loadSavedReplies(db)).not.toEqual([{ id: 'r1', title: 'Solo', text: 'Hi' }]);
    for (const key of ['reportFacts', 'reportFactsHeader', 'vocColumns', 'vocOutcomes', 'savedReplies']) expect(await db.meta.get(key)).toBeUndefined();
    // Only the pending tag's own event row stays (it shows in the history until the log has it).
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(pendingBefore.filter((p) => p.entry.type === 'tagged').map((p) => p.id));
    // Only the pending policy version is shown again, and due times use it at once.
    expect((await db.policies.toArray()).map((r) => r.policy.firstResponseMinutes)).toEqual([30]);
    expect(usePolicies.getState().versions.some((v) => v.policy.firstResponseMinutes === 15)).toBe(false);
    // Moved on, never back.
    expect(await oldWritesSeq(db)).toBe(oldWrites + 1);
    expect(await db.meta.get('demoHistory')).toMatchObject({ value: { state: 'removed' } });
    // This seat's own: kept.
    expect(await db.pending.orderBy('seq').toArray()).toEqual(pendingBefore);
    expect(await loadSettings(db)).toMatchObject({ name: 'Mia K' });
    expect(await db.views.get('v1')).toBeDefined();
    expect(await db.drafts.get('x:1')).toBeDefined();
    expect(await db.meta.get('reportIntervals')).toBeDefined();
    expect(await db.meta.get('topicsChanged:000000000001')).toBeDefined();
  });

  it('only another log id is a switch; a profile that applied nothing has nothing to forget', () => {
    expect(servesAnotherLog(undefined, { logId: 'team' })).toBe(false);
    expect(servesAnotherLog({ logId: 'team', position: 7 }, { logId: 'team' })).toBe(false);
    expect(servesAnotherLog({ logId: 'solo', position: 7 }, { logId: 'team' })).toBe(true);
    expect(servesAnotherLog({ logId: 'solo', position: 0 }, { logId: 'team' })).toBe(true);
  });
});
