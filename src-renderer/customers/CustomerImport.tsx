/** Import customers from a CRM export: pick the file, check what each column means, import. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { parseCsv, CsvError } from './csv';
import { guessRoles, mapRows, ROLE_LABEL, ROLES, type ColumnRole } from './mapping';
import { importCustomers, countCustomers } from './import';
import './customers.css';

interface Parsed {
  fileName: string;
  header: string[];
  rows: string[][];
  roles: ColumnRole[];
}

export function CustomerImport() {
  const db = getDb();
  const total = useLiveQuery(() => countCustomers(db), []);
  const [parsed, setParsed] = useState<Parsed>();
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' }>();

  const onFile = async (file: File | undefined): Promise<void> => {
    setMessage(undefined);
    if (!file) return;
    try {
      const all = parseCsv(await file.text());
      if (all.length < 2) throw new Error('the file needs a header line and at least one customer');
      const header = all[0]!.map((h) => h.trim());
      setParsed({ fileName: file.name, header, rows: all.slice(1), roles: guessRoles(header) });
    } catch (e) {
      setParsed(undefined);
      setMessage({ text: `Could not read ${file.name}: ${e instanceof CsvError ? e.message : (e as Error).message}`, tone: 'error' });
    }
  };

  const run = async (): Promise<void> => {
    if (!parsed) return;
    const { customers, skipped } = mapRows(parsed.header, parsed.rows, parsed.roles, new Date().toISOString());
    const r = await importCustomers(db, customers);
    const skip = skipped.length ? ` ${skipped.length} row(s) skipped (row ${skipped[0]!.row}: ${skipped[0]!.reason}).` : '';
    setMessage({ text: `Imported ${customers.length} customer(s) from ${parsed.fileName}: ${r.added} new, ${r.updated} updated.${skip}`, tone: skipped.length ? 'error' : 'ok' });
    setParsed(undefined);
  };

  const hasKey = parsed?.roles.some((r) => r === 'id' || r === 'email' || r.startsWith('handle:'));
  return (
    <div className="customer-import">
      <p className="muted">
        {total ? `${total.toLocaleString()} customers imported. ` : ''}A CSV export of your CRM: a column per channel handle and/or email, name, standing, plan, customer since — any other
        column is kept and shown on the author panel. Importing again updates; it never duplicates.
      </p>
      <label className="file-pick">
        <span className="btn">Choose a CSV file…</span>
        <input type="file" accept=".csv,text/csv" data-testid="customer-csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {parsed ? (
        <div className="mapping" data-testid="customer-mapping">
          <p>
            <strong>{parsed.fileName}</strong>: {parsed.rows.length} row(s). What does each column hold?
          </p>
          <div className="mapping-scroll">
            <table className="mapping-table">
              <thead>
                <tr>
                  {parsed.header.map((h, i) => (
                    <th key={i}>
                      <div className="mapping-head">{h || `column ${i + 1}`}</div>
                      <select
                        aria-label={`Column ${h || i + 1}`}
                        value={parsed.roles[i]}
                        onChange={(e) => setParsed({ ...parsed, roles: parsed.roles.map((r, j) => (j === i ? (e.target.value as ColumnRole) : r)) })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {parsed.rows.slice(0, 4).map((row, n) => (
                  <tr key={n}>
                    {parsed.header.map((_, i) => (
                      <td key={i}>{row[i] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!hasKey ? <p className="error">Pick at least one column to match on: CRM id, email or a handle.</p> : null}
          <div className="form-actions">
            <button className="btn" onClick={() => setParsed(undefined)}>
              Cancel
            </button>
            <button className="btn btn-primary" data-testid="customer-import-run" disabled={!hasKey} onClick={() => void run()}>
              Import {parsed.rows.length} row(s)
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p className={message.tone === 'error' ? 'error' : 'ok'} role="status" data-testid="customer-import-result">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
