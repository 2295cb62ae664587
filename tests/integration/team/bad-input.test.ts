/**
 * Bad input to team mode: each case gives a clear message and loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freePort, startPgServer, type PgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { LATEST_VERSION } from '../../../src-main/team/migrate';
import { parseDatabaseUrl } from '../../../src-main/team/pg-connect';
import { setLogSink } from '../../../src-main/core/log';

let server: PgServer;
beforeAll(async () => {
  setLogSink(() => undefined);
  server = await startPgServer();
}, 60_000);
afterAll(async () => {
  setLogSink(null);
  await server?.stop();
});

const note = (id: string): { id: string; type: string; at: string } => ({ id, type: 'noted', at: '2026-11-20T14:00:00.000Z' });

describe('team database: bad input', () => {
  it('a URL that is not a postgres URL, or a bad sslmode, is refused before connecting', () => {
    expect(() => parseDatabaseUrl('db.example.com 5432 earshot')).toThrow(/not a URL; it looks like postgres:\/\//);
    expect(() => parseDatabaseUrl('mysql://u:p@h/db')).toThrow(/must start with postgres:\/\//);
    expect(() => parseDatabaseUrl('postgres://u:p@h/db?sslmode=sometimes')).toThrow(/sslmode=sometimes .* is not one of/);
    expect(() => parseDatabaseUrl('postgres://u:p@h/db', 'Bad-Schema')).toThrow(/not usable as Earshot's schema name/);
  });

  it('sslmode in the URL sets TLS the way libpq means it', () => {
    expect(parseDatabaseUrl('postgres://u:p@h/db').config.ssl).toBe(false);
    expect(parseDatabaseUrl('postgres://u:p@h/db?sslmode=require').config.ssl).toEqual({ rejectUnauthorized: false });
    expect(parseDatabaseUrl('postgres://u:p@h/db?sslmode=verify-full').config.ssl).toMatchObject({ rejectUnauthorized: true });
  });

  it('nobody listening at the URL: says so and names host and port, without the password', async () => {
    const port = await freePort();
    const err = await PgLogStore.open({ databaseUrl: `postgres://postgres:s3cret-pw@127.0.0.1:${port}/earshot`, seat: 'a' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(`Nothing answers at 127.0.0.1:${port}: the team database is down or the URL's host or port is wrong`);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('a wrong password: says which user was refused', async () => {
    const url = (await server.createDatabase()).replace('earshot-test', 'wrong-password');
    const err = await PgLogStore.open({ databaseUrl: url, seat: 'a' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/refused the password for user "postgres": check the URL's password/);
    expect((err as Error).message).not.toContain('wrong-password');
  });

  it('a database that does not exist: says so', async () => {
    const url = (await server.createDatabase()).replace(/\/[^/]+$/, '/nope');
    await expect(PgLogStore.open({ databaseUrl: url, seat: 'a' })).rejects.toThrow(/There is no database at 127\.0\.0\.1:\d+\/nope/);
  });

  it('a database of a newer schema version is refused and left unchanged', async () => {
    const url = await server.createDatabase();
    const a = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    await a.append([note('kept')]);
    await a.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('UPDATE earshot.schema_version SET version = $1', [LATEST_VERSION + 5]);
    await expect(PgLogStore.open({ databaseUrl: url, seat: 'b' })).rejects.toThrow(
      new RegExp(`has Earshot schema version ${LATEST_VERSION + 5}, newer than this Earshot understands \\(${LATEST_VERSION}\\).*update Earshot on this seat. Nothing was changed`),
    );
    expect((await c.query('SELECT version FROM earshot.schema_version')).rows[0]).toEqual({ version: LATEST_VERSION + 5 });
    expect((await c.query('SELECT id FROM earshot.log')).rows).toEqual([{ id: 'kept' }]);
    await c.end();
  });

  it('migrating twice (two seats starting) is harmless', async () => {
    const url = await server.createDatabase();
    const seats = await Promise.all(['a', 'b', 'c'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    await seats[0]?.append([note('one')]);
    expect(await seats[2]?.head()).toBe(1);
    await Promise.all(seats.map((s) => s.close()));
  });

  it('an entry failing validation: the batch is refused naming the entry and field, nothing appended', async () => {
    const url = await server.createDatabase();
    const a = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    const bad = [note('ok-1'), { id: 'bad', type: 'noted', at: 'yesterday' }, note('ok-2')];
    await expect(a.append(bad)).rejects.toThrow(/Log entry 2 of 3 \(id bad\) is not valid \(at: .*\); nothing of this batch was appended/);
    await expect(a.append([{ type: 'noted', at: '2026-11-20T14:00:00.000Z' } as unknown as ReturnType<typeof note>])).rejects.toThrow(/Log entry 1 of 1 is not valid \(id: /);
    expect(await a.head()).toBe(0);
    await a.append([note('ok-1')]);
    expect(await a.head()).toBe(1);
    await a.close();
  });

  it('connections dropped mid-append (pg_terminate_backend): the append completes once or fails clearly, nothing half-written', async () => {
    const url = await server.createDatabase();
    const a = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    const dbName = url.slice(url.lastIndexOf('/') + 1);
    let stop = false;
    // Terminate every other session of this database, again and again, while appends run.
    const killer = (async () => {
      while (!stop) {
        await server.admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`, [dbName]);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const acked: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < 60; i++) {
      const batch = [note(`t${i}-a`), note(`t${i}-b`), note(`t${i}-c`)];
      try {
        await a.append(batch);
        acked.push(...batch.map((b) => b.id));
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    stop = true;
    await killer;
    for (const f of failures) expect(f).toMatch(/team database .*nothing of this batch was appended|Lost the team database|Nothing answers/);
    const rows = await a.read(0, 10_000);
    const ids = rows.map((r) => r.entry.id);
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of acked) expect(ids).toContain(id);
    // All-or-nothing per batch.
    const perBatch = new Map<string, number>();
    for (const id of ids) perBatch.set(id.split('-')[0] as string, (perBatch.get(id.split('-')[0] as string) ?? 0) + 1);
    expect([...perBatch.values()].every((n) => n === 3)).toBe(true);
    expect(acked.length).toBeGreaterThan(0);
    await a.close();
  }, 60_000);
});
