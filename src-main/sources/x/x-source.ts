/**
 * The X reading sources: `x-mentions` (GET /2/users/:id/mentions) and `x-search`
 * (GET /2/tweets/search/recent). A poll asks for what is new since the cursor, pages back to it
 * (at most MAX_PAGES requests), counts what it read against the month, and says when the next poll
 * may run so that neither X's request window nor the read budget is overrun. Whatever goes wrong
 * comes out as a SourceError with words for the health line; nothing else is thrown.
 */
import { redactSecret } from '../../core/log';
import type { SourceMention } from '../../shared/mention';
import { DEFAULT_INTERVAL_SECONDS, timeoutMs, type SourceSettings } from '../../shared/sources';
import { SourceError, type PollContext, type PollResult, type Source, type SourceUsage } from '../source';
import { advanceCursor, idRange, parseCursor, planPoll } from './x-cursor';
import { XHttp, clockSkewMs, type RateWindow } from './x-http';
import { AuthorMemory, compareIds, normalizePage } from './x-normalize';
import { rateNotBefore } from './x-rate';
import { cappedError, readFailure } from './x-read-errors';
import { UsageMeter, type UsageStore } from './x-usage';
import { QUERY_FIELDS, parsePage, type ParsedPage } from './x-wire';

/** The settings an X reading source uses (shared/sources.ts), and its app bearer token. */
export type XSourceConfig = Pick<SourceSettings, 'id' | 'userId' | 'query' | 'apiBase' | 'intervalSeconds' | 'monthlyReadBudget' | 'timeoutSeconds' | 'maxBytes'> & {
  kind: 'x-mentions' | 'x-search';
  credentials: { bearerToken?: string };
};

export interface XSourceDeps {
  /** Where the month's read count lives; it must survive restarts (createJsonFileUsageStore). */
  usageStore: UsageStore;
  /** The clock for usage and budgets; defaults to the poll context's. */
  now?: () => Date;
  /** Requests per poll when paging back to the cursor (default MAX_PAGES). */
  maxPagesPerPoll?: number;
}

/** Ten pages of 100 is a burst of 1,000 posts in one interval; the rest waits for the next poll. */
export const MAX_PAGES = 10;
const PAGE_SIZE = 100;
/** The smallest max_results each endpoint accepts. */
const MIN_PAGE: Record<XSourceConfig['kind'], number> = { 'x-mentions': 5, 'x-search': 10 };

export function createXSource(config: XSourceConfig, deps: XSourceDeps): Source {
  const { id, kind } = config;
  if (kind === 'x-mentions' && !/^\d+$/.test(config.userId ?? '')) throw new Error(`X source "${id}": x-mentions needs the numeric userId whose mentions to read`);
  if (kind === 'x-search' && !config.query?.trim()) throw new Error(`X source "${id}": x-search needs a query`);
  const token = config.credentials.bearerToken;
  redactSecret(token);

  const http = token ? new XHttp({ apiBase: config.apiBase, auth: { bearer: token }, timeoutMs: timeoutMs(config.timeoutSeconds), maxBytes: config.maxBytes }) : undefined;
  const meter = new UsageMeter(deps.usageStore, config.monthlyReadBudget);
  const memory = new AuthorMemory();
  const maxPages = deps.maxPagesPerPoll ?? MAX_PAGES;
  const path = kind === 'x-mentions' ? `users/${config.userId}/mentions` : 'tweets/search/recent';
  // The two endpoints name their paging parameter differently.
  const pageParam = kind === 'x-mentions' ? 'pagination_token' : 'next_token';
  let lastRate: { window: RateWindow; skewMs: number } | undefined;
  // After a 429 or a cap we know when X will talk to us again; asking earlier only costs a request.
  let blocked: { until: number; error: SourceError } | undefined;

  const usage = (nowMs: number): SourceUsage => ({
    rateLimitRemaining: lastRate ? lastRate.window.remaining : null,
    ...(lastRate ? { rateLimitResetAt: lastRate.window.resetMs + lastRate.skewMs } : {}),
    ...meter.snapshot(nowMs),
  });

  async function poll(ctx: PollContext): Promise<PollResult> {
    const clockNow = deps.now ?? ctx.now;
    const now = (): number => clockNow().getTime();
    const log = ctx.log;
    const started = now();
    if (!http) {
      throw new SourceError('auth-error', 'No X bearer token is set for this source.', { action: 'Paste the app\'s bearer token in the source settings.' });
    }
    try {
      await meter.load(started);
    } catch (e) {
      throw new SourceError('error', `Could not read this source's usage count: ${(e as Error).message}`, { action: 'Check the data folder is readable.' });
    }
    if (blocked && started < blocked.until) throw blocked.error;
    blocked = undefined;
    if (meter.left(started) <= 0) {
      const err = cappedError(started, `This source's monthly read budget (${config.monthlyReadBudget} posts) is used up`, usage(started));
      blocked = { until: err.opts.retryAt ?? started, error: err };
      throw err;
    }

    const parsed = parseCursor(ctx.cursor);
    if (parsed.invalid) log.warn('the saved cursor is unreadable; starting again with one page (a backfill)');
    const plan = planPoll(parsed.cursor, { kind, nowMs: started, maxPages });
    for (const note of plan.notes) log.warn(note);

    const found = new Map<string, SourceMention>();
    const ids: string[] = [];
    let requests = 0;
    let pages = 0; // pages read and understood
    let bytes = 0;
    let next: string | undefined;
    let complete = false;
    let failure: SourceError | undefined;
    try {
      while (pages < plan.maxPages) {
        const left = meter.left(now());
        if (left <= 0) break;
        const query: Record<string, string> = {
          ...QUERY_FIELDS,
          ...plan.bounds,
          max_results: String(Math.max(MIN_PAGE[kind], Math.min(PAGE_SIZE, left))),
        };
        if (kind === 'x-search') query.query = config.query as string;
        if (next) query[pageParam] = next;
        requests += 1;
        const res = await http.get({ path, query, signal: ctx.signal });
        bytes += res.bytes;
        if (res.rate) lastRate = { window: res.rate, skewMs: clockSkewMs(res.headers, now()) };
        const page = readPage(res.data);
        pages += 1;
        meter.add(page.received, now());
        if (page.dropped.length) log.warn(`skipped ${page.dropped.length} malformed item(s)`, { first: page.dropped[0] });
        for (const m of normalizePage(page, memory, id)) {
          if (plan.deliveredUpTo && compareIds(m.id.slice(2), plan.deliveredUpTo) <= 0) continue; // delivered before
          found.set(m.id, m);
        }
        ids.push(...page.tweets.map((t) => t.id));
        for (const metaId of [page.newestId, page.oldestId]) if (metaId) ids.push(metaId);
        next = page.nextToken;
        if (!next) {
          complete = true;
          break;
        }
      }
      if (plan.backfill && next) log.info('first poll: took the newest page only (a backfill); older posts are not fetched');
      else if (!complete && pages >= plan.maxPages) log.warn(`stopped after ${pages} pages (the cap per poll); the older rest is fetched next poll`);
      else if (!complete) log.warn('stopped paging: the monthly read budget is reached; the rest waits for the new month');
    } catch (e) {
      failure = readFailure(e, { nowMs: now(), usage: usage(now()), kind });
      if (failure.state === 'rate-limited' || failure.state === 'capped') blocked = { until: failure.opts.retryAt ?? now(), error: failure };
      if (pages === 0) {
        await saveUsage(log);
        throw failure;
      }
      // Pages already read are paid for: keep them, and let the cursor remember where we stopped.
      log.warn(`stopped after ${pages} page(s): ${failure.message} Keeping what was read.`);
    }
    await saveUsage(log);

    const cursor = advanceCursor(plan, { ...idRange(ids), complete: complete && !failure }, started);
    const mentions = [...found.values()].sort((a, b) => compareIds(a.id.slice(2), b.id.slice(2)));
    const end = now();
    const notBefore = Math.max(
      rateNotBefore(lastRate?.window, end, requests, lastRate?.skewMs) ?? 0,
      meter.budgetNotBefore(end) ?? 0,
      failure?.opts.retryAt ?? 0,
    );
    log.info(`read ${mentions.length} post(s) in ${requests} request(s), ${bytes} bytes`, { reads: meter.snapshot(end).readsThisMonth });
    return { mentions, cursor, ...(notBefore > end ? { notBefore } : {}), usage: usage(end) };
  }

  async function saveUsage(log: PollContext['log']): Promise<void> {
    try {
      await meter.save();
    } catch (e) {
      // Not fatal for this poll, but the count after a restart will be low: say so.
      log.warn(`could not save the read count: ${(e as Error).message}`);
    }
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

  return {
    id,
    kind,
    intervalMs: (config.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS[kind]) * 1000,
    poll: async (ctx) => {
      try {
        return await poll(ctx);
      } catch (e) {
        // The contract: only SourceErrors leave a poll.
        throw e instanceof SourceError ? e : readFailure(e, { nowMs: Date.now(), kind });
      }
    },
    close: async () => http?.close(),
  };
}
