/** Exports (CSV, report JSON, event log, policies) and opening an event log exported elsewhere. */
import { useRef, useState } from 'react';
import type { FairnessReport } from '../../src-main/shared/sla/fairness';
import { parseEventLog } from '../../src-main/shared/events';
import { getDb } from '../db/schema';
import { importLog } from './log-import';
import { requestEventLog } from './report-client';
import { loadPolicies } from './load';
import { formatCount } from './format';
import { checkCommand, download, fileStem, policiesJson, reportCsv, reportJson } from './exports';
import { rangeOf, describeParams, type ReportParams } from './params';

export function DataTools({ report, params, nowMs, onImported }: { report: FairnessReport; params: ReportParams; nowMs: number; onImported(): void }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; bad?: boolean; command?: string } | undefined>();
  const fileRef = useRef<HTMLInputElement>(null);
  const stem = (kind: string): string => fileStem(kind, report.now);

  const exportLog = async (): Promise<void> => {
    setBusy('Writing the event log…');
    try {
      const text = await requestEventLog({ range: rangeOf(params, nowMs), agent: params.agent, nowMs });
      download(`${stem('events')}.jsonl`, text, 'application/x-ndjson');
      const policies = policiesJson(await loadPolicies(getDb()));
      if (policies) download(`${stem('policies')}.json`, policies, 'application/json');
      setMessage({
        text: `Saved ${stem('events')}.jsonl${policies ? ` and ${stem('policies')}.json` : ''}. Anyone can check these figures with:`,
        command: checkCommand({ log: `${stem('events')}.jsonl`, policies: policies ? `${stem('policies')}.json` : undefined }, report.now),
      });
    } catch (e) {
      setMessage({ text: `Could not export the event log: ${(e as Error).message}`, bad: true });
    } finally {
      setBusy(undefined);
    }
  };

  const importFile = async (file: File): Promise<void> => {
    setBusy(`Reading ${file.name}…`);
    try {
      const { events, errors } = parseEventLog(await file.text());
      if (errors.length) {
        const first = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join('; ');
        setMessage({ text: `${file.name} has ${errors.length} bad line(s), nothing was imported (${first}).`, bad: true });
        return;
      }
      const res = await importLog(getDb(), events);
      setMessage({ text: `Imported ${formatCount(res?.mentions ?? 0, 'mention')} and ${formatCount(res?.events ?? 0, 'event')} from ${file.name}${res?.skippedExisting ? `; ${formatCount(res.skippedExisting, 'mention')} ${res.skippedExisting === 1 ? 'was' : 'were'} already here and kept ${res.skippedExisting === 1 ? 'its' : 'their'} state` : ''}.` });
      onImported();
    } catch (e) {
      setMessage({ text: `Could not import ${file.name}: ${(e as Error).message}`, bad: true });
    } finally {
      setBusy(undefined);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <div className="data-tools">
      <div className="data-buttons">
        <button type="button" className="btn" onClick={() => download(`${stem('fairness')}.csv`, reportCsv(report, describeParams(params)), 'text/csv')} data-testid="export-csv">
          Export CSV
        </button>
        <button type="button" className="btn" onClick={() => download(`${stem('fairness')}.json`, reportJson(report), 'application/json')} data-testid="export-json">
          Export report JSON
        </button>
        <button type="button" className="btn" disabled={Boolean(busy)} onClick={() => void exportLog()} data-testid="export-log">
          Export event log
        </button>
        <button type="button" className="btn" disabled={Boolean(busy)} onClick={() => fileRef.current?.click()}>
          Open an event log…
        </button>
        <input ref={fileRef} type="file" accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson" hidden data-testid="import-log" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {busy ? <p className="muted" role="status">{busy}</p> : null}
      {message ? (
        <div className={message.bad ? 'error' : 'muted'} role="status" data-testid="data-message">
          {message.text}
          {message.command ? <code className="command">{message.command}</code> : null}
        </div>
      ) : null}
    </div>
  );
}
