/**
 * Presence, the roster and Settings' Team commands through the core's bridge (issue 8 items 3, 6,
 * 7), on a real PostgreSQL: two cores, each read through a ClientLink as a renderer would. What one
 * seat says it has open reaches the other's renderer within 2 s; a dead seat's presence expires; a
 * closed renderer stops showing; the roster carries name and role from the team config; the
 * connection test names what is wrong; the saved URL never comes back unmasked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPgServer, freePort, type PgServer } from '../../helpers/pg-server';
import type { Core } from '../../../src-main/core/core';
import { seatCore } from '../../helpers/seat-core';
import { MemorySecretStore, type SecretStore, type SavedTeam } from '../../../src-main/config/secrets';
import { setLogSink } from '../../../src-main/core/log';
import type { Config } from '../../../src-main/config/config';
import type { EventName, EventPayload, CommandName, CommandRequest, CommandResponse } from '../../../src-main/shared/contract';
import type { TeamChoice } from '../../../src-main/config/team-config';
import type { Presence } from '../../../src-main/shared/team';

const CONFIG: Config = { sources: [{ id: 'demo', kind: 'demo', backlog: 1, limit: 2, perPoll: 1, intervalSeconds: 5 }] };

let server: PgServer;
const dirs: string[] = [];
const cores: Core[] = [];
const logLines: string[] = [];
beforeAll(async () => {
  setLogSink((l) => void logLines.push(l));
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

/** A SecretStore that says it persists (as the desktop's keychain-backed one does), in memory. */
class PersistentMemoryStore implements SecretStore {
  readonly persistent = true;
  private readonly inner = new MemorySecretStore();
  get = (id: string) => this.inner.get(id);
  set = (id: string, c: Parameters<SecretStore['set']>[1]) => this.inner.set(id, c);
  delete = (id: string) => this.inner.delete(id);
  team = () => this.inner.team();
  setTeam = (t: SavedTeam | undefined) => this.inner.setTeam(t);
}

function seat(team: TeamChoice | undefined, secrets: SecretStore = new MemorySecretStore()): Core {
  const dir = mkdtempSync(join(tmpdir(), `earshot-presence-`));
  dirs.push(dir);
  const core = seatCore(dir, 't', CONFIG, { secrets, team });
  cores.push(core);
  return core;
}

interface Renderer {
  presence: Array<{ at: number; others: Presence[] }>;
  call<N extends CommandName>(name: N, req: CommandRequest<N>): Promise<CommandResponse<N>>;
  callRaw(name: CommandName, req: unknown): Promise<{ ok: boolean; message?: string }>;
  close(): void;
}

async function renderer(core: Core): Promise<Renderer> {
  const presence: Renderer['presence'] = [];
  const conn = core.connect({
    send<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'presence') presence.push({ at: Date.now(), others: (payload as EventPayload<'presence'>).others });
    },
  });
  const callRaw = async (name: CommandName, req: unknown) => {
    const r = await conn.handle(name, req);
    return r.ok ? { ok: true } : { ok: false, message: r.error.message };
  };
  const call = async <N extends CommandName>(name: N, req: CommandRequest<N>): Promise<CommandResponse<N>> => {
    const r = await conn.handle(name, req);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as CommandResponse<N>;
  };
  await call('hello', { position: 0 });
  return { presence, call, callRaw, close: () => conn.close() };
}

const last = (r: Renderer): Presence[] => r.presence.at(-1)?.others ?? [];
const seen = (r: Renderer) => last(r).map((p) => [p.agent, p.mentionId, p.activity]);

describe('presence through the bridge', () => {
  it('what seat A has open reaches seat B within 2 s, drafting too; closing A\'s renderer clears it', async () => {
    const url = await server.createDatabase();
    const a = seat({ databaseUrl: url, agent: 'mk', agentName: 'Maria Kowalski', agentRole: 'lead' });
    const b = seat({ databaseUrl: url, agent: 'jo' });
    await a.start();
    await b.start();
    const ra = await renderer(a);
    const rb = await renderer(b);
    // Hello brings the current state at once (nobody has anything open yet).
    await expect.poll(() => rb.presence.length, { timeout: 2000 }).toBeGreaterThan(0);

    const t0 = Date.now();
    await ra.call('setPresence', { mentionId: 'mention:demo:1', activity: 'viewing' });
    await expect.poll(() => seen(rb), { timeout: 2000, interval: 20 }).toEqual([['mk', 'mention:demo:1', 'viewing']]);
    const viewedAfter = rb.presence.find((p) => p.others.some((o) => o.mentionId === 'mention:demo:1'))!.at - t0;
    expect(viewedAfter).toBeLessThan(2000);
    console.log(`presence: seat B heard seat A's setPresence after ${viewedAfter} ms`);

    await ra.call('setPresence', { mentionId: 'mention:demo:1', activity: 'drafting' });
    await expect.poll(() => seen(rb), { timeout: 2000, interval: 20 }).toEqual([['mk', 'mention:demo:1', 'drafting']]);
    // A seat never sees itself.
    expect(last(ra).some((p) => p.agent === 'mk')).toBe(false);

    // The browser tab closes: the seat says it has nothing open (not "still viewing" forever).
    ra.close();
    await expect.poll(() => seen(rb), { timeout: 2000, interval: 20 }).toEqual([['mk', null, 'viewing']]);
  }, 60_000);

  it('a seat that died (no heartbeat) disappears when its presence expires at 30 s, without waiting for a heartbeat', async () => {
    const url = await server.createDatabase();
    const b = seat({ databaseUrl: url, agent: 'jo' });
    await b.start();
    const rb = await renderer(b);
    // A seat that was killed 28.5 s after its last heartbeat: its row is still there.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`INSERT INTO earshot.presence (seat, agent, mention_id, activity, heartbeat_at) VALUES ('dead', 'zz', 'mention:demo:2', 'drafting', now() - interval '28.5 seconds')`);
      await c.query(`SELECT pg_notify('earshot_presence', 'dead')`);
    } finally {
      await c.end();
    }
    await expect.poll(() => seen(rb), { timeout: 2000, interval: 20 }).toEqual([['zz', 'mention:demo:2', 'drafting']]);
    const shownAt = Date.now();
    await expect.poll(() => seen(rb), { timeout: 4000, interval: 50 }).toEqual([]);
    // Gone at ~30 s of age, well before b's next heartbeat (10 s).
    expect(Date.now() - shownAt).toBeLessThan(3000);
  }, 60_000);

  it('solo: setPresence is accepted and does nothing, no presence event, an empty roster', async () => {
    const core = seat(undefined);
    await core.start();
    const r = await renderer(core);
    await r.call('setPresence', { mentionId: 'mention:demo:1', activity: 'drafting' });
    expect(await r.call('listAgents', {})).toEqual({ agents: [] });
    await new Promise((res) => setTimeout(res, 200));
    expect(r.presence).toEqual([]);
  });

  it('a malformed setPresence is refused with a message naming the field', async () => {
    const core = seat(undefined);
    await core.start();
    const r = await renderer(core);
    const res = await r.callRaw('setPresence', { mentionId: 'x', activity: 'typing' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/setPresence\.activity/);
  });
});

describe('roster', () => {
  it('lists every seat\'s agent with the name and role from its team config, else the id', async () => {
    const url = await server.createDatabase();
    const a = seat({ databaseUrl: url, agent: 'mk', agentName: 'Maria Kowalski', agentRole: 'lead' });
    const b = seat({ databaseUrl: url, agent: 'jo' });
    await a.start();
    await b.start();
    const rb = await renderer(b);
    expect((await rb.call('listAgents', {})).agents).toEqual([
      { id: 'jo', name: 'jo', role: 'agent' },
      { id: 'mk', name: 'Maria Kowalski', role: 'lead' },
    ]);
  }, 60_000);
});

describe('Settings: team connection', () => {
  it('the connection test names what is wrong: URL, password, unreachable, newer schema; and says when it works', async () => {
    const url = await server.createDatabase();
    const core = seat(undefined);
    await core.start();
    const r = await renderer(core);
    const test = (databaseUrl?: string) => r.call('testTeamConnection', databaseUrl === undefined ? {} : { databaseUrl });

    expect(await test()).toMatchObject({ ok: false, problem: 'url' });
    expect(await test('mysql://x@y/z')).toMatchObject({ ok: false, problem: 'url', message: expect.stringMatching(/postgres:\/\//) });
    const wrongPw = url.replace(':earshot-test@', ':not-the-password@');
    const pw = await test(wrongPw);
    expect(pw).toMatchObject({ ok: false, problem: 'password', message: expect.stringMatching(/refused the password/) });
    expect(pw.message).not.toContain('not-the-password');
    const port = await freePort();
    expect(await test(`postgres://u:secretpw@127.0.0.1:${port}/db`)).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(/Nothing answers/) });
    expect(await test(url.replace(/\/[^/]+$/, '/no_such_db'))).toMatchObject({ ok: false, problem: 'url', message: expect.stringMatching(/no database/) });

    // A fresh database: reachable, tables created later by the first seat; nothing was created by the test.
    expect(await test(url)).toMatchObject({ ok: true, message: expect.stringMatching(/not there yet/) });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query(`SELECT to_regclass('earshot.schema_version') AS t`)).rows[0].t).toBeNull();
      // Another seat joins (creates the tables), then a newer Earshot migrates past what this one knows.
      const other = seat({ databaseUrl: url, agent: 'mk' });
      await other.start();
      expect(await test(url)).toMatchObject({ ok: true, message: expect.stringMatching(/tables are there.*1 agent in the roster/) });
      await c.query(`UPDATE earshot.schema_version SET version = 999`);
      expect(await test(url)).toMatchObject({ ok: false, problem: 'schema', message: expect.stringMatching(/version 999, newer than this Earshot/) });
    } finally {
      await c.end();
    }
  }, 60_000);

  it('saving keeps the URL in the SecretStore, shows it masked, asks for a restart; browser mode cannot save', async () => {
    const url = await server.createDatabase();
    const secrets = new PersistentMemoryStore();
    const core = seat(undefined, secrets);
    await core.start();
    const r = await renderer(core);
    expect(await r.call('getTeamSettings', {})).toEqual({ saved: null, canSave: true, restartNeeded: false });
    const view = await r.call('saveTeamSettings', { team: { databaseUrl: `${url}?sslmode=disable`, agent: 'MK', name: 'Maria' } });
    expect(view.saved).toEqual({ databaseUrl: expect.stringContaining('postgres://postgres:••••@127.0.0.1:'), agent: 'mk', name: 'Maria' });
    expect(JSON.stringify(view)).not.toContain('earshot-test');
    expect(view.restartNeeded).toBe(true);
    expect((secrets.team() as SavedTeam).databaseUrl).toBe(`${url}?sslmode=disable`);
    // The saved URL is tested without being sent again; saving without a URL keeps it.
    expect(await r.call('testTeamConnection', {})).toMatchObject({ ok: true });
    await r.call('saveTeamSettings', { team: { agent: 'mk', role: 'lead' } });
    expect(secrets.team()).toEqual({ databaseUrl: `${url}?sslmode=disable`, agent: 'mk', role: 'lead' });
    // Forgetting it goes back to what this process started with: no restart needed.
    expect(await r.call('saveTeamSettings', { team: null })).toEqual({ saved: null, canSave: true, restartNeeded: false });
    // The password never reached a log line.
    expect(logLines.join('\n')).not.toContain('earshot-test');

    const web = seat(undefined);
    await web.start();
    const rw = await renderer(web);
    expect(await rw.call('getTeamSettings', {})).toMatchObject({ canSave: false, whyNot: expect.stringMatching(/--team URL --agent ID/) });
    const refused = await rw.callRaw('saveTeamSettings', { team: { databaseUrl: url, agent: 'mk' } });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/keeps no secrets on disk/) });
  }, 60_000);
});
