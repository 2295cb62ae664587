/**
 * The log is the system of record (../shared/DESIGN.md "The log is the system of record"): every
 * mention heard and everything the team does is an entry with a stable id, in one order. Two
 * backends implement this one interface: fsync'd journal files in the data folder (solo, the
 * default) and a table in PostgreSQL (team). The core, delivery and the CLIs see only this.
 *
 * Rules every backend keeps (tests/unit/log/log-store-contract.ts runs the same cases on both):
 * - `append` is durable when it resolves (fsync'd, or committed) and idempotent by entry id:
 *   appending an id that is already in the log stores nothing and reports its existing position.
 * - Positions are integers from 1, without gaps as seen by a reader, and become visible in order:
 *   a reader that has seen position N never later finds a new entry at a position <= N.
 * - `read(after, limit)` returns entries with position > after, ascending, at most `limit`.
 * - `onAppend` fires (at least once, possibly coalesced) after new entries become visible, whoever
 *   appended them (this seat, or another seat through PostgreSQL).
 */
import type { LogEntry } from '../shared/log-entry';

export interface PositionedEntry {
  position: number;
  entry: LogEntry;
}

export interface AppendResult {
  id: string;
  position: number;
  /** True when the id was already in the log: nothing was written. */
  duplicate: boolean;
}

export interface LogStore {
  readonly backend: 'journal' | 'postgres';
  /**
   * Names this log (a journal's data folder, a team database): a renderer whose applied position
   * came from another log starts again from 0. Stable across restarts.
   */
  readonly logId: string;
  /** Appends, in the given order, the entries whose ids are not in the log yet. */
  append(entries: readonly LogEntry[]): Promise<AppendResult[]>;
  /** Entries after a position, oldest first. */
  read(after: number, limit: number): Promise<PositionedEntry[]>;
  /** The highest position a reader can see now. */
  head(): Promise<number>;
  /** Called after new entries became visible; returns an unsubscribe function. */
  onAppend(cb: (head: number) => void): () => void;
  /** Waits for appends in flight, then releases files or connections. */
  close(): Promise<void>;
}
