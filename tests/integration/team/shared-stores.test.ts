/**
 * What seats share besides the log: reply attempts (no reply posted twice from any seat, a seat
 * that died mid-send reconciled like a single seat), X read counts, presence and the roster, and
 * startTeam bringing them all up.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgServer, type PgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { createPool, parseDatabaseUrl } from '../../../src-main/team/pg-connect';
import { PgAttemptStore } from '../../../src-main/team/pg-attempts';
import { createPgUsageStore } from '../../../src-main/team/pg-usage';
import { PresenceService, listAgents } from '../../../src-main/team/presence';
import { startTeam } from '../../../src-main/team/start-team';
import { createXReplier, ReplyError } from '../../../src-main/sources/x/x-reply';
import { setLogSink } from '../../../src-main/core/log';
import { FAKE_USER_TOKEN, startFakeX, type FakeX } from '../../fakes/x-server';

let server: PgServer;
let fake: FakeX;
const cleanup: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startPgServer();
}, 60_000);
afterAll(async () => {
  setLogSink(null);
  await server?.stop();
});
beforeEach(async () => {
  fake = await startFakeX();
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  await fake.close();
});

async function teamDb(): Promise<{ url: string; db: ReturnType<typeof parseDatabaseUrl>; pool: ReturnType<typeof createPool> }> {
  const url = await server.createDatabase();
  await (await PgLogStore.open({ databaseUrl: url, seat: 'setup' })).close();
  const db = parseDatabaseUrl(url);
  const pool = createPool(db);
  cleanup.push(() => pool.end());
  return { url, db, pool };
}

const TEXT = '@danawhit Sorry, Dana: vouchers are at B12 now. ^MK';
const REQ = { mentionId: 'x:1860000000000000105', text: TEXT, attemptId: 'draft-team-0001' };

describe('reply attempts across seats', () => {
  it('two seats sending the same reply at once: X gets exactly one POST, the other seat is told and later gets the same reply', async () => {
    const { db, pool } = await teamDb();
    const seats = ['a', 'b'].map((seat) => {
      const store = new PgAttemptStore(db, pool, seat);
      const replier = createXReplier({ apiBase: fake.url, credentials: { userAccessToken: FAKE_USER_TOKEN }, attemptStore: store, timeoutMs: 5000 });
      cleanup.push(() => replier.close(), () => store.close());
      return replier;
    });
    fake.setFault('slow-post', { delayMs: 1500 });
    const [a, b] = await Promise.allSettled(seats.map((s) => s.sendReply(REQ)));
    const outcomes = [a, b].map((r) => r?.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [a, b].find((r) => r?.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ReplyError);
    expect((refused.reason as Error).message).toMatch(/another seat is sending this same reply right now|changed by another seat meanwhile.*nothing was sent/);
    expect(fake.posts).toHaveLength(1);
    fake.setFault(null);
    // Either seat sending again gets the reply that was posted, without a second POST.
    const again = await (seats[1] as (typeof seats)[number]).sendReply(REQ);
    expect(again.replyId).toBe('1860000000000000900');
    expect(fake.posts).toHaveLength(1);
  });

  it('a seat that died mid-send: another seat checks X before posting, as a single seat does after a crash', async () => {
    const { db, pool } = await teamDb();
    const dead = new PgAttemptStore(db, pool, 'dead');
    const t = new Date().toISOString();
    await dead.get(REQ.attemptId);
    await dead.put({ attemptId: REQ.attemptId, targetTweetId: '1860000000000000105', text: TEXT, state: 'sending', createdAt: t, updatedAt: t });
    await dead.close(); // its session ends: the send lock is free
    const store = new PgAttemptStore(db, pool, 'alive');
    const replier = createXReplier({ apiBase: fake.url, credentials: { userAccessToken: FAKE_USER_TOKEN }, attemptStore: store, timeoutMs: 5000 });
    cleanup.push(() => replier.close(), () => store.close());
    const sent = await replier.sendReply(REQ);
    expect(sent.replyId).toBe('1860000000000000900');
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /2/users/me', 'GET /2/users/783214/tweets', 'POST /2/tweets']);
    expect((await store.get(REQ.attemptId))?.state).toBe('sent');
  });
});

describe('X read counts', () => {
  it('are the team’s: a takeover continues the count, and a stale save cannot lower it', async () => {
    const { pool } = await teamDb();
    const a = createPgUsageStore(pool, 'earshot', 'acme-mentions');
    const b = createPgUsageStore(pool, 'earshot', 'acme-mentions');
    expect(await b.load()).toBeUndefined();
    await a.save({ month: '2026-11', reads: 120, trackingSince: '2026-11-03T10:00:00.000Z' });
    expect(await b.load()).toEqual({ month: '2026-11', reads: 120, trackingSince: '2026-11-03T10:00:00.000Z' });
    await b.save({ month: '2026-11', reads: 150, trackingSince: '2026-11-03T10:00:00.000Z' });
    await a.save({ month: '2026-11', reads: 125, trackingSince: '2026-11-03T10:00:00.000Z' });
    expect((await a.load())?.reads).toBe(150);
    await a.save({ month: '2026-12', reads: 3, trackingSince: '2026-12-01T00:00:00.000Z' });
    expect(await b.load()).toEqual({ month: '2026-12', reads: 3, trackingSince: '2026-12-01T00:00:00.000Z' });
  });
});

describe('presence and roster', () => {
  it('a seat sees who else has a mention open or is drafting, and they vanish when that seat stops', async () => {
    const { db, pool } = await teamDb();
    const mk = new PresenceService({ db, pool, seat: 'seat-mk', agent: { id: 'mk', name: 'Maria K', role: 'agent' }, heartbeatMs: 500 });
    const jo = new PresenceService({ db, pool, seat: 'seat-jo', agent: { id: 'jo', name: 'Jo', role: 'lead' }, heartbeatMs: 500 });
    await mk.start();
    await jo.start();
    cleanup.push(() => jo.stop());
    await mk.set('x:1860000000000000105', 'drafting');
    await expect.poll(() => jo.list().map((p) => [p.agent, p.mentionId, p.activity]), { timeout: 3000 }).toEqual([['mk', 'x:1860000000000000105', 'drafting']]);
    expect(await listAgents(pool, 'earshot')).toEqual([
      { id: 'jo', name: 'Jo', role: 'lead' },
      { id: 'mk', name: 'Maria K', role: 'agent' },
    ]);
    await mk.stop();
    await expect.poll(() => jo.list(), { timeout: 3000 }).toEqual([]);
  });

  it('presence of a seat that died (no heartbeat) expires', async () => {
    const { db, pool } = await teamDb();
    await pool.query(`INSERT INTO earshot.presence (seat, agent, mention_id, activity, heartbeat_at) VALUES ('gone', 'zz', 'x:1', 'viewing', now() - interval '31 seconds')`);
    const jo = new PresenceService({ db, pool, seat: 'seat-jo', agent: { id: 'jo', name: 'Jo', role: 'lead' } });
    await jo.start();
    cleanup.push(() => jo.stop());
    expect(jo.list()).toEqual([]);
  });
});

describe('startTeam', () => {
  it('connects, migrates, registers the agent, takes free leases and reports connected', async () => {
    const url = await server.createDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'earshot-team-'));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const acquired: string[] = [];
    const team = await startTeam({ databaseUrl: url, agent: 'mk', dataDir, sourceIds: ['acme-mentions'], leaseRetryMs: 300 }, { onAcquired: (id) => void acquired.push(id) });
    cleanup.push(() => team.stop());
    expect(team.status()).toEqual({ state: 'connected', waiting: 0 });
    expect(acquired).toEqual(['acme-mentions']);
    expect(team.leases.holds('acme-mentions')).toBe(true);
    expect((await team.agents()).map((a) => a.id)).toEqual(['mk']);
    const r = await team.uplink.submit([{ id: 'e1', type: 'noted', at: new Date().toISOString() }]);
    expect(r).toEqual({ state: 'appended', results: [{ id: 'e1', position: 1, duplicate: false }] });
    await team.cursors.set('acme-mentions', { sinceId: '5' });
    expect(team.cursors.get('acme-mentions')).toEqual({ sinceId: '5' });
  });
});
