/** Words and numbers of the Voice of the customer screen. */
export const SENTIMENT_ROWS = [
  { key: 'negative', label: 'negative' },
  { key: 'neutral', label: 'neutral' },
  { key: 'positive', label: 'positive' },
  { key: 'unjudged', label: 'not judged' },
] as const;

export const weekLabel = (start: string): string => new Date(`${start}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)}%`);
export const int = (x: number): string => x.toLocaleString('en-GB');
/** The change against the previous period: a percentage, or a multiple once it has grown tenfold ("+29900%" reads as noise; "×300" does not). */
export function change(x: number | null, before: number): string {
  if (x === null) return before === 0 ? 'new' : '–';
  if (x >= 9) return `×${Math.round(x + 1)}`;
  const p = Math.round(x * 100);
  return `${p > 0 ? '+' : ''}${p}%`;
}
export function minutes(x: number | null): string {
  if (x === null) return '–';
  if (x < 90) return `${Math.round(x)} min`;
  const h = x / 60;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
}
