/**
 * The renderer's database: this profile's state, applied from the log (DESIGN.md "The log is the
 * system of record"), plus what is this seat's alone (drafts, actions not yet in the log, settings).
 * Numbered versions only ever get added; see db/queries.ts for reads.
 */
import Dexie, { type Table } from 'dexie';
import { derivedFields, derivedFieldsMiddleware, searchWordsOf } from './derived';
import { hashWords, searchRow, type SearchEntry, type SearchRow } from './search-text';
import { facetsOf } from './facets';
import { moveArrivalsOntoMentions } from './arrivals';
import { writesMarkMiddleware } from './writes-mark';
import { windowJournalMiddleware } from './window-journal';
import { dueChangesMiddleware } from './due-changes';
import type { Mention, Author, Reach, Channel } from '../../src-main/shared/mention';

import { STATUSES, type Status, type WorkflowState } from '../../src-main/shared/workflow';
import type { LogEntry } from '../../src-main/shared/log-entry';
export { STATUSES, type Status };

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
  /** When we first replied (epoch ms); the fairness report's "first response". */
  firstReplyAt?: number;
  /** When we last replied; a customer follow-up after it starts the next-response clock. */
  lastReplyAt?: number;
  /** 1 once an agent has opened it (unread counts). */
  seen?: 0 | 1;
  /** Id of the SLA policy version that set dueAt (reports say which policy each number used). */
  policyId?: string;
  /** v3-v5 only: words of text and author, for search (a multi-entry index). v6 search rows replace it. */
  words?: string[];
  /** v6, derived (db/derived.ts): fingerprint of the search words, so a rewrite with the same words writes no search row. */
  wordsHash?: string;
  /** v3, derived: 1 while open and never opened; absent otherwise (a sparse index). */
  unread?: 1;
  /** v3: ids (network ids, e.g. tweet ids) of our replies to this mention. Indexed (multi-entry). */
  replyIds?: string[];
  /** v3: set on a customer's follow-up merged into the conversation it continues (the root's id). Indexed. */
  threadRootId?: string;
  /** v3: set when this "mention" is our own reply heard back from the network. */
  ownReply?: 1;
  /** v4, derived (db/facets.ts): `lang:<tag|unknown>`, `sentiment:<label|unjudged>`, `topic:<id>`. Indexed (multi-entry). */
  facets?: string[];
  /**
   * v5: while this seat has actions on the mention that the log has not confirmed yet, the state the
   * log alone gives (the visible fields include the pending actions on top). See db/apply.ts.
   */
  confirmed?: WorkflowState;
  /**
   * v7: the mention's arrival, which was a `mention` row of the events table until v6 (one record
   * per mention instead of two, issue 11): the log entry's id, when main recorded it, its log
   * position. Absent on a mention that never had an arrival (then reports use `receivedAt`).
   * Indexed by `arrival.at` (the report's window of recent arrivals, the event log export).
   */
  arrival?: Arrival;
}

/** What an arrival event held (db/arrivals.ts turns it back into one for the readers of events). */
export interface Arrival {
  id: string;
  at: string;
  position?: number;
}

export interface AuthorRecord extends Author {
  channel: Channel;
  reach: Reach;
  firstSeenAt: string;
  /** v1-v6 only, rewritten on every mention; an author's mentions are counted from [authorKey+createdMs] (db/author-rows.ts). */
  lastSeenAt?: string;
  /** v1-v6 only, as lastSeenAt. */
  mentionCount?: number;
}

export interface EventRecord {
  /** `mention:<mentionId>` for arrival events (so a replay writes nothing twice); random otherwise. */
  id: string;
  type: string;
  at: string;
  mentionId?: string;
  agent?: string;
  data?: Record<string, unknown>;
  /** v5: the log position of a confirmed entry; absent while this seat's action is pending. */
  position?: number;
}

/** v5: an action of this seat on its way to the log (sent by delivery/pending-sender.ts). */
export interface PendingRecord {
  seq?: number;
  id: string;
  mentionId?: string;
  entry: LogEntry;
}

/** An unsent reply, kept across restarts. */
export interface DraftRecord {
  mentionId: string;
  text: string;
  updatedAt: string;
  /** Chosen once per send attempt so a retry never posts twice (see sendReply in the contract). */
  attemptId?: string;
}

/** A customer from the CRM import; matched to authors by handle per channel or by email. */
export interface CustomerRecord {
  /** Stable key from the import: the CRM id column, else email, else the first handle. */
  id: string;
  name?: string;
  email?: string;
  /** `channel:handle` keys, lower-cased, e.g. `x:danawhit`. Indexed (multi-entry). */
  handles: string[];
  standing?: string;
  plan?: string;
  since?: string;
  extra: Record<string, string>;
  importedAt: string;
}

/** Identities on different channels linked by hand: every author key in a group is one person. */
export interface AuthorLinkRecord {
  authorKey: string;
  personId: string;
}

export interface SavedViewRecord {
  id: string;
  name: string;
  filter: Record<string, unknown>;
  createdAt: string;
}

/** An SLA policy version: applies to mentions whose clock starts at or after `from`. */
export interface PolicyRecord {
  id: string;
  from: string;
  policy: Record<string, unknown>;
  savedAt: string;
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
  drafts!: Table<DraftRecord, string>;
  customers!: Table<CustomerRecord, string>;
  authorLinks!: Table<AuthorLinkRecord, string>;
  views!: Table<SavedViewRecord, string>;
  policies!: Table<PolicyRecord, string>;
  pending!: Table<PendingRecord, number>;
  search!: Table<SearchRow, number>;

  constructor(name = 'earshot') {
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({
      mentions: 'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, conversationId, status',
      authors: 'key',
      events: 'id, at, mentionId, type',
      meta: 'key',
    });
    // v2: triage and SLA work. Indexes for the inbox filters; tables for drafts, customers,
    // hand-linked identities, saved views and policy versions.
    this.version(2).stores({
      mentions:
        'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, conversationId, status, assignee, *tags, reach.tier, dueAt',
      events: 'id, at, mentionId, type, [mentionId+at]',
      drafts: 'mentionId, updatedAt',
      customers: 'id, *handles, email',
      authorLinks: 'authorKey, personId',
      views: 'id',
      policies: 'id, from',
    });
    // v3: the inbox at 200,000 mentions. Search words and the unread flag as indexes (derived on
    // every write by db/derived.ts), our reply ids and merged follow-ups for conversations, an
    // author's mentions newest first, and authors by handle for linking identities by hand.
    this.version(3)
      .stores({
        mentions:
          'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, [authorKey+createdMs], conversationId, status, assignee, *tags, reach.tier, dueAt, *words, unread, *replyIds, threadRootId',
        authors: 'key, handle',
      })
      .upgrade((tx) =>
        tx
          .table('mentions')
          .toCollection()
          .modify((m: MentionRecord) => {
            delete m.unread;
            Object.assign(m, derivedFields(m));
          }),
      );
    // v4: the inbox filters by language, sentiment and topic, all three from one multi-entry index
    // (db/facets.ts), derived like `words`.
    this.version(4)
      .stores({
        mentions:
          'id, [open+dueAt+createdMs], createdMs, sourceId, channel, authorKey, [authorKey+createdMs], conversationId, status, assignee, *tags, reach.tier, dueAt, *words, unread, *replyIds, threadRootId, *facets',
      })
      .upgrade((tx) =>
        tx
          .table('mentions')
          .toCollection()
          .modify((m: MentionRecord) => {
            m.facets = facetsOf(m);
          }),
      );
    // v5: actions go through the log. This seat's actions wait in `pending` until the log has them.
    this.version(5).stores({ pending: '++seq, &id, mentionId' });
    // v6: a leaner `mentions` (issue 11). The multi-entry `words` index (one entry per word of every
    // mention, a third of a put's cost) is replaced by the `search` rows (db/search-text.ts: one row
    // per write, appended by db/derived.ts); `authorKey` is read only through [authorKey+createdMs].
    // `status` becomes [status+dueAt] (still one entry per mention), so "past due" and the breach
    // banner read due times from index keys (db/awaiting-due.ts) instead of every open record.
    this.version(6)
      .stores({
        mentions:
          'id, [open+dueAt+createdMs], createdMs, sourceId, channel, [authorKey+createdMs], conversationId, [status+dueAt], assignee, *tags, reach.tier, dueAt, unread, *replyIds, threadRootId, *facets',
        search: '++seq',
        // Every arrival writes an event: only the indexes something reads. By mention goes through
        // [mentionId+at] (Dexie serves where('mentionId') from it); nothing reads events by type.
        events: 'id, at, [mentionId+at]',
      })
      .upgrade(async (tx) => {
        const entries: SearchEntry[] = [];
        await tx
          .table('mentions')
          .toCollection()
          .modify((m: MentionRecord) => {
            delete m.words;
            const words = searchWordsOf(m);
            m.wordsHash = hashWords(words);
            entries.push({ id: m.id, words, replaces: false });
          });
        const search = tx.table('search');
        for (let i = 0; i < entries.length; i += UPGRADE_ROW) await search.add(searchRow(entries.slice(i, i + UPGRADE_ROW)));
      });
    // v7: a mention's arrival is kept on its record (`arrival`), not as a row of `events` (issue 11:
    // one record per mention heard instead of two). The upgrade moves every arrival row there.
    this.version(7)
      .stores({
        mentions:
          'id, [open+dueAt+createdMs], createdMs, sourceId, channel, [authorKey+createdMs], conversationId, [status+dueAt], assignee, *tags, reach.tier, dueAt, unread, *replyIds, threadRootId, *facets, arrival.at',
      })
      .upgrade(moveArrivalsOntoMentions);
    this.use(derivedFieldsMiddleware);
    this.use(writesMarkMiddleware);
    this.use(windowJournalMiddleware);
    this.use(dueChangesMiddleware);
  }
}

/** Mentions per search row written by the upgrade to v6. */
const UPGRADE_ROW = 2000;

let instance: EarshotDb | undefined;
export function getDb(): EarshotDb {
  instance ??= new EarshotDb();
  return instance;
}
/** Tests open a database of their own. */
export function setDb(db: EarshotDb | undefined): void {
  instance = db;
}
