/**
 * One poller per source: of three seats with the same sources exactly one holds each lease; when
 * the holder is killed with SIGKILL another seat takes its sources over (well inside 60 s; the test
 * uses a 500 ms retry), continuing from the cursor the dead seat left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgServer, type PgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { LeaseManager } from '../../../src-main/team/leases';
import { parseDatabaseUrl, createPool } from '../../../src-main/team/pg-connect';
import { PgCursorStore } from '../../../src-main/team/pg-cursors';
import { setLogSink } from '../../../src-main/core/log';
import { spawnSeat } from './children/spawn';

let server: PgServer;
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startPgServer();
}, 60_000);
afterAll(async () => {
  setLogSink(null);
  await server?.stop();
});

const SOURCES = ['acme-mentions', 'acme-search', 'appstore-us'];

async function migrated(): Promise<string> {
  const url = await server.createDatabase();
  await (await PgLogStore.open({ databaseUrl: url, seat: 'setup' })).close();
  return url;
}

describe('source leases', () => {
  it('three seats with the same sources: exactly one holds each; a stopped holder is replaced', async () => {
    const url = await migrated();
    const db = parseDatabaseUrl(url);
    const seats = ['a', 'b', 'c'].map((seat) => new LeaseManager({ db, seat, sourceIds: SOURCES, retryMs: 300 }));
    await Promise.all(seats.map((s) => s.start()));
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of SOURCES) expect(seats.filter((s) => s.holds(id))).toHaveLength(1);
    const holder = seats.find((s) => s.holds('acme-mentions')) as LeaseManager;
    await holder.stop();
    const rest = seats.filter((s) => s !== holder);
    // Every source the holder had is taken over, each by one seat (a seat takes them one by one on
    // its retry ticks, so one may be taken a tick before another: wait for all, never two holders).
    let most = 0;
    const holders = (): number[] => {
      const h = SOURCES.map((id) => rest.filter((s) => s.holds(id)).length);
      most = Math.max(most, ...h);
      return h;
    };
    await expect.poll(holders, { timeout: 5000 }).toEqual([1, 1, 1]);
    expect(most).toBe(1);
    await Promise.all(rest.map((s) => s.stop()));
  }, 60_000);

  it('a holder killed with SIGKILL: its sources are taken over within 60 s, from its last cursor', async () => {
    const url = await migrated();
    const db = parseDatabaseUrl(url);
    const child = spawnSeat(['lease', url, SOURCES.join(','), '500']);
    await child.waitFor((l) => SOURCES.every((id) => l.includes(`acquired ${id}`)), 60_000);
    // The dead seat's last cursor, written under its lease epoch.
    const pool = createPool(db);
    const epoch = Number((await pool.query<{ epoch: string }>(`SELECT epoch FROM earshot.source_lease WHERE source_id = 'acme-mentions'`)).rows[0]?.epoch);
    const childCursors = await PgCursorStore.open(pool, 'earshot', { epochOf: () => epoch });
    await childCursors.set('acme-mentions', { sinceId: '1860000000000000105', etag: 'W/"abc"' });

    const acquired: Array<{ seat: string; id: string; at: number }> = [];
    const cursorsSeen: unknown[] = [];
    const seats = ['b', 'c'].map((seat) => {
      const ref: { m?: LeaseManager } = {};
      const cursorsP = PgCursorStore.open(pool, 'earshot', { epochOf: (id) => ref.m?.epochOf(id) });
      ref.m = new LeaseManager({
        db,
        seat,
        sourceIds: SOURCES,
        retryMs: 500,
        async onAcquired(id) {
          const cursors = await cursorsP;
          await cursors.refresh(id);
          if (id === 'acme-mentions') cursorsSeen.push(cursors.get(id));
          acquired.push({ seat, id, at: Date.now() });
        },
      });
      return ref.m;
    });
    await Promise.all(seats.map((s) => s.start()));
    await new Promise((r) => setTimeout(r, 1200));
    expect(acquired).toEqual([]); // the child holds them all

    const killedAt = Date.now();
    await child.kill();
    await expect.poll(() => SOURCES.every((id) => seats.filter((s) => s.holds(id)).length === 1), { timeout: 60_000, interval: 100 }).toBe(true);
    const takeoverMs = Math.max(...acquired.map((a) => a.at)) - killedAt;
    expect(takeoverMs).toBeLessThan(60_000);
    expect(acquired.filter((a) => a.id === 'acme-mentions')).toHaveLength(1);
    expect(cursorsSeen).toEqual([{ sinceId: '1860000000000000105', etag: 'W/"abc"' }]);

    // The dead seat's late write (an older epoch) cannot move the cursor back.
    await childCursors.set('acme-mentions', { sinceId: '1' });
    const fresh = await PgCursorStore.open(pool, 'earshot');
    expect(fresh.get('acme-mentions')).toEqual({ sinceId: '1860000000000000105', etag: 'W/"abc"' });
    await Promise.all(seats.map((s) => s.stop()));
    await pool.end();
  }, 120_000);
});
