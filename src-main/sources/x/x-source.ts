/**
 * The X reading sources: `x-mentions` (GET /2/users/:id/mentions) and `x-search`
 * (GET /2/tweets/search/recent). A poll asks for what is new since the cursor, pages back to it
 * (at most MAX_PAGES requests), counts what it read against the month, and says when the next poll
 * may run so that neither X's request window nor the read budget is overrun. Whatever goes wrong
 * comes out as a SourceError with words for the health line; nothing else is thrown.
 */
import { redactSecret } from '../../core/log';
import { DEFAULT_INTERVAL_SECONDS, timeoutMs, type SourceSettings } from '../../shared/sources';
import { SourceError, type PollContext, type PollResult, type Source, type SourceUsage } from '../source';
import { advanceCursor, idRange, parseCursor, planPoll, type PollPlan } from './x-cursor';
import { XHttp, type RateWindow } from './x-http';
import { AuthorMemory, compareIds } from './x-normalize';
import { emptyRun, endpointFor, noteIncompleteRun, readPages, type PageRun } from './x-pages';
import { rateNotBefore } from './x-rate';
import { cappedError, readFailure } from './x-read-errors';
import { UsageMeter, type UsageStore } from './x-usage';

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

/** Refuses a config no poll could serve (the config schema says the same with field names). */
function checkConfig(config: XSourceConfig): void {
  const { id, kind } = config;
  if (kind === 'x-mentions' && !/^\d+$/.test(config.userId ?? '')) throw new Error(`X source "${id}": x-mentions needs the numeric userId whose mentions to read`);
  if (kind === 'x-search' && !config.query?.trim()) throw new Error(`X source "${id}": x-search needs a query`);
}

/** What one X reading source keeps between polls. */
interface XReader {
  config: XSourceConfig;
  /** Absent without a bearer token: every poll then fails with auth-error. */
  http: XHttp | undefined;
  meter: UsageMeter;
  memory: AuthorMemory;
  maxPages: number;
  endpoint: ReturnType<typeof endpointFor>;
  /** The clock for usage and budgets; the poll context's when absent. */
  now?: () => Date;
  lastRate?: { window: RateWindow; skewMs: number };
  // After a 429 or a cap we know when X will talk to us again; asking earlier only costs a request.
  blocked?: { until: number; error: SourceError };
}

export function createXSource(config: XSourceConfig, deps: XSourceDeps): Source {
  checkConfig(config);
  const { id, kind } = config;
  const token = config.credentials.bearerToken;
  redactSecret(token);

  const http = token ? new XHttp({ apiBase: config.apiBase, auth: { bearer: token }, timeoutMs: timeoutMs(config.timeoutSeconds), maxBytes: config.maxBytes }) : undefined;
  const reader: XReader = {
    config,
    http,
    meter: new UsageMeter(deps.usageStore, config.monthlyReadBudget),
    memory: new AuthorMemory(),
    maxPages: deps.maxPagesPerPoll ?? MAX_PAGES,
    endpoint: endpointFor(kind, config.userId, config.query),
    now: deps.now,
  };

  return {
    id,
    kind,
    intervalMs: (config.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS[kind]) * 1000,
    poll: async (ctx) => {
      try {
        return await poll(reader, ctx);
      } catch (e) {
        // The contract: only SourceErrors leave a poll.
        throw e instanceof SourceError ? e : readFailure(e, { nowMs: Date.now(), kind });
      }
    },
    close: async () => http?.close(),
  };
}

function usageOf(r: XReader, nowMs: number): SourceUsage {
  return {
    rateLimitRemaining: r.lastRate ? r.lastRate.window.remaining : null,
    ...(r.lastRate ? { rateLimitResetAt: r.lastRate.window.resetMs + r.lastRate.skewMs } : {}),
    ...r.meter.snapshot(nowMs),
  };
}

/** Throws when this poll must not ask X: no token, an unreadable usage count, a known block, an empty budget. */
async function mayAsk(r: XReader, started: number): Promise<XHttp> {
  if (!r.http) {
    throw new SourceError('auth-error', 'No X bearer token is set for this source.', { action: 'Paste the app\'s bearer token in the source settings.' });
  }
  try {
    await r.meter.load(started);
  } catch (e) {
    throw new SourceError('error', `Could not read this source's usage count: ${(e as Error).message}`, { action: 'Check the data folder is readable.' });
  }
  if (r.blocked && started < r.blocked.until) throw r.blocked.error;
  r.blocked = undefined;
  if (r.meter.left(started) <= 0) {
    const err = cappedError(started, `This source's monthly read budget (${r.config.monthlyReadBudget} posts) is used up`, usageOf(r, started));
    r.blocked = { until: err.opts.retryAt ?? started, error: err };
    throw err;
  }
  return r.http;
}

/** A failed request: remember a rate limit or cap, and rethrow unless pages were already read (they are paid for). */
async function afterFailure(r: XReader, e: unknown, run: PageRun, nowMs: number, log: PollContext['log']): Promise<SourceError> {
  const failure = readFailure(e, { nowMs, usage: usageOf(r, nowMs), kind: r.config.kind });
  if (failure.state === 'rate-limited' || failure.state === 'capped') r.blocked = { until: failure.opts.retryAt ?? nowMs, error: failure };
  if (run.pages === 0) {
    await saveUsage(r.meter, log);
    throw failure;
  }
  log.warn(`stopped after ${run.pages} page(s): ${failure.message} Keeping what was read.`);
  return failure;
}

async function poll(r: XReader, ctx: PollContext): Promise<PollResult> {
  const clockNow = r.now ?? ctx.now;
  const now = (): number => clockNow().getTime();
  const log = ctx.log;
  const started = now();
  const client = await mayAsk(r, started);

  const parsed = parseCursor(ctx.cursor);
  if (parsed.invalid) log.warn('the saved cursor is unreadable; starting again with one page (a backfill)');
  const plan = planPoll(parsed.cursor, { kind: r.config.kind, nowMs: started, maxPages: r.maxPages });
  for (const note of plan.notes) log.warn(note);

  const run = emptyRun();
  let failure: SourceError | undefined;
  try {
    await readPages(run, { http: client, endpoint: r.endpoint, plan, meter: r.meter, memory: r.memory, sourceId: r.config.id, signal: ctx.signal, now, log, onRate: (rate) => (r.lastRate = rate) });
    noteIncompleteRun(run, plan, log);
  } catch (e) {
    failure = await afterFailure(r, e, run, now(), log);
  }
  await saveUsage(r.meter, log);
  return result(r, run, plan, failure, started, now(), log);
}

/** The poll's answer: mentions oldest first, the moved cursor, and when X lets us ask again. */
function result(r: XReader, run: PageRun, plan: PollPlan, failure: SourceError | undefined, started: number, end: number, log: PollContext['log']): PollResult {
  const cursor = advanceCursor(plan, { ...idRange(run.ids), complete: run.complete && !failure }, started);
  const mentions = [...run.found.values()].sort((a, b) => compareIds(a.id.slice(2), b.id.slice(2)));
  const notBefore = Math.max(
    rateNotBefore(r.lastRate?.window, end, run.requests, r.lastRate?.skewMs) ?? 0,
    r.meter.budgetNotBefore(end) ?? 0,
    failure?.opts.retryAt ?? 0,
  );
  log.info(`read ${mentions.length} post(s) in ${run.requests} request(s), ${run.bytes} bytes`, { reads: r.meter.snapshot(end).readsThisMonth });
  return { mentions, cursor, ...(notBefore > end ? { notBefore } : {}), usage: usageOf(r, end) };
}

async function saveUsage(meter: UsageMeter, log: PollContext['log']): Promise<void> {
  try {
    await meter.save();
  } catch (e) {
    // Not fatal for this poll, but the count after a restart will be low: say so.
    log.warn(`could not save the read count: ${(e as Error).message}`);
  }
}
