/**
 * The renderer's database: the system of record for mentions, authors, workflow events and drafts
 * (DESIGN.md "Who owns what"). Numbered versions only ever get added; see db/queries.ts for reads.
 */
import Dexie, { type Table } from 'dexie';
import type { Mention, Author, Reach, Channel } from '../../src-main/shared/mention';

export const STATUSES = ['new', 'assigned', 'waiting', 'resolved', 'noise'] as const;
export type Status = (typeof STATUSES)[number];

export interface MentionRecord extends Mention {
  status: Status;
  /** 1 while the mention needs us (new, assigned, waiting); 0 when resolved or noise. Indexed. */
  open: 0 | 1;
  /** When the next response is due (epoch ms): first response, or next response after a follow-up. */
  dueAt: number;
  createdMs: number;
  /** When the SLA clock started (post time, or connect time for a backfill). */
  clockStartMs: number;
  authorKey: string;
  assignee?: string;
  tags: string[];
  firstReplyAt?: number;
}

export interface AuthorRecord extends Author {
  channel: Channel;
  reach: Reach;
  firstSeenAt: string;
  lastSeenAt: string;
  mentionCount: number;
}

export interface EventRecord {
  /** `mention:<mentionId>` for arrival events (so a replay writes nothing twice); random otherwise. */
  id: string;
  type: string;
  at: string;
  mentionId?: string;
  agent?: string;
  data?: Record<string, unknown>;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export class EarshotDb extends Dexie {
  mentions!: Table<MentionRecord, string>;
  authors!: Table<AuthorRecord, string>;
  events!: Table<EventRecord, string>;
  meta!: Table<MetaRecord, string>;

  constructor(name = 'earshot') {
    super(name);
    this.version(1).stores({
      mentions: 'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, conversationId, status',
      authors: 'key',
      events: 'id, at, mentionId, type',
      meta: 'key',
    });
  }
}

let instance: EarshotDb | undefined;
export function getDb(): EarshotDb {
  instance ??= new EarshotDb();
  return instance;
}
/** Tests open a database of their own. */
export function setDb(db: EarshotDb | undefined): void {
  instance = db;
}
