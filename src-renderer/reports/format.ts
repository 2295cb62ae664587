/** How the report writes numbers: minutes as a person would say them, rates as percentages. */

/** 42 -> "42 min", 95 -> "1 h 35 min", 1440 -> "24 h", 4320 -> "3 d". Fractions round to the minute. */
export function formatMinutes(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  const v = Math.round(m);
  if (v < 60) return `${v} min`;
  if (v < 48 * 60) {
    const h = Math.floor(v / 60);
    const r = v % 60;
    return r ? `${h} h ${String(r).padStart(2, '0')} min` : `${h} h`;
  }
  const d = Math.floor(v / 1440);
  const h = Math.round((v % 1440) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}

export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const p = rate * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

// One formatter for every call: toLocaleString with a locale sets one up each time (the report's
// tables and charts write hundreds of numbers and dates per report).
const INT = new Intl.NumberFormat('en-US');
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** 93048 -> "93,048" (as toLocaleString('en-US')). */
export function formatInt(n: number): string {
  return INT.format(n);
}

/** 1 -> "1 mention", 1099 -> "1,099 mentions". */
export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/** An instant's UTC day and month, "6 Jan" (as toLocaleDateString('en-GB', day numeric, month short, UTC)). */
export function formatDayMonth(iso: string): string {
  return DAY_MONTH.format(new Date(iso));
}
