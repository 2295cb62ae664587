/**
 * What the inbox shows: a filter (statuses, channel, source, reach tier, tag, assignee, text, language,
 * sentiment, topic, or exactly the mentions behind a Voice of the customer figure) and the
 * views built from it. The same filter runs two ways: over indexes for the list (db/queries.ts) and
 * over records in memory (matchesFilter) for small sets and unread counts. Order is always due time.
 */
import type { Channel, ReachTier } from '../../src-main/shared/mention';
import { STATUSES, type MentionRecord, type Status } from './schema';
import { searchWordsStartWith, tokenize } from './derived';
import { langOf, sentimentOf, SENTIMENT_VALUES, type SentimentValue } from './facets';

/** `mine`, `unassigned`, `mine-or-unassigned` (the queue an agent works), or `agent:<id>`. */
export type AssigneeFilter = 'mine' | 'unassigned' | 'mine-or-unassigned' | `agent:${string}`;

export interface InboxFilter {
  /** Empty means every status. */
  statuses: Status[];
  channels?: Channel[];
  sources?: string[];
  tiers?: ReachTier[];
  tags?: string[];
  assignee?: AssigneeFilter;
  text?: string;
  /** Language tags (`es`), or `unknown`. */
  langs?: string[];
  /** `negative`, `neutral`, `positive`, or `unjudged`. */
  sentiments?: SentimentValue[];
  /** Topic rule ids. */
  topics?: string[];
  /**
   * Exactly these mentions (a drill-down from the Voice of the customer screen), with what they are
   * in words. Not kept in saved views: it names a moment's figure, not a standing question.
   */
  only?: { ids: string[]; label: string };
}

export const OPEN_STATUSES: Status[] = ['new', 'assigned', 'waiting'];
export const CLOSED_STATUSES: Status[] = ['resolved', 'noise'];

export const STATUS_LABEL: Record<Status, string> = {
  new: 'New',
  assigned: 'Assigned',
  waiting: 'Waiting on customer',
  resolved: 'Resolved',
  noise: 'Noise',
};

/** A view: an inbox filter with a name, built in or saved by the user (the `views` table). */
export interface SavedView {
  id: string;
  name: string;
  filter: InboxFilter;
  builtin: boolean;
}

export const BUILTIN_VIEWS: SavedView[] = [
  { id: 'open', name: 'All open', filter: { statuses: ['new', 'assigned', 'waiting'] }, builtin: true },
  { id: 'queue', name: 'My queue', filter: { statuses: ['new', 'assigned'], assignee: 'mine-or-unassigned' }, builtin: true },
  { id: 'mine', name: 'Mine', filter: { statuses: ['new', 'assigned', 'waiting'], assignee: 'mine' }, builtin: true },
  { id: 'unassigned', name: 'Unassigned', filter: { statuses: ['new', 'assigned', 'waiting'], assignee: 'unassigned' }, builtin: true },
  { id: 'waiting', name: 'Waiting', filter: { statuses: ['waiting'] }, builtin: true },
  { id: 'resolved', name: 'Resolved', filter: { statuses: ['resolved'] }, builtin: true },
  { id: 'noise', name: 'Noise', filter: { statuses: ['noise'] }, builtin: true },
];

export function builtinView(id: string): SavedView | undefined {
  return BUILTIN_VIEWS.find((v) => v.id === id);
}

/** Every status when none is picked. */
export function effectiveStatuses(f: InboxFilter): Status[] {
  return f.statuses.length ? f.statuses : [...STATUSES];
}

export function searchTerms(text: string | undefined): string[] {
  return text ? tokenize(text) : [];
}

/** The last text's terms: matchesFilter checks the same filter against hundreds of records in a row. */
let lastTerms: { text: string | undefined; terms: readonly string[] } = { text: undefined, terms: [] };
function termsOf(text: string | undefined): readonly string[] {
  if (lastTerms.text !== text) lastTerms = { text, terms: searchTerms(text) };
  return lastTerms.terms;
}

/** What a filter looks at besides the text: few and small, so a write can tell them (db/due-changes.ts). */
export type FilterFields = Pick<MentionRecord, 'id' | 'status' | 'channel' | 'sourceId' | 'tags' | 'assignee' | 'lang' | 'sentiment' | 'topics'> & {
  reach: Pick<MentionRecord['reach'], 'tier'>;
};

/** Whether the filter searches text (matchesFields cannot say then). */
export const searchesText = (f: InboxFilter): boolean => termsOf(f.text).length > 0;

/** Whether a mention matches, with the same meaning as the index query. `me` is the agent id. */
export function matchesFilter(m: MentionRecord, f: InboxFilter, me: string): boolean {
  if (!matchesFields(m, f, me)) return false;
  const terms = termsOf(f.text);
  return !terms.length || searchWordsStartWith(m, terms);
}

/** matchesFilter without the text: everything else a filter asks, from the fields alone. */
export function matchesFields(m: FilterFields, f: InboxFilter, me: string): boolean {
  if (!effectiveStatuses(f).includes(m.status)) return false;
  if (f.channels?.length && !f.channels.includes(m.channel)) return false;
  if (f.sources?.length && !f.sources.includes(m.sourceId)) return false;
  if (f.tiers?.length && !f.tiers.includes(m.reach.tier)) return false;
  if (f.tags?.length && !f.tags.some((t) => m.tags.includes(t))) return false;
  if (f.assignee && !assigneeMatches(m.assignee, f.assignee, me)) return false;
  if (f.langs?.length && !f.langs.includes(langOf(m))) return false;
  if (f.sentiments?.length && !f.sentiments.includes(sentimentOf(m))) return false;
  if (f.topics?.length && !f.topics.some((t) => m.topics?.includes(t))) return false;
  if (f.only && !idSet(f.only.ids).has(m.id)) return false;
  return true;
}

const idSets = new WeakMap<readonly string[], Set<string>>();
/** A drill-down's ids as a set, made once per list (it may hold thousands). */
function idSet(ids: readonly string[]): Set<string> {
  let s = idSets.get(ids);
  if (!s) idSets.set(ids, (s = new Set(ids)));
  return s;
}

export function assigneeMatches(assignee: string | undefined, f: AssigneeFilter, me: string): boolean {
  switch (f) {
    case 'mine':
      return assignee === me;
    case 'unassigned':
      return !assignee;
    case 'mine-or-unassigned':
      return !assignee || assignee === me;
    default:
      return assignee === f.slice('agent:'.length);
  }
}

/** A filter with nothing but statuses picked (no chips to show). */
export function isPlain(f: InboxFilter): boolean {
  return (
    !f.channels?.length &&
    !f.sources?.length &&
    !f.tiers?.length &&
    !f.tags?.length &&
    !f.assignee &&
    !f.text?.trim() &&
    !f.langs?.length &&
    !f.sentiments?.length &&
    !f.topics?.length &&
    !f.only
  );
}

export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(f: InboxFilter): InboxFilter {
  const sort = <T>(xs: T[] | undefined): T[] | undefined => (xs?.length ? [...xs].sort() : undefined);
  return {
    statuses: [...f.statuses].sort(),
    channels: sort(f.channels),
    sources: sort(f.sources),
    tiers: sort(f.tiers),
    tags: sort(f.tags),
    assignee: f.assignee,
    text: f.text?.trim() || undefined,
    langs: sort(f.langs),
    sentiments: sort(f.sentiments),
    topics: sort(f.topics),
    only: f.only ? { ids: [...f.only.ids].sort(), label: f.only.label } : undefined,
  };
}

/** Saved views hold plain JSON; anything unexpected in it is dropped rather than trusted. */
export function parseFilter(raw: unknown): InboxFilter {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const assignee = typeof r.assignee === 'string' && /^(mine|unassigned|mine-or-unassigned|agent:.+)$/.test(r.assignee) ? (r.assignee as AssigneeFilter) : undefined;
  return {
    statuses: (strings(r.statuses) ?? []).filter((s): s is Status => (STATUSES as readonly string[]).includes(s)),
    channels: strings(r.channels) as Channel[] | undefined,
    sources: strings(r.sources),
    tiers: strings(r.tiers) as ReachTier[] | undefined,
    tags: strings(r.tags),
    assignee,
    text: typeof r.text === 'string' ? r.text : undefined,
    langs: strings(r.langs),
    sentiments: strings(r.sentiments)?.filter((s): s is SentimentValue => (SENTIMENT_VALUES as readonly string[]).includes(s)),
    topics: strings(r.topics),
  };
}
