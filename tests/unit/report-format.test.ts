/** The report's shared number and date formatters write exactly what toLocaleString wrote before them. */
import { describe, it, expect } from 'vitest';
import { formatDayMonth, formatInt } from '../../src-renderer/reports/format';

describe('report formatters', () => {
  it.each([0, 7, 999, 1000, 93048, 1234567, -4200])('formatInt(%d) as toLocaleString en-US', (n) => {
    expect(formatInt(n)).toBe(n.toLocaleString('en-US'));
  });
  it.each(['2026-01-05T00:00:00.000Z', '2026-11-29T23:00:00.000Z', '2025-12-28T23:30:00.000Z', '2024-02-29T12:00:00.000Z'])('formatDayMonth(%s) as the weekly chart wrote it', (iso) => {
    expect(formatDayMonth(iso)).toBe(new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }));
  });
  it('formats as a person reads them', () => {
    expect(formatInt(93048)).toBe('93,048');
    expect(formatDayMonth('2026-01-05T00:00:00.000Z')).toBe('5 Jan');
  });
});
