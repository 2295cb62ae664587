/**
 * What the report exports: CSV for spreadsheets, the report JSON exactly as `npm run fairness`
 * prints it, the event log as JSON lines, and the policy versions as a `--policy` file, with the
 * command that reproduces the figures from them.
 */
import { REACH_TIERS } from '../../src-main/shared/mention';
import type { FairnessReport, GroupStats } from '../../src-main/shared/sla/fairness';
import type { PolicyInput } from './compute';
import { csvField } from '../customers/csv';

/** A text cell for a spreadsheet: quoted when needed, and never read as a formula (csvField). */
function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? csvField(v) : String(v);
}

const row = (...cells: Array<string | number | boolean | null | undefined>): string => cells.map(cell).join(',');

const GROUP_COLUMNS = ['mentions', 'answered', 'unansweredPastDue', 'medianFirstResponseMinutes', 'p90FirstResponseMinutes', 'breachRate', 'skips'] as const;

export function reportCsv(r: FairnessReport, what: string): string {
  const lines = [
    row('Earshot fairness report', what),
    row('as of', r.now),
    row('sentence', r.sentence),
    row('fairness ratio', r.fairnessRatio, 'ci90 low', r.fairnessRatioCI90?.[0], 'ci90 high', r.fairnessRatioCI90?.[1]),
    row('limit', r.fairnessRatioLimit, 'warning', r.warning, 'slowest tier', r.slowestTier, 'fastest tier', r.fastestTier),
    '',
    row('group', 'name', ...GROUP_COLUMNS, 'promise'),
  ];
  const add = (group: string, name: string, s: GroupStats, promise?: string): void => {
    lines.push(row(group, name, ...GROUP_COLUMNS.map((k) => s[k]), promise));
  };
  for (const t of REACH_TIERS) add('tier', t, r.tiers[t]);
  for (const [c, s] of Object.entries(r.byChannel)) if (s) add('channel', c, s, s.promise);
  for (const [a, s] of Object.entries(r.byAgent)) add('agent', a, s);
  lines.push('', row('policy from', 'name', 'mentions', 'first response minutes', 'business hours', 'time zone'));
  for (const p of r.policies) lines.push(row(p.from ?? 'default', p.policy.name, p.mentions, p.policy.firstResponseMinutes, p.policy.businessHours ? 'yes' : 'around the clock', p.policy.timezone));
  return lines.join('\r\n') + '\r\n';
}

/** Byte for byte what `npm run --silent fairness` prints for the same log, policies and --now. */
export function reportJson(r: FairnessReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** The saved versions as a `--policy` file; undefined while only the default applies. */
export function policiesJson(p: PolicyInput): string | undefined {
  return p.changes.length ? `${JSON.stringify(p.changes, null, 2)}\n` : undefined;
}

export function checkCommand(files: { log: string; policies?: string }, nowIso: string): string {
  return `npm run --silent fairness -- --input ${files.log}${files.policies ? ` --policy ${files.policies}` : ''} --now ${nowIso}`;
}

/** Saves text as a file through the browser's own download (no file system access needed). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "earshot-fairness-2026-11-23" */
export function fileStem(kind: string, nowIso: string): string {
  return `earshot-${kind}-${nowIso.slice(0, 10)}`;
}
