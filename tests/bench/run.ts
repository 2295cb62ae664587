/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command line)
 * and writes each one's figures to tests/bench/results/<name>.json. Benchmarks measure; they do not
 * pass or fail. Build first (`npm run build`): browser benchmarks use the built UI. At the end it
 * prints issue 11's table (table.ts): each target's figure now, its limit and the ratio.
 */
import { readdirSync, writeFileSync, mkdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTable, printTable } from './table';
import { machineNow } from './machine';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, 'results');
mkdirSync(results, { recursive: true });

/**
 * Why the built UI cannot be measured, if it cannot: missing, older than a source file under
 * src-renderer or src-main, or built unminified (EARSHOT_NO_MINIFY=1, for reading profiles). A
 * stale or unminified build was once benchmarked by mistake, and its figures looked like the code's.
 */
function builtUiProblem(root: string): string | undefined {
  const index = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return 'there is no built UI';
  const builtAt = statSync(index).mtimeMs;
  const newer = (dir: string): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const found = e.isDirectory() ? newer(p) : statSync(p).mtimeMs > builtAt ? p : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const changed = newer(join(root, 'src-renderer')) ?? newer(join(root, 'src-main'));
  if (changed) return `${changed} changed after the UI was built`;
  const assets = join(root, 'out', 'renderer', 'assets');
  const script = readdirSync(assets).find((f) => /^index-.*\.js$/.test(f));
  if (script && readFileSync(join(assets, script), 'utf8').split('\n').length > 5_000) return 'the UI was built unminified (EARSHOT_NO_MINIFY=1)';
  return undefined;
}

const problem = builtUiProblem(join(here, '..', '..'));
if (problem) {
  process.stderr.write(`bench: ${problem}; run \`npm run build\` first (the browser benchmarks measure the built UI)\n`);
  process.exit(2);
}

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
    // Before the benchmark starts anything: the machine as the benchmark found it (machine.ts).
    const machine = machineNow();
    process.stderr.write(`bench: ${name}: memory never used before, ${machine.freshMemoryMsPerMb} ms a MB to touch; load ${machine.load1m}\n`);
    const figures = await mod.run();
    const out = { bench: name, at: new Date().toISOString(), node: process.version, machine, ...figures };
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
