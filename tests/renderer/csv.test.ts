import { describe, it, expect } from 'vitest';
import { parseCsv, toCsv, csvField, sniffDelimiter, CsvError } from '../../src-renderer/customers/csv';

describe('CSV parser (RFC 4180 and what spreadsheets really write)', () => {
  it('reads plain rows with CRLF, LF and CR line ends alike', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'name,note\r\n"Whitfield, Dana","said ""hi""\r\nthen left"\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['Whitfield, Dana', 'said "hi"\r\nthen left'],
    ]);
  });

  it('drops a UTF-8 byte-order mark so the first header is not "\\ufeffid"', () => {
    expect(parseCsv('\ufeffid,email\n1,a@b.c\n')[0]).toEqual(['id', 'email']);
  });

  it('keeps empty fields, including trailing ones, and skips blank lines', () => {
    expect(parseCsv('a,b,c\n1,,\n\n2,x,\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['2', 'x', ''],
    ]);
  });

  it('recognises semicolon and tab delimiters from the header line', () => {
    expect(sniffDelimiter('id;name;plan\n1;"a,b";Gold')).toBe(';');
    expect(parseCsv('id;name\n1;"Whitfield; Dana"')).toEqual([['id', 'name'], ['1', 'Whitfield; Dana']]);
    expect(parseCsv('id\tname\n1\tDana')).toEqual([['id', 'name'], ['1', 'Dana']]);
    expect(sniffDelimiter('"a,b";c;d\n')).toBe(';');
  });

  it('names the line where a quoted field never closes', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\nstill open')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,2\n3,"open\nstill open')).toThrow(/line 3/);
  });

  it('is lenient with a quote in the middle of an unquoted field', () => {
    expect(parseCsv('a\n5" screen\n')).toEqual([['a'], ['5" screen']]);
  });

  it('round-trips what it writes', () => {
    const rows = [['id', 'text'], ['1', 'a, "quoted"\nline'], ['2', ' padded ']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  // Issue 10: a leading @ is neutralised too (Excel reads `@SUM(...)` as a formula), and every
  // neutralised cell is quoted, as OWASP recommends; plain numbers are still left alone.
  it('defuses spreadsheet formulas, handles included, but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@danawhit thanks')).toBe(`"'@danawhit thanks"`);
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('+cmd|calc')).toBe(`"'+cmd|calc"`);
  });
});
