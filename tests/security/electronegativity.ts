/**
 * `npm run lint:electron`: runs @doyensec/electronegativity over the Electron layer (main, preload,
 * window, protocol handler) and the page it loads, offline (the Electron version is pinned and the
 * one check that downloads Electron's release list is left out), and fails on any finding of
 * MEDIUM severity or higher that electronegativity-allowlist.json does not list with its reason.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ELECTRON_VERSION = '45.0.0';
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

interface Allowed {
  issue: string;
  file: string;
  sample?: string;
  reason: string;
}
interface Finding {
  issue: string;
  severity: string;
  file: string;
  location: string;
  sample: string;
}

/** One CSV line of electronegativity's report: quoted fields may hold commas. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    }
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export function parseReport(csv: string): Finding[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map(fields)
    .map(([issue, severity, , file, location, sample]) => ({ issue: issue!, severity: severity!, file: file!, location: location!, sample: sample! }));
}

function main(): number {
  const work = mkdtempSync(join(tmpdir(), 'earshot-electronegativity-'));
  try {
    const input = join(work, 'app');
    cpSync(join(root, 'src-main', 'electron'), input, { recursive: true });
    cpSync(join(root, 'src-renderer', 'index.html'), join(input, 'index.html'));
    const report = join(work, 'report.csv');
    const bin = join(root, 'node_modules', '.bin', 'electronegativity');
    const run = spawnSync(bin, ['-i', input, '-e', ELECTRON_VERSION, '-r', '-v', 'false', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (run.status !== 0) {
      process.stderr.write(`electronegativity failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}\n`);
      return 1;
    }
    const findings = parseReport(readFileSync(report, 'utf8')).filter((f) => SEVERE.has(f.severity));
    const allow = JSON.parse(readFileSync(join(root, 'tests', 'security', 'electronegativity-allowlist.json'), 'utf8')) as { findings: Allowed[] };
    const listed = (f: Finding): Allowed | undefined =>
      allow.findings.find((a) => a.issue === f.issue && a.file === f.file && (a.sample === undefined || f.sample.includes(a.sample)) && a.reason.trim().length > 20);
    const unlisted = findings.filter((f) => !listed(f));
    for (const f of findings) process.stdout.write(`${listed(f) ? 'allowed ' : 'FINDING '} ${f.severity} ${f.issue} ${f.file}:${f.location} ${f.sample}\n`);
    process.stdout.write(`electronegativity (Electron ${ELECTRON_VERSION}): ${findings.length} medium+ finding(s), ${unlisted.length} not in the allowlist\n`);
    return unlisted.length ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
