/**
 * A seat killed with SIGKILL in the middle of appending loses nothing it had acknowledged (an append
 * resolves only once committed), ten times over; and nothing half-written: the log stays gapless.
 */
import { describe, expect, it } from 'vitest';
import { usePgServer } from '../../helpers/pg-server';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { spawnSeat } from './children/spawn';

const server = usePgServer();

describe('SIGKILL of an appending seat', () => {
  it('x10: every acknowledged entry is in the log exactly once, positions without gaps', async () => {
    const url = await server.createDatabase();
    const reader = await PgLogStore.open({ databaseUrl: url, seat: 'reader' });
    const acked = new Set<string>();
    for (let round = 0; round < 10; round++) {
      const child = spawnSeat(['append', url, `r${round}`]);
      // Kill at a different moment each round, mid-stream.
      const target = 20 + round * 7;
      await child.waitFor((l) => l.filter((x) => x.startsWith('ack ')).length >= target, 60_000);
      await child.kill();
      for (const l of child.lines) if (l.startsWith('ack ')) acked.add(l.split(' ')[1] as string);
    }
    const all = await reader.read(0, 100_000);
    const ids = all.map((p) => p.entry.id);
    expect(all.map((p) => p.position)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    const missing = [...acked].filter((id) => !ids.includes(id));
    expect(missing).toEqual([]);
    // Batches are all-or-nothing: a killed batch is either wholly there or wholly absent.
    const batches = new Map<string, number>();
    for (const id of ids) {
      const b = id.slice(0, id.lastIndexOf('-'));
      batches.set(b, (batches.get(b) ?? 0) + 1);
    }
    expect([...batches.values()].every((n) => n === 5)).toBe(true);
    await reader.close();
  }, 180_000);
});
