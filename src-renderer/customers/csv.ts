/**
 * CSV as RFC 4180 writes it, and as spreadsheets really export it: quoted fields with embedded
 * commas, line breaks and doubled quotes; CRLF, LF or CR line ends; a UTF-8 byte-order mark; a
 * semicolon or tab delimiter (European Excel) recognised from the header line.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** The delimiter the header line uses most, outside quotes: comma, semicolon or tab. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/**
 * Rows of fields. A quote opens a quoted field only at its start; inside, "" is a quote and line
 * breaks are kept. Rows with nothing in them are dropped. A quote never closed is an error that names
 * the line it opened on.
 */
export function parseCsv(input: string, delimiter?: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiter ?? sniffDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let atFieldStart = true;
  const endField = (): void => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = (): void => {
    endField();
    if (row.some((f) => f !== '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError('a quoted field is never closed', openedOn);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      atFieldStart = false;
      // Anything between the closing quote and the delimiter is kept (lenient, as spreadsheets are).
      continue;
    }
    atFieldStart = false;
    if (ch === d) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

/**
 * One CSV field for export: quoted when it holds the delimiter, a quote, a line break or edge spaces.
 * A text cell that starts with =, +, -, @, tab or CR is one a spreadsheet may run as a formula
 * (`@SUM(...)`, `-2+3+cmd|...`), so, as OWASP recommends, it gets a leading apostrophe and is
 * quoted. Only a plain number is exempt: it cannot call anything.
 */
export function csvField(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  if (isFormulaLike(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** True for a cell a spreadsheet could read as a formula (and not a plain number such as -12.5). */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(s);
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
