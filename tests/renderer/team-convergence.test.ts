/**
 * Actions through the log (issue 8, stage 2), renderer side: seats act at once on their own copy,
 * send their entries to one shared log, and apply the log in order. Whatever the interleaving, every
 * seat ends with the same state as a fresh profile rebuilding from position 0, nothing pending; a
 * take that reached the log second loses and its seat is told who was first.
 */
import { describe, it, expect } from 'vitest';
import { EarshotDb } from '../../src-renderer/db/schema';
import { applyPage, readPosition, type LostTake } from '../../src-renderer/db/apply';
import * as actions from '../../src-renderer/db/actions';
import { dropPending } from '../../src-renderer/db/pending';
import { describeLostTake } from '../../src-renderer/db/lost-take';
import { mentionEntry, type LogEntry } from '../../src-main/shared/log-entry';
import { WORKFLOW_FIELDS } from '../../src-main/shared/workflow';
import { mention } from './helpers/db';
import { savePolicyVersion } from '../../src-renderer/db/policies';
import { DEFAULT_POLICY } from '../../src-main/shared/sla/policy';
import { storeSavedReplies, loadSavedReplies } from '../../src-renderer/composer/saved-replies';
import { importCustomers } from '../../src-renderer/customers/import';
import { linkAuthors, unlinkAuthor, linkedKeys } from '../../src-renderer/authors/links';

let n = 0;
const LOG_ID = 'team-log';

/** The shared log as the database keeps it: ordered, an id stored once. */
class SharedLog {
  readonly entries: LogEntry[] = [];
  private readonly ids = new Set<string>();
  append(list: readonly LogEntry[]): void {
    for (const e of list) {
      if (this.ids.has(e.id)) continue;
      this.ids.add(e.id);
      this.entries.push(e);
    }
  }
}

interface Seat {
  agent: string;
  db: EarshotDb;
  lost: LostTake[];
}

async function seat(agent: string): Promise<Seat> {
  const db = new EarshotDb(`conv-${++n}`);
  await db.open();
  return { agent, db, lost: [] };
}

/** What delivery/pending-sender.ts does: everything pending goes up, oldest first. */
async function send(s: Seat, log: SharedLog, take = Infinity): Promise<void> {
  const rows = await s.db.pending.orderBy('seq').toArray();
  log.append(rows.slice(0, take).map((r) => r.entry));
}

/** What delivery does: the entries after this seat's position, in pages of at most `size`. */
async function sync(s: Seat, log: SharedLog, size = 500): Promise<void> {
  for (;;) {
    const from = (await readPosition(s.db))?.position ?? 0;
    const rest = log.entries.slice(from, from + size);
    if (!rest.length) return;
    const r = await applyPage(s.db, rest.map((entry, i) => ({ position: from + i + 1, entry })), LOG_ID);
    s.lost.push(...r.lostTakes);
  }
}

/** Each mention's workflow fields, due time and thread; `seen` and derived search fields are per seat. */
async function stateOf(db: EarshotDb): Promise<unknown[]> {
  const rows = await db.mentions.orderBy('id').toArray();
  return rows.map((m) => {
    const out: Record<string, unknown> = { id: m.id, dueAt: m.dueAt, threadRootId: m.threadRootId, confirmed: m.confirmed };
    for (const k of WORKFLOW_FIELDS) out[k] = m[k];
    return out;
  });
}

async function eventsOf(db: EarshotDb): Promise<unknown[]> {
  return (await db.events.orderBy('id').toArray()).map((e) => ({ ...e }));
}

const at0 = '2026-11-20T09:00:00.000Z';
const clock = (agent: string, t: { ms: number }) => ({ agent, now: () => (t.ms += 1000) });

/** A log holding one mention, x:1, and two seats that have applied it; `t` is their shared clock. */
async function twoSeatsOnOneMention(first: string, second: string): Promise<{ log: SharedLog; a: Seat; b: Seat; t: { ms: number } }> {
  const log = new SharedLog();
  log.append([mentionEntry(mention('x:1', at0), at0)]);
  const [a, b] = [await seat(first), await seat(second)];
  await sync(a, log);
  await sync(b, log);
  return { log, a, b, t: { ms: Date.parse('2026-11-20T10:00:00Z') } };
}

describe('actions through the log', () => {
  it('first-come take: the second seat to reach the log loses, is told who was first, and both show the winner', async () => {
    const { log, a, b, t } = await twoSeatsOnOneMention('mk', 'lo');
    await actions.assign(a.db, ['x:1'], 'mk', clock('mk', t));
    await actions.assign(b.db, ['x:1'], 'lo', clock('lo', t));
    // Each sees its own take at once.
    expect((await a.db.mentions.get('x:1'))!.assignee).toBe('mk');
    expect((await b.db.mentions.get('x:1'))!.assignee).toBe('lo');
    await send(a, log);
    await send(b, log);
    await sync(a, log);
    await sync(b, log);
    for (const s of [a, b]) {
      expect(await s.db.mentions.get('x:1')).toMatchObject({ assignee: 'mk', status: 'assigned' });
      expect(await s.db.mentions.get('x:1')).not.toHaveProperty('confirmed');
      expect(await s.db.pending.count()).toBe(0);
    }
    expect(a.lost).toEqual([]);
    expect(b.lost).toEqual([{ mentionId: 'x:1', holder: 'mk', at: '2026-11-20T10:00:02.000Z' }]);
    expect(await describeLostTake(b.db, b.lost[0]!)).toBe('mk took this 1 s ago; it stays with mk.');
    // Both seats keep lo's take as an event (it happened), marked as lost so no report counts lo as owner.
    for (const s of [a, b]) {
      const takes = (await s.db.events.where('mentionId').equals('x:1').toArray()).filter((e) => e.type === 'assigned');
      expect(takes.map((e) => [e.agent, e.data?.lostTo])).toEqual(expect.arrayContaining([['mk', undefined], ['lo', 'mk']]));
    }
  });

  it('taking the next due (n) after a teammate\'s take was heard here, between the pick and the write, loses and is told: it never takes it from them', async () => {
    const { log, a, b, t } = await twoSeatsOnOneMention('mk', 'lo');
    // lo's seat picked x:1 (unassigned); mk's take reaches the log and lo's seat before lo's write.
    await actions.take(a.db, 'x:1', clock('mk', t));
    await send(a, log);
    await sync(b, log);
    const rec = await actions.take(b.db, 'x:1', clock('lo', t));
    expect(rec.changes).toEqual([]);
    expect((await b.db.mentions.get('x:1'))!.assignee).toBe('mk');
    await send(b, log);
    await sync(a, log);
    await sync(b, log);
    for (const s of [a, b]) {
      expect(await s.db.mentions.get('x:1')).toMatchObject({ assignee: 'mk', status: 'assigned' });
      expect(await s.db.pending.count()).toBe(0);
    }
    expect(b.lost).toEqual([{ mentionId: 'x:1', holder: 'mk', at: '2026-11-20T10:00:02.000Z' }]);
    expect(await describeLostTake(b.db, b.lost[0]!)).toBe('mk took this 1 s ago; it stays with mk.');
  });

  it('a lead assigning to someone is not a take: it overrides, in log order', async () => {
    const { log, a: agent, b: lead, t } = await twoSeatsOnOneMention('mk', 'lead');
    await actions.assign(agent.db, ['x:1'], 'mk', clock('mk', t));
    await send(agent, log);
    await sync(lead, log);
    await actions.assign(lead.db, ['x:1'], 'lo', clock('lead', t));
    await send(lead, log);
    await sync(agent, log);
    await sync(lead, log);
    expect((await agent.db.mentions.get('x:1'))!.assignee).toBe('lo');
    expect((await lead.db.mentions.get('x:1'))!.assignee).toBe('lo');
    expect([...agent.lost, ...lead.lost]).toEqual([]);
  });

  it('an entry main refused is dropped and its change undone on that seat only', async () => {
    const log = new SharedLog();
    log.append([mentionEntry(mention('x:1', at0), at0)]);
    const a = await seat('mk');
    await sync(a, log);
    await actions.tag(a.db, ['x:1'], 'billing', { agent: 'mk' });
    await actions.resolve(a.db, ['x:1'], { agent: 'mk' });
    const [tagged] = await a.db.pending.orderBy('seq').toArray();
    await dropPending(a.db, [tagged!.id]);
    const m = await a.db.mentions.get('x:1');
    expect(m).toMatchObject({ tags: [], status: 'resolved', open: 0 });
    expect(await a.db.events.get(tagged!.id)).toBeUndefined();
    await send(a, log);
    await sync(a, log);
    expect(await a.db.mentions.get('x:1')).toMatchObject({ tags: [], status: 'resolved' });
    expect(await a.db.mentions.get('x:1')).not.toHaveProperty('confirmed');
  });

  it('3 seats, 600 random actions in random interleavings: every seat ends equal to a profile rebuilt from 0', async () => {
    // mulberry32: a small seeded generator whose every bit is usable (a plain LCG's low bits cycle).
    let seed = 20261130;
    const rnd = (k: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return (((x ^ (x >>> 14)) >>> 0) % k);
    };
    const log = new SharedLog();
    const ids = Array.from({ length: 25 }, (_, i) => `x:${100 + i}`);
    log.append(ids.map((id, i) => mentionEntry(mention(id, new Date(Date.parse(at0) + i * 60_000).toISOString()), at0)));
    const seats = [await seat('mk'), await seat('lo'), await seat('ana')];
    for (const s of seats) await sync(s, log);
    const t = { ms: Date.parse('2026-11-20T10:00:00Z') };
    const undoable: Array<{ s: Seat; rec: actions.UndoRecord }> = [];
    for (let i = 0; i < 600; i++) {
      const s = seats[rnd(3)]!;
      const actor = clock(s.agent, t);
      const pick = [ids[rnd(ids.length)]!, ...(rnd(4) === 0 ? [ids[rnd(ids.length)]!] : [])];
      const op = rnd(12);
      let rec: actions.UndoRecord | undefined;
      if (op === 0) rec = await actions.assign(s.db, pick, s.agent, actor);
      else if (op === 1) rec = await actions.assign(s.db, pick, seats[rnd(3)]!.agent, actor);
      else if (op === 2) rec = await actions.unassign(s.db, pick, actor);
      else if (op === 3) rec = await actions.tag(s.db, pick, ['billing', 'outage'][rnd(2)]!, actor, rnd(2) === 0);
      else if (op === 4) rec = await actions.resolve(s.db, pick, actor);
      else if (op === 5) rec = await actions.markNoise(s.db, pick, actor);
      else if (op === 6) rec = await actions.reopen(s.db, pick, actor);
      else if (op === 7) await actions.recordReply(s.db, pick[0]!, { via: 'site', text: `answer ${i}`, postedAt: new Date(t.ms).toISOString() }, actor);
      else if (op === 8) await actions.addNote(s.db, pick[0]!, `note ${i}`, actor);
      else if (op === 9 && undoable.length) {
        const u = undoable.splice(rnd(undoable.length), 1)[0]!;
        await actions.undo(u.s.db, u.rec, { agent: u.s.agent, now: actor.now });
      } else if (op === 10) await send(s, log, 1 + rnd(5));
      else await sync(s, log, 1 + rnd(40));
      if (rec?.changes.length) undoable.push({ s, rec });
    }
    for (const s of seats) await send(s, log);
    for (const s of seats) await sync(s, log, 1 + rnd(60));
    const rebuilt = await seat('new');
    await sync(rebuilt, log, 37);

    const reference = await stateOf(rebuilt.db);
    const refEvents = await eventsOf(rebuilt.db);
    expect(log.entries.length).toBeGreaterThan(300);
    for (const s of seats) {
      expect(await s.db.pending.count()).toBe(0);
      expect(await stateOf(s.db)).toEqual(reference);
      expect(await eventsOf(s.db)).toEqual(refEvents);
    }
    // The run exercised the interesting paths: some takes lost, some mentions changed hands.
    expect(seats.reduce((k, s) => k + s.lost.length, 0)).toBeGreaterThan(0);
    const states = reference as Array<{ status: string }>;
    expect(new Set(states.map((m) => m.status)).size).toBeGreaterThan(2);
    const types = new Set(log.entries.map((e) => e.type));
    for (const t of ['assigned', 'unassigned', 'tagged', 'untagged', 'resolved', 'noise', 'replied', 'noted']) expect(types).toContain(t);
  }, 120_000);

  it("the team's policies, saved replies, customers and identity links reach every seat and a rebuilt profile; a newer pending change is not overwritten", async () => {
    const log = new SharedLog();
    const [a, b] = [await seat('mk'), await seat('lo')];
    await savePolicyVersion(a.db, { ...DEFAULT_POLICY, firstResponseMinutes: 15 }, Date.parse('2026-11-20T08:00:00Z'));
    await storeSavedReplies(a.db, [{ id: 'r1', title: 'Hello', text: 'Hi {name}' }]);
    await importCustomers(a.db, [{ id: 'c1', name: 'Dana', handles: ['x:dana'], plan: 'basic', extra: {}, importedAt: at0 }]);
    await linkAuthors(a.db, 'x:dana', 'appstore:Dana W');
    await linkAuthors(a.db, 'x:dana', 'reddit:dw');
    await unlinkAuthor(a.db, 'reddit:dw');
    // B changes the saved replies too, after A (in time) but it reaches the log after A's.
    await storeSavedReplies(b.db, [{ id: 'r2', title: 'Mine', text: 'Hello from B' }]);
    await send(a, log);
    await sync(b, log); // A's entries arrive while B's own change is still pending: B keeps showing its own
    expect((await loadSavedReplies(b.db)).map((r) => r.id)).toEqual(['r2']);
    await send(b, log);
    await sync(a, log);
    await sync(b, log);
    // A mention heard after the new version gets its 15-minute target on every seat.
    log.append([mentionEntry(mention('x:9', '2026-11-20T09:00:00.000Z'), at0)]);
    await sync(a, log);
    await sync(b, log);
    const rebuilt = await seat('new');
    await sync(rebuilt, log);
    const snapshot = async (db: EarshotDb) => ({
      policies: (await db.policies.toArray()).map(({ id, from, policy }) => ({ id, from, policy })),
      replies: await loadSavedReplies(db),
      customers: (await db.customers.toArray()).map(({ importedAt: _i, ...c }) => c),
      dana: (await linkedKeys(db, 'x:dana')).sort(),
      dw: await linkedKeys(db, 'reddit:dw'),
      due: (await db.mentions.get('x:9'))!.dueAt,
    });
    const want = await snapshot(rebuilt.db);
    expect(want).toMatchObject({ replies: [{ id: 'r2' }], customers: [{ id: 'c1', plan: 'basic' }], dana: ['appstore:Dana W', 'x:dana'], dw: ['reddit:dw'] });
    expect(want.policies).toHaveLength(1);
    expect(want.due).toBe(Date.parse('2026-11-20T09:15:00Z'));
    for (const s of [a, b]) {
      expect(await snapshot(s.db)).toEqual(want);
      expect(await s.db.pending.count()).toBe(0);
    }
  });
});
