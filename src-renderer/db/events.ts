/**
 * The workflow event log (INTERFACES.md "Event log export"): every action is an event with its agent
 * and time. Written in the same transaction as the state change it records.
 */
import type { EarshotDb, EventRecord } from './schema';

export type WorkflowEventType = 'assigned' | 'unassigned' | 'replied' | 'resolved' | 'reopened' | 'skipped' | 'noise' | 'unnoise' | 'tagged' | 'untagged' | 'noted';

export function newEventId(): string {
  return `ev:${Date.now().toString(36)}:${crypto.randomUUID()}`;
}

export function makeEvent(type: WorkflowEventType, mentionId: string, fields: { agent?: string; at?: string; data?: Record<string, unknown> } = {}): EventRecord {
  return { id: newEventId(), type, mentionId, at: fields.at ?? new Date().toISOString(), agent: fields.agent, data: fields.data };
}

/** Events of one mention, oldest first. */
export function eventsOf(db: EarshotDb, mentionId: string): Promise<EventRecord[]> {
  return db.events.where('[mentionId+at]').between([mentionId, ''], [mentionId, '\uffff']).toArray();
}
