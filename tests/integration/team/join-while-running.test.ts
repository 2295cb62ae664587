/**
 * A team seat whose database is down at start runs solo and keeps trying to join while it runs
 * (core/join-retry.ts): with a real PostgreSQL stopped before the seat starts and started later, the
 * seat joins without a restart, sends what it recorded solo (mentions polled, an agent's action) to
 * the team log once each, serves the team log from then on, and asks its renderer to say hello
 * again; that hello (with the journal's position and log id) is answered from 0 of the team log.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePgServer } from '../../helpers/pg-server';
import type { Core } from '../../../src-main/core/core';
import { seatCore } from '../../helpers/seat-core';

import { setLogSink } from '../../../src-main/core/log';
import { PgLogStore } from '../../../src-main/log/pg-log';
import type { Config } from '../../../src-main/config/config';
import type { CommandResponse, EventName, EventPayload, LogPage } from '../../../src-main/shared/contract';
import type { TeamStatus } from '../../../src-main/shared/team';
import { nextJoinDelay } from '../../../src-main/core/join-retry';

const MENTIONS = 4;
const CONFIG: Config = { sources: [{ id: 'demo', kind: 'demo', backlog: 2, limit: MENTIONS, perPoll: 1, intervalSeconds: 0.2 }] };

const server = usePgServer();
const dirs: string[] = [];
setLogSink(() => undefined);
afterAll(() => {
  setLogSink(null);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A renderer's side: keeps what it is sent, acks it, and counts the core's requests to say hello again. */
function renderer(core: Core) {
  const got: Array<{ position: number; id: string; type: string }> = [];
  const statuses: TeamStatus[] = [];
  let rehellos = 0;
  const conn = core.connect({
    send<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'teamStatus') statuses.push(payload as TeamStatus);
      if (event !== 'entries') return;
      const page = payload as LogPage;
      for (const { position, entry } of page.entries) got.push({ position, id: entry.id, type: entry.type });
      setTimeout(() => void conn.handle('ack', { position: page.entries[page.entries.length - 1]!.position }), 0);
    },
    rehello: () => void rehellos++,
  });
  const call = async <T>(command: string, payload: unknown): Promise<T> => {
    const r = await conn.handle(command, payload);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { got, statuses, call, rehellos: () => rehellos };
}

describe('joining the team while running', () => {
  it('backs off from 5 s to 60 s', () => {
    const waits: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 7; i++) waits.push((d = nextJoinDelay(d)));
    expect(waits).toEqual([5000, 10000, 20000, 40000, 60000, 60000, 60000]);
  });

  it('a database down at start and started later: joined without a restart, the solo run in the team log once', async () => {
    const url = await server.createDatabase();
    await server.pause();
    const dir = mkdtempSync(join(tmpdir(), 'earshot-join-'));
    dirs.push(dir);
    const core = seatCore(dir, 'ann', CONFIG, { team: { databaseUrl: url, agent: 'ann' }, joinRetryMs: { min: 300, max: 1000 } });
    try {
      await core.start();
      expect(core.team).toBeUndefined();
      expect(core.teamStatus()).toMatchObject({ state: 'solo' });
      expect(core.teamStatus().message).toMatch(/Could not join the team database, running solo: .*[^.][.] Trying again in 1 s\./);

      // Solo: the demo's mentions go to the journal; an agent takes one.
      const r = renderer(core);
      const solo = await r.call<CommandResponse<'hello'>>('hello', { position: 0 });
      expect(solo.teamStatus.state).toBe('solo');
      await expect.poll(() => r.got.filter((e) => e.type === 'mention').length, { timeout: 15_000 }).toBe(MENTIONS);
      const mentionIds = r.got.filter((e) => e.type === 'mention').map((e) => e.id);
      const take = { id: 'take-while-solo', type: 'assigned', at: new Date().toISOString(), mentionId: mentionIds[0]!.replace(/^mention:/, ''), agent: 'ann', take: true };
      const appended = await r.call<CommandResponse<'append'>>('append', { entries: [take] });
      expect(appended.results[0]).toMatchObject({ id: take.id, outcome: 'appended' });
      const soloPosition = Math.max(...r.got.map((e) => e.position), appended.results[0]!.position ?? 0);
      expect(r.rehellos()).toBe(0);

      // The database comes back: the seat joins by itself.
      await server.resume();
      await expect.poll(() => core.team !== undefined, { timeout: 30_000, interval: 100 }).toBe(true);
      expect(core.teamStatus().state).toBe('connected');
      expect(r.statuses.at(-1)?.state).toBe('connected');
      expect(r.rehellos()).toBe(1);
      expect(existsSync(join(dir, 'solo-while-team.json'))).toBe(false);

      // What the seat recorded solo is in the team log, each entry once.
      const reader = await PgLogStore.open({ databaseUrl: url, seat: 'reader' });
      const ids = (await reader.read(0, 10_000)).map((p) => p.entry.id);
      await reader.close();
      for (const id of [...mentionIds, take.id]) expect(ids.filter((x) => x === id), id).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length);

      // The renderer says hello again with what it has applied (the journal's position and id): the
      // positions of two logs do not compare, so the team log comes from 0, the solo run in it.
      r.got.length = 0;
      const again = await r.call<CommandResponse<'hello'>>('hello', { position: soloPosition, logId: solo.logId });
      expect(again.logId).not.toBe(solo.logId);
      expect(again.from).toBe(0);
      expect(again.teamStatus.state).toBe('connected');
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(ids.length);
      const delivered = r.got.map((e) => e.id);
      expect(new Set(delivered).size).toBe(delivered.length);
      for (const id of [...mentionIds, take.id]) expect(delivered).toContain(id);

      // An action now goes to the team log.
      const later = { ...take, id: 'resolve-after-join', type: 'resolved', at: new Date().toISOString() };
      const sent = await r.call<CommandResponse<'append'>>('append', { entries: [later] });
      expect(sent.results[0]).toMatchObject({ id: later.id, outcome: 'appended' });
      const check = await PgLogStore.open({ databaseUrl: url, seat: 'reader' });
      expect((await check.read(0, 10_000)).filter((p) => p.entry.id === later.id)).toHaveLength(1);
      await check.close();
    } finally {
      await core.stop();
    }
  }, 120_000);
});
