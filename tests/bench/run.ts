/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command line)
 * and writes each one's figures to tests/bench/results/<name>.json. Benchmarks measure; they do not
 * pass or fail. Build first (`npm run build`): browser benchmarks use the built UI. At the end it
 * prints issue 11's table (table.ts): each target's figure now, its limit and the ratio.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTable, printTable } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, 'results');
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  const name = basename(f, '.bench.ts');
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { run: () => Promise<Record<string, unknown>> };
    const figures = await mod.run();
    const out = { bench: name, at: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, ...figures };
    writeFileSync(join(results, `${name}.json`), JSON.stringify(out, null, 2) + '\n');
    process.stdout.write(`${name}: ${JSON.stringify(figures)}\n`);
  } catch (e) {
    failed++;
    process.stderr.write(`bench: ${name} failed: ${(e as Error).stack}\n`);
  }
}
// Issue 11's table from the latest result of every benchmark (those not run this time keep their last figures).
const table = buildTable(results);
writeFileSync(join(results, 'table.json'), JSON.stringify({ at: new Date().toISOString(), rows: table }, null, 2) + '\n');
process.stdout.write(`\nwhat${' '.repeat(84)}          now /     limit / ratio (ok: the target met)\n${printTable(table)}\n`);
process.exit(failed ? 1 : 0);
