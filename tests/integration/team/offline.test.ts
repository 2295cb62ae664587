/**
 * Losing the team database is a health state, not lost work: entries submitted while it is gone
 * wait in the seat's local journal (status `offline` with the count), go up once each when it is
 * back (status `connected`, 0 waiting), and survive the seat being killed while offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgServer, type PgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { Uplink } from '../../../src-main/team/uplink';
import { setLogSink } from '../../../src-main/core/log';
import type { TeamStatus } from '../../../src-main/shared/team';
import { spawnSeat } from './children/spawn';

let server: PgServer;
const dirs: string[] = [];
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startPgServer();
}, 60_000);
afterAll(async () => {
  setLogSink(null);
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'earshot-seat-'));
  dirs.push(d);
  return d;
}

const note = (id: string): { id: string; type: string; at: string; text: string } => ({ id, type: 'noted', at: new Date().toISOString(), text: id });

describe('offline', () => {
  it('entries wait while the database is gone and go up once each when it is back', async () => {
    const url = await server.createDatabase();
    const store = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    const uplink = new Uplink({ log: store, dataDir: tempDir(), minBackoffMs: 200, maxBackoffMs: 500 });
    await uplink.start();
    const states: TeamStatus[] = [];
    uplink.onStatus((s) => states.push(s));
    store.onConnection((up) => uplink.connection(up));

    expect(await uplink.submit([note('before')])).toMatchObject({ state: 'appended' });
    await server.pause();
    const r1 = await uplink.submit([note('off-1'), note('off-2')]);
    expect(r1).toEqual({ state: 'queued', waiting: 2 });
    expect(await uplink.submit([note('off-3')])).toEqual({ state: 'queued', waiting: 3 });
    expect(uplink.get()).toMatchObject({ state: 'offline', waiting: 3 });
    expect(uplink.get().message).toMatch(/team database|Nothing answers|Lost/);

    await server.resume();
    await expect.poll(() => uplink.get(), { timeout: 30_000 }).toEqual({ state: 'connected', waiting: 0 });
    const ids = (await store.read(0, 100)).map((p) => p.entry.id);
    expect(ids).toEqual(['before', 'off-1', 'off-2', 'off-3']);
    expect(states.some((s) => s.state === 'offline' && s.waiting === 3)).toBe(true);
    await uplink.stop();
    await store.close();
  }, 90_000);

  it('a seat killed with SIGKILL while offline loses nothing: its waiting entries go up when it starts again', async () => {
    const url = await server.createDatabase();
    const dataDir = tempDir();
    const child = spawnSeat(['submit', url, 'k', dataDir]);
    await child.waitFor((l) => l.filter((x) => x.endsWith(' appended')).length >= 10);
    await server.pause();
    await child.waitFor((l) => l.filter((x) => x.endsWith(' queued')).length >= 25);
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')[1] as string);
    await server.resume();

    const store = await PgLogStore.open({ databaseUrl: url, seat: 'restarted' });
    const uplink = new Uplink({ log: store, dataDir });
    await uplink.start();
    expect(uplink.get()).toEqual({ state: 'connected', waiting: 0 });
    const ids = (await store.read(0, 100_000)).map((p) => p.entry.id);
    expect(acked.filter((id) => !ids.includes(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    await uplink.stop();
    await store.close();
  }, 120_000);
});
