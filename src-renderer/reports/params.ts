/** What the lead picked: a time range and filters. Turned into a request for the report engine. */
import type { Channel } from '../../src-main/shared/mention';
import type { ReportRange } from './load';
import type { GroupBy } from '../../src-main/shared/sla/groups';

export const RANGES = [
  { key: '7d', label: 'Last 7 days', days: 7 },
  { key: '28d', label: 'Last 4 weeks', days: 28 },
  { key: '91d', label: 'Last quarter (13 weeks)', days: 91 },
  { key: '365d', label: 'Last 12 months', days: 365 },
  { key: 'all', label: 'All time', days: undefined },
  { key: 'custom', label: 'Custom dates…', days: undefined },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

export interface ReportParams {
  range: RangeKey;
  /** For `custom`: local dates "YYYY-MM-DD", `to` inclusive. */
  from?: string;
  to?: string;
  channel?: Channel;
  agent?: string;
  /** Compare these groups instead of the reach tiers (`fairness --by`); absent: tiers. */
  by?: GroupBy;
}

export const DEFAULT_PARAMS: ReportParams = { range: '28d' };

const DAY = 86_400_000;

function localMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

export function rangeOf(p: ReportParams, nowMs: number): ReportRange {
  const channels = p.channel ? [p.channel] : undefined;
  if (p.range === 'custom') {
    return {
      fromMs: p.from ? localMidnight(p.from) : undefined,
      toMs: p.to ? localMidnight(p.to) + DAY : undefined,
      channels,
    };
  }
  const days = RANGES.find((r) => r.key === p.range)?.days;
  return { fromMs: days === undefined ? undefined : nowMs - days * DAY, channels };
}

/** "Last 4 weeks", "1 Nov 2026 to 30 Nov 2026", "All time", with the filters: for headings and file names. */
export function describeParams(p: ReportParams): string {
  const range = p.range === 'custom' ? `${p.from ?? 'the beginning'} to ${p.to ?? 'today'}` : RANGES.find((r) => r.key === p.range)!.label;
  const filters = [p.channel ? `channel ${p.channel}` : '', p.agent ? `agent ${p.agent}` : ''].filter(Boolean);
  return filters.length ? `${range}, ${filters.join(', ')}` : range;
}
