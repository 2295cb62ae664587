/**
 * Team mode wired into the core (issue 8): two Cores, two data folders, one real PostgreSQL. Both
 * have the demo source under the same id; exactly one polls it (the lease holder), the other shows
 * "Polled by another seat"; the mentions reach both seats' delivery (read through a ClientLink and
 * hello, as a renderer would). Stopping the polling core hands the source to the other within the
 * lease retry, continuing from the shared cursor. A core given a wrong URL runs solo and says why.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgServer, freePort, type PgServer } from '../../helpers/pg-server';
import type { Core } from '../../../src-main/core/core';
import { seatCore } from '../../helpers/seat-core';

import { setLogSink } from '../../../src-main/core/log';
import type { Config } from '../../../src-main/config/config';
import type { LogPage, EventName, EventPayload, CommandResponse } from '../../../src-main/shared/contract';
import type { TeamStatus } from '../../../src-main/shared/team';

// A finite demo: 30 mentions, 2 at first then 1 per poll every 200 ms: the takeover has some left to poll.
const TOTAL = 30;
const CONFIG: Config = { sources: [{ id: 'demo', kind: 'demo', backlog: 2, limit: TOTAL, perPoll: 1, intervalSeconds: 0.2 }] };

let server: PgServer;
const dirs: string[] = [];
const cores: Core[] = [];
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startPgServer();
}, 60_000);
afterEach(async () => {
  await Promise.allSettled(cores.splice(0).map((c) => c.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(async () => {
  setLogSink(null);
  await server?.stop();
});

function seat(agent: string, databaseUrl: string, dataDir?: string): Core {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), `earshot-team-${agent}-`));
  if (!dataDir) dirs.push(dir);
  const core = seatCore(dir, agent, CONFIG, { team: { databaseUrl, agent } });
  cores.push(core);
  return core;
}

/** A renderer's view of a core: says hello from 0, acks every page, keeps the mention ids it got. */
function client(core: Core): {
  mentionIds: Set<string>;
  entries: Map<string, { position: number; type: string; agent?: unknown }>;
  statuses: TeamStatus[];
  hello: Promise<CommandResponse<'hello'>>;
  handle: (command: string, payload: unknown) => Promise<unknown>;
} {
  const mentionIds = new Set<string>();
  const entries = new Map<string, { position: number; type: string; agent?: unknown }>();
  const statuses: TeamStatus[] = [];
  const conn = core.connect({
    send<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'teamStatus') statuses.push(payload as TeamStatus);
      if (event !== 'entries') return;
      const page = payload as LogPage;
      for (const { position, entry } of page.entries) {
        if (entry.type === 'mention') mentionIds.add(entry.id);
        entries.set(entry.id, { position, type: entry.type, agent: entry.agent });
      }
      // Acked after the page is "applied" (a later tick), as a renderer over a transport would.
      const last = page.entries[page.entries.length - 1]!.position;
      setTimeout(() => void conn.handle('ack', { position: last }), 0);
    },
  });
  const hello = conn.handle('hello', { position: 0 }).then((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value as CommandResponse<'hello'>;
  });
  const handle = async (command: string, payload: unknown): Promise<unknown> => {
    const r = await conn.handle(command, payload);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return { mentionIds, entries, statuses, hello, handle };
}

/** Two started seats, ann and bob, on one database, each with a renderer that said hello. */
async function twoSeats(url: string) {
  const a = seat('ann', url);
  const b = seat('bob', url);
  await a.start();
  await b.start();
  const ca = client(a);
  const cb = client(b);
  const [ha, hb] = await Promise.all([ca.hello, cb.hello]);
  return { a, b, ca, cb, ha, hb };
}

const demoHealth = (c: Core) => c.poller.health().find((h) => h.sourceId === 'demo')!;

describe('team mode in the core', () => {
  it('two seats, one source id: one polls, both deliver, the other takes over when it stops', async () => {
    const url = await server.createDatabase();
    const { a, b, ca, cb, ha, hb } = await twoSeats(url);
    expect(ha.teamStatus.state).toBe('connected');
    expect(ha.agentId).toBe('ann');
    expect(hb.agentId).toBe('bob');

    // Exactly one seat holds the lease and polls; the other stands by.
    await expect.poll(() => [a, b].filter((c) => c.team!.leases.holds('demo')).length, { timeout: 5000 }).toBe(1);
    const [holder, other] = a.team!.leases.holds('demo') ? [a, b] : [b, a];
    await expect.poll(() => demoHealth(holder).totalItems, { timeout: 5000 }).toBeGreaterThan(0);
    expect(demoHealth(other).message).toBe('Polled by another seat');
    expect(demoHealth(other).totalItems).toBe(0);

    // What the holder polled reaches both seats' delivery.
    const [hc, oc] = holder === a ? [ca, cb] : [cb, ca];
    await expect.poll(() => oc.mentionIds.size, { timeout: 5000 }).toBeGreaterThan(0);
    const polledBefore = demoHealth(holder).totalItems;
    expect(polledBefore).toBeLessThan(TOTAL); // the takeover below has mentions left to poll

    // The holder stops: the other seat takes the source over and continues from the shared cursor.
    const stoppedAt = Date.now();
    await holder.stop();
    cores.splice(cores.indexOf(holder), 1);
    await expect.poll(() => other.team!.leases.holds('demo'), { timeout: 5000 }).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await expect.poll(() => oc.mentionIds.size, { timeout: 20_000 }).toBe(TOTAL);
    // Continued from the shared cursor, not restarted: together the seats polled each mention once
    // (plus at most the one poll in flight when the holder stopped).
    expect(demoHealth(other).totalItems + polledBefore).toBeLessThanOrEqual(TOTAL + 1);
    expect(demoHealth(other).totalItems).toBeGreaterThan(0);
    expect([...oc.mentionIds].sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => `mention:demo:${i + 1}`).sort());
    // The stopped seat's renderer had received what was in the log while it ran.
    expect(hc.mentionIds.size).toBeGreaterThanOrEqual(polledBefore);
  }, 60_000);

  it("an action appended on one seat reaches the other seat's renderer in log order; bad entries are refused, repeats stored once", async () => {
    const url = await server.createDatabase();
    const { ca, cb } = await twoSeats(url);
    await expect.poll(() => cb.mentionIds.size, { timeout: 5000 }).toBeGreaterThan(0);
    const mentionId = [...cb.mentionIds][0]!.slice('mention:'.length);
    const take = { id: 'ev:take-1', type: 'assigned', at: new Date().toISOString(), mentionId, agent: 'ann', by: 'ann', take: true };
    const sent = Date.now();
    const r = (await ca.handle('append', {
      entries: [take, { id: 'ev:bad', type: 'assigned', at: 'yesterday', mentionId, agent: 'ann' }, { id: 'ev:m', type: 'mention', at: take.at, mention: {} }],
    })) as CommandResponse<'append'>;
    expect(r.results.find((x) => x.id === 'ev:take-1')).toMatchObject({ outcome: 'appended' });
    expect(r.results.find((x) => x.id === 'ev:bad')).toMatchObject({ outcome: 'rejected', error: expect.stringMatching(/^assigned\.at: /) });
    expect(r.results.find((x) => x.id === 'ev:m')).toMatchObject({ outcome: 'rejected' });
    await expect.poll(() => cb.entries.get('ev:take-1'), { timeout: 2000 }).toMatchObject({ type: 'assigned', agent: 'ann' });
    expect(Date.now() - sent).toBeLessThan(2000);
    // The appending seat's renderer gets the entry in its own stream too, at the same position.
    await expect.poll(() => ca.entries.get('ev:take-1')?.position, { timeout: 2000, interval: 50 }).toBe(cb.entries.get('ev:take-1')?.position);
    // Sent again (a renderer re-sends what is pending after a reconnect): stored once.
    const again = (await cb.handle('append', { entries: [take] })) as CommandResponse<'append'>;
    expect(again.results).toEqual([{ id: 'ev:take-1', outcome: 'duplicate', position: ca.entries.get('ev:take-1')!.position }]);
    expect(cb.entries.has('ev:bad')).toBe(false);
  }, 60_000);

  it("topic rules saved on one seat are every seat's rules: at once on a running seat, at start on a new one", async () => {
    const url = await server.createDatabase();
    const { ca, cb } = await twoSeats(url);
    const rules = { topics: [{ id: 'refunds', name: 'Refunds', any: ['refund', 'money back'] }] };
    await ca.handle('setTopicRules', rules);
    await expect.poll(() => cb.handle('getTopicRules', {}), { timeout: 2000, interval: 50 }).toEqual(rules);
    // In the log, so a seat joining later starts with them too. The log's entries reach this seat's
    // renderer in their own stream, which may come after the other seat already answers with them.
    await expect.poll(() => [...ca.entries.values()].some((e) => e.type === 'topic-rules'), { timeout: 2000, interval: 50 }).toBe(true);
    const c = seat('cy', url);
    await c.start();
    await expect(client(c).handle('getTopicRules', {})).resolves.toEqual(rules);
  }, 60_000);

  it('a wrong database URL: the seat runs solo and says why', async () => {
    const port = await freePort(); // nothing listens there
    const core = seat('cy', `postgres://earshot:secret-pw@127.0.0.1:${port}/earshot`);
    await core.start();
    expect(core.team).toBeUndefined();
    const st = core.teamStatus();
    expect(st.state).toBe('solo');
    expect(st.message).toMatch(/running solo/);
    expect(st.message).not.toContain('secret-pw');
    const c = client(core);
    const h = await c.hello;
    expect(h.teamStatus.state).toBe('solo');
    expect(h.agentId).toBeUndefined();
    // Solo still works: the demo is polled into this seat's own journal and delivered.
    await expect.poll(() => c.mentionIds.size, { timeout: 5000 }).toBeGreaterThan(0);
  }, 60_000);

  it('what a seat records while it cannot join at start goes up to the team when it next joins', async () => {
    const url = await server.createDatabase();
    const down = `postgres://earshot:pw@127.0.0.1:${await freePort()}/earshot`;
    const dir = mkdtempSync(join(tmpdir(), 'earshot-team-solo-run-'));
    dirs.push(dir);
    const first = seat('eve', down, dir);
    await first.start();
    expect(first.teamStatus().state).toBe('solo');
    const c1 = client(first);
    await c1.hello;
    await expect.poll(() => c1.mentionIds.size, { timeout: 5000 }).toBeGreaterThan(0);
    const mentionId = [...c1.mentionIds][0]!.slice('mention:'.length);
    const note = { id: 'ev:while-solo', type: 'noted', at: new Date().toISOString(), mentionId, agent: 'eve', text: 'customer called too' };
    await c1.handle('append', { entries: [note] });
    await first.stop();
    cores.splice(cores.indexOf(first), 1);

    const second = seat('eve', url, dir);
    await second.start();
    expect(second.teamStatus().state).toBe('connected');
    const other = seat('fay', url);
    await other.start();
    const c2 = client(other);
    await c2.hello;
    await expect.poll(() => c2.entries.get('ev:while-solo')?.type, { timeout: 5000 }).toBe('noted');
    expect(c2.mentionIds.has(`mention:${mentionId}`)).toBe(true);
    // Sent once: the note of the solo run is gone, so a restart sends nothing again.
    expect(existsSync(join(dir, 'solo-while-team.json'))).toBe(false);
  }, 90_000);

  it('losing the database is pushed to the renderer as teamStatus offline, and connected when it is back', async () => {
    const url = await server.createDatabase();
    const core = seat('dee', url);
    await core.start();
    const c = client(core);
    expect((await c.hello).teamStatus.state).toBe('connected');
    await server.pause();
    try {
      await expect.poll(() => c.statuses.some((st) => st.state === 'offline'), { timeout: 20_000 }).toBe(true);
      expect(core.teamStatus().state).toBe('offline');
    } finally {
      await server.resume();
    }
    await expect.poll(() => c.statuses.at(-1)?.state, { timeout: 30_000 }).toBe('connected');
  }, 90_000);
});
