/**
 * The workflow event log (INTERFACES.md "Event log export"): every action is an event with its agent
 * and time. The events table holds the log's workflow entries (with their position once the log has
 * them) and the events this seat derives itself (a customer's follow-up reopening a conversation).
 */
import type { WorkflowEntry } from '../../src-main/shared/log-entry';
import type { EventRecord } from './schema';

export type WorkflowEventType = WorkflowEntry['type'];

export function newEventId(): string {
  return `ev:${Date.now().toString(36)}:${crypto.randomUUID()}`;
}

export function makeEvent(type: WorkflowEventType, mentionId: string, fields: { id?: string; agent?: string; at?: string; data?: Record<string, unknown> } = {}): EventRecord {
  return { id: fields.id ?? newEventId(), type, mentionId, at: fields.at ?? new Date().toISOString(), agent: fields.agent, data: fields.data };
}

/** A workflow entry as a row of the events table (the export line, minus type/at/id/mentionId/agent in `data`). */
export function eventRecordOf(e: WorkflowEntry, position?: number): EventRecord {
  const { id, type, at, mentionId, agent, ...data } = e;
  const row: EventRecord = { id, type, at, mentionId, agent, data: Object.keys(data).length ? data : undefined };
  if (position !== undefined) row.position = position;
  return row;
}
