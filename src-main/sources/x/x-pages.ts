/**
 * One poll's paging through an X timeline: from the newest page back to the cursor, at most
 * `plan.maxPages` requests and never past the month's read budget. Kept apart from x-source.ts
 * (which decides whether to ask at all and what to do with the answer) so each reads on its own.
 */
import type { SourceMention } from '../../shared/mention';
import { SourceError, type PollContext } from '../source';
import type { PollPlan } from './x-cursor';
import { clockSkewMs, type RateWindow, type XHttp } from './x-http';
import { compareIds, normalizePage, type AuthorMemory } from './x-normalize';
import type { UsageMeter } from './x-usage';
import { QUERY_FIELDS, parsePage, type ParsedPage } from './x-wire';

const PAGE_SIZE = 100;
/** The smallest max_results each endpoint accepts. */
const MIN_PAGE = { 'x-mentions': 5, 'x-search': 10 } as const;

/** The endpoint an X reading source calls, and how it names its paging parameter. */
export interface XEndpoint {
  kind: 'x-mentions' | 'x-search';
  path: string;
  pageParam: 'pagination_token' | 'next_token';
  /** X search syntax (x-search only). */
  query?: string;
}

export function endpointFor(kind: XEndpoint['kind'], userId: string | undefined, query: string | undefined): XEndpoint {
  return kind === 'x-mentions'
    ? { kind, path: `users/${userId}/mentions`, pageParam: 'pagination_token' }
    : { kind, path: 'tweets/search/recent', pageParam: 'next_token', query };
}

/** What a poll has read so far; filled in as pages arrive, so a failure part-way keeps it. */
export interface PageRun {
  found: Map<string, SourceMention>;
  /** Every post id seen (and the pages' newest/oldest ids): where the cursor moves to. */
  ids: string[];
  requests: number;
  /** Pages read and understood. */
  pages: number;
  bytes: number;
  next?: string;
  /** The pages reached the cursor (nothing older is missing). */
  complete: boolean;
}

export const emptyRun = (): PageRun => ({ found: new Map(), ids: [], requests: 0, pages: 0, bytes: 0, complete: false });

export interface PagingDeps {
  http: XHttp;
  endpoint: XEndpoint;
  plan: PollPlan;
  meter: UsageMeter;
  memory: AuthorMemory;
  sourceId: string;
  signal: AbortSignal;
  now: () => number;
  log: PollContext['log'];
  /** Each answer's rate window, with the server's clock skew. */
  onRate: (rate: { window: RateWindow; skewMs: number }) => void;
}

/** Reads pages into `run` until the cursor, the page cap or the budget stops it. Throws what the request throws. */
export async function readPages(run: PageRun, d: PagingDeps): Promise<void> {
  while (run.pages < d.plan.maxPages) {
    const left = d.meter.left(d.now());
    if (left <= 0) break;
    run.requests += 1;
    const res = await d.http.get({ path: d.endpoint.path, query: pageQuery(d, left, run.next), signal: d.signal });
    run.bytes += res.bytes;
    if (res.rate) d.onRate({ window: res.rate, skewMs: clockSkewMs(res.headers, d.now()) });
    const page = readPage(res.data);
    run.pages += 1;
    d.meter.add(page.received, d.now());
    if (page.dropped.length) d.log.warn(`skipped ${page.dropped.length} malformed item(s)`, { first: page.dropped[0] });
    for (const m of normalizePage(page, d.memory, d.sourceId)) {
      if (d.plan.deliveredUpTo && compareIds(m.id.slice(2), d.plan.deliveredUpTo) <= 0) continue; // delivered before
      run.found.set(m.id, m);
    }
    run.ids.push(...page.tweets.map((t) => t.id));
    for (const metaId of [page.newestId, page.oldestId]) if (metaId) run.ids.push(metaId);
    run.next = page.nextToken;
    if (!run.next) {
      run.complete = true;
      return;
    }
  }
}

/** Says why paging stopped before reaching the cursor, when it did. */
export function noteIncompleteRun(run: PageRun, plan: PollPlan, log: PollContext['log']): void {
  if (plan.backfill && run.next) log.info('first poll: took the newest page only (a backfill); older posts are not fetched');
  else if (!run.complete && run.pages >= plan.maxPages) log.warn(`stopped after ${run.pages} pages (the cap per poll); the older rest is fetched next poll`);
  else if (!run.complete) log.warn('stopped paging: the monthly read budget is reached; the rest waits for the new month');
}

function pageQuery(d: PagingDeps, left: number, next: string | undefined): Record<string, string> {
  const query: Record<string, string> = {
    ...QUERY_FIELDS,
    ...d.plan.bounds,
    max_results: String(Math.max(MIN_PAGE[d.endpoint.kind], Math.min(PAGE_SIZE, left))),
  };
  if (d.endpoint.query !== undefined) query.query = d.endpoint.query;
  if (next) query[d.endpoint.pageParam] = next;
  return query;
}

function readPage(data: unknown): ParsedPage {
  try {
    return parsePage(data);
  } catch (e) {
    const issue = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const where = issue ? `${issue.path.map(String).join('.') || 'top level'}: ${issue.message}` : 'unreadable';
    throw new SourceError('error', `X sent data in an unexpected shape (${where}); retrying.`);
  }
}
