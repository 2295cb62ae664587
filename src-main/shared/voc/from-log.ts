/**
 * The voice-of-the-customer report of an event log (what `npm run voc` prints): the columns of every
 * mention in the log, the state as of the period's end, then computeVoc.
 */
import type { LogEvent } from '../events';
import type { PolicyVersion, SlaPolicy } from '../sla/policy';
import { addVocMention, emptyColumns, indexColumns, type VocColumns, type VocIndex } from './columns';
import { computeVoc, type VocFilter, type VocReport } from './report';
import { stateFromLog, type VocState } from './state';

export interface VocLogOptions {
  fromMs: number;
  toMs: number;
  filter?: VocFilter;
  policy?: SlaPolicy;
  changes?: readonly PolicyVersion[];
}

export function columnsFromLog(events: readonly LogEvent[]): { columns: VocColumns; index: VocIndex } {
  const columns = emptyColumns();
  const index = indexColumns(columns);
  for (const e of events) if (e.type === 'mention') addVocMention(columns, index, e.mention, Date.parse(e.at));
  return { columns, index };
}

export function vocFromLog(events: readonly LogEvent[], opts: VocLogOptions): { report: VocReport; columns: VocColumns; index: VocIndex; state: VocState } {
  const { columns, index } = columnsFromLog(events);
  const state = stateFromLog(columns, index, events, { policy: opts.policy, changes: opts.changes, nowMs: opts.toMs });
  return { report: computeVoc(columns, index, state, opts), columns, index, state };
}
