/**
 * Issue 10 item 6: every CSV writer neutralises a cell a spreadsheet would run as a formula, the way
 * OWASP recommends: a leading single quote, and the cell quoted. Covers the inbox export (through
 * csvField/toCsv), the fairness report's CSV and a mention row as the inbox export writes it.
 */
import { describe, it, expect } from 'vitest';
import { csvField, toCsv, parseCsv } from '../../src-renderer/customers/csv';
import { csvRow } from '../../src-renderer/inbox/export';
import { reportCsv } from '../../src-renderer/reports/exports';
import { computeFairness } from '../../src-main/shared/sla/fairness';
import type { MentionRecord } from '../../src-renderer/db/schema';

const HOSTILE = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '@acme',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://evil.example","click")',
  '-2+3+cmd|\' /C calc\'!E2',
];

describe('CSV formula injection (OWASP)', () => {
  it.each(HOSTILE)('csvField neutralises %j: quote, then a leading apostrophe', (v) => {
    const out = csvField(v);
    expect(out.startsWith(`"'`)).toBe(true);
    expect(parseCsv(`${out}\r\n`)[0]).toEqual([`'${v}`]);
  });

  it('leaves plain numbers and ordinary text alone', () => {
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('thanks @acme')).toBe('thanks @acme');
  });

  it('the inbox export writes a hostile author, handle and text as data', () => {
    const m = {
      id: 'x:1',
      channel: 'x',
      sourceId: 's',
      createdAt: '2026-01-01T00:00:00.000Z',
      author: { name: '=cmd|\' /C calc\'!A0', handle: '@SUM(1)' },
      reach: { tier: 'everyday', score: 1 },
      status: 'open',
      tags: [],
      text: '+1+1',
    } as unknown as MentionRecord;
    const cells = toCsv([csvRow(m)]);
    for (const v of ['=cmd', '@SUM(1)', '+1+1']) expect(cells).not.toMatch(new RegExp(`(^|,)${v.replace(/[+()|]/g, '\\$&')}`));
    const parsed = parseCsv(cells)[0]!;
    expect(parsed[4]).toBe('\'=cmd|\' /C calc\'!A0');
    expect(parsed[5]).toBe("'@SUM(1)");
    expect(parsed[17]).toBe("'+1+1");
  });

  it('the fairness report CSV quotes and prefixes formula cells', () => {
    const r = computeFairness([], { now: new Date('2026-01-01T00:00:00Z') });
    const csv = reportCsv(r, '@SUM(1+1)');
    expect(csv).toContain(`"'@SUM(1+1)"`);
    const csv2 = reportCsv(r, '-1+1');
    expect(csv2).toContain(`"'-1+1"`);
  });
});
