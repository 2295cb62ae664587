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

export function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}
