/**
 * Log positions become visible in order even when appending transactions commit out of order.
 * The same scenario runs twice: against a naive bigserial table read by "position > last" (which
 * skips a late commit: the defect the design guards against) and against PgLogStore's append
 * (which serialises appends, so the reader sees every position).
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { usePgServer } from '../../helpers/pg-server';
import { appendInTransaction, PgLogStore, prepareEntries } from '../../../src-main/log/pg-log';

const server = usePgServer();

const TXNS = 12;
/** A fixed shuffle in which later-numbered transactions commit first: a reader by position sees a gap. */
const COMMIT_ORDER = [5, 11, 0, 7, 2, 9, 1, 10, 3, 8, 6, 4];

interface Scenario {
  /** Opens the transaction and writes one row, returning once the row is written (or its write is queued). */
  begin(client: pg.Client, i: number): Promise<void>;
  /** The reader: rows with position > after. */
  readAfter(client: pg.Client, after: number): Promise<number[]>;
}

/**
 * Opens TXNS concurrent appending transactions, commits them in COMMIT_ORDER with pauses while a
 * reader tails by position, and returns the positions the reader saw and those that exist.
 */
async function runScenario(url: string, sc: Scenario): Promise<{ seen: number[]; all: number[] }> {
  const clients = await Promise.all(
    Array.from({ length: TXNS }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  const seen: number[] = [];
  let last = 0;
  let stop = false;
  const tail = (async () => {
    while (!stop) {
      const rows = await sc.readAfter(reader, last);
      for (const p of rows) {
        seen.push(p);
        last = Math.max(last, p);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  // Each transaction's write: for the serialised log most of them block on the counter lock.
  const writes = clients.map((c, i) => sc.begin(c, i));
  await new Promise((r) => setTimeout(r, 100));
  const commits: Promise<unknown>[] = [];
  for (const i of COMMIT_ORDER) {
    // A transaction's COMMIT goes once its write has returned (a client runs one statement at a
    // time); one that waits on the append lock commits when it gets it, whatever this order says.
    const c = clients[i] as pg.Client;
    commits.push((writes[i] as Promise<void>).then(() => c.query('COMMIT')));
    await new Promise((r) => setTimeout(r, 30));
  }
  await Promise.all([...writes, ...commits]);
  await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await tail;
  const tailAgain = await sc.readAfter(reader, 0);
  await Promise.all([...clients, reader].map((c) => c.end()));
  return { seen, all: tailAgain };
}

describe('log positions become visible in order', () => {
  it('a naive bigserial table read by position skips a transaction that commits late (the defect)', async () => {
    const url = await server.createDatabase();
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query('CREATE TABLE naive (position bigserial PRIMARY KEY, id text)');
    await setup.end();
    const { seen, all } = await runScenario(url, {
      async begin(c, i) {
        await c.query('BEGIN');
        await c.query('INSERT INTO naive (id) VALUES ($1)', [`e${i}`]);
      },
      async readAfter(c, after) {
        return (await c.query<{ position: string }>('SELECT position FROM naive WHERE position > $1 ORDER BY position', [after])).rows.map((r) => Number(r.position));
      },
    });
    expect(all).toHaveLength(TXNS);
    const skipped = all.filter((p) => !seen.includes(p));
    // The reader moved past positions whose transactions had not committed yet, and never saw them.
    expect(skipped.length).toBeGreaterThan(0);
  });

  it('PgLogStore appends: a reader tailing by position never skips one, whatever the commit order', async () => {
    const url = await server.createDatabase();
    const store = await PgLogStore.open({ databaseUrl: url, seat: 'setup' });
    await store.close();
    const { seen, all } = await runScenario(url, {
      async begin(c, i) {
        await c.query('BEGIN');
        await appendInTransaction(c, 'earshot', `seat${i}`, prepareEntries([{ id: `e${i}`, type: 'note', at: new Date().toISOString() }]));
      },
      async readAfter(c, after) {
        return (await c.query<{ position: string }>('SELECT position FROM earshot.log WHERE position > $1 ORDER BY position', [after])).rows.map((r) => Number(r.position));
      },
    });
    expect(all).toEqual(Array.from({ length: TXNS }, (_, i) => i + 1));
    expect(seen).toEqual(all);
  });
});
