/**
 * `fairness --team URL` gives the same figures from the team database as `--input` gives from the
 * export: the hand-computed scenario, appended from three seats, read back in log order.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, usePgServer } from '../../helpers/pg-server';
import { runCli } from '../../helpers/cli';
import { PgLogStore } from '../../../src-main/log/pg-log';
import { readTeamEventLog } from '../../../src-main/team/read-team-log';

const run = (command: 'fairness' | 'voc', ...args: string[]) => runCli(command, args);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = join(ROOT, 'tests/fixtures-local/fairness');
const NOW = '2026-12-09T12:00:00Z';

const server = usePgServer();

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run('fairness', ...args);
}


describe('fairness --team', () => {
  it('reports the scenario appended from three seats exactly as --input reports the export', async () => {
    const url = await server.createDatabase();
    const lines = readFileSync(join(DIR, 'scenario.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
    const seats = await Promise.all(['ana', 'ben', 'cy'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    for (const [i, line] of lines.entries()) {
      const event = JSON.parse(line) as { type: string; at: string };
      await seats[i % 3]?.append([{ id: `e${i}`, ...event }]);
      // Entries that are not part of the export (a saved reply, say) are left out of it.
      if (i % 7 === 0) await seats[(i + 1) % 3]?.append([{ id: `s${i}`, type: 'saved-reply', at: event.at, text: 'Thanks!' }]);
    }
    await Promise.all(seats.map((s) => s.close()));

    const exported = await readTeamEventLog(url);
    expect(exported.map((l) => JSON.parse(l) as unknown)).toEqual(lines.map((l) => JSON.parse(l) as unknown));

    const r = await cli('--team', url, '--policy', join(DIR, 'scenario-policy.json'), '--now', NOW);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(DIR, 'scenario.expected.json'), 'utf8')));
  }, 120_000);

  it('voc --team gives the same report from the team log as voc --input from the export', async () => {
    const url = await server.createDatabase();
    const file = join(ROOT, 'tests/fixtures-local/voc/scenario.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
    const seats = await Promise.all(['ana', 'ben'].map((seat) => PgLogStore.open({ databaseUrl: url, seat })));
    for (const [i, line] of lines.entries()) await seats[i % 2]?.append([{ id: `v${i}`, ...(JSON.parse(line) as { type: string; at: string }) }]);
    await Promise.all(seats.map((s) => s.close()));
    const period = ['--from', '2026-11-16', '--to', '2026-11-30T00:00:00Z'];
    const [fromTeam, fromFile] = await Promise.all([run('voc', '--team', url, ...period), run('voc', '--input', file, ...period)]);
    expect(fromTeam.stderr).toBe('');
    expect(fromTeam.code).toBe(0);
    expect(JSON.parse(fromTeam.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(fromFile.code).toBe(0);
    expect(fromTeam.stdout.length).toBeGreaterThan(500); // a real report, not two empty ones
  }, 120_000);

  it('a database nobody answers at: exit 1 and a clear message; --input with --team: exit 2', async () => {
    const port = await freePort();
    const r = await cli('--team', `postgres://u:pw@127.0.0.1:${port}/earshot`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`earshot fairness: Nothing answers at 127.0.0.1:${port}: the team database is down or the URL's host or port is wrong\n`);
    const both = await cli('--team', 'postgres://h/db', '--input', 'x.jsonl');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give --input FILE or --team URL, not both/);
  }, 120_000);
});
