/**
 * A table of groups (reach tiers, channels or agents) with the report's figures. Every group is a
 * row, however small; figures resting on few mentions say so beside them. Raw values sit in
 * data-value, so tests (and curious leads) can check them against `npm run fairness`.
 */
import type { ReactNode } from 'react';
import type { GroupStats } from '../../src-main/shared/sla/fairness';
import { formatInt, formatMinutes, formatPercent } from './format';
import { isSmall, isTooFew, sampleNote } from './samples';

export interface StatsRow {
  key: string;
  label: ReactNode;
  stats: GroupStats;
  /** A line under the row (a channel's published promise). */
  note?: ReactNode;
}

function Minutes({ v, n, field }: { v: number | null; n: number; field: string }) {
  const note = sampleNote(n);
  return (
    <td data-field={field} data-value={v ?? ''} className={isTooFew(n) ? 'num too-few' : 'num'}>
      {formatMinutes(v)}
      {note && n > 0 ? <span className="sample-note">{note}</span> : null}
    </td>
  );
}

/** The first column's header, read by screen readers (it is obvious on screen from the table's title). */
const KIND_HEADER: Record<string, string> = { tier: 'Reach tier', channel: 'Channel', agent: 'Agent' };

export function StatsTable({ title, rows, kind, caption }: { title: string; rows: StatsRow[]; kind: string; caption?: ReactNode }) {
  return (
    <section className="card report-table" data-testid={`table-${kind}`}>
      <h2>{title}</h2>
      {caption ? <p className="muted caption">{caption}</p> : null}
      <table className="table stats-table">
        <colgroup>
          <col className="col-group" />
          {Array.from({ length: 7 }, (_, i) => (
            <col key={i} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{KIND_HEADER[kind] ?? 'Group'}</span>
            </th>
            <th scope="col" className="num">Mentions</th>
            <th scope="col" className="num">Answered</th>
            <th scope="col" className="num" title="Not answered, and the target time has passed">Unanswered past due</th>
            <th scope="col" className="num">Median first reply</th>
            <th scope="col" className="num" title="9 in 10 first replies came at least this fast (nearest rank)">p90</th>
            <th scope="col" className="num" title="Answered late, or unanswered past due, out of all that were due">Missed target</th>
            <th scope="col" className="num" title="Times a mention was passed over for a later-due one">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8} className="muted">
                Nothing in this period.
              </td>
            </tr>
          ) : null}
          {rows.map(({ key, label, stats: s, note }) => {
            const due = s.answered + s.unansweredPastDue;
            return [
              <tr key={key} data-testid={`row-${kind}-${key}`} className={note ? 'has-note' : undefined}>
                <th scope="row">{label}</th>
                <td className="num" data-field="mentions" data-value={s.mentions}>
                  {formatInt(s.mentions)}
                </td>
                <td className="num" data-field="answered" data-value={s.answered}>
                  {formatInt(s.answered)}
                </td>
                <td className={`num${s.unansweredPastDue ? ' bad' : ''}`} data-field="unansweredPastDue" data-value={s.unansweredPastDue}>
                  {formatInt(s.unansweredPastDue)}
                </td>
                <Minutes v={s.medianFirstResponseMinutes} n={s.answered} field="medianFirstResponseMinutes" />
                <Minutes v={s.p90FirstResponseMinutes} n={s.answered} field="p90FirstResponseMinutes" />
                <td className={isTooFew(due) ? 'num too-few' : 'num'} data-field="breachRate" data-value={s.breachRate ?? ''}>
                  {formatPercent(s.breachRate)}
                  <span className="sample-note">
                    {s.breaches} of {due}
                    {isTooFew(due) && due > 0 ? ', too few to judge' : isSmall(due) && due > 0 ? ', small sample' : ''}
                  </span>
                </td>
                <td className="num" data-field="skips" data-value={s.skips}>
                  {formatInt(s.skips)}
                </td>
              </tr>,
              note ? (
                <tr key={`${key}-note`} className="row-note">
                  <td colSpan={8}>{note}</td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </section>
  );
}
