/**
 * The poll scheduler. Each source polls on its own timer and fails alone: an error, a rate limit
 * or a monthly cap changes only that source's health line and schedule. A poll's mentions are
 * scored, validated and appended to the log as mention entries (durably) before the source's cursor
 * advances, so a crash between the two only means the next poll fetches them again (ids dedupe).
 */
import { MentionSchema, type Mention, type ReachInputs, type Channel, type SourceMention, type Reach } from '../shared/mention';
import type { SourceHealth, SourceKind } from '../shared/sources';
import { SourceError, type Source, type PollResult, type SourceUsage } from '../sources/source';
import type { CursorStoreLike } from '../team/pg-cursors';
import type { LogStore } from '../log/log-store';
import { mentionEntry, type LogEntry } from '../shared/log-entry';
import type { Logger } from './log';
import { describeZodError } from '../shared/contract';
import { noSourceWithId } from './not-found';

export type ScoreReach = (inputs: ReachInputs, channel: Channel) => Reach;

export interface PollerDeps {
  /** The log the poll's mentions are appended to. */
  store: LogStore;
  /**
   * How the poll's mention entries are appended (default `store.append`). A team seat appends
   * through its uplink, which keeps them in the local journal while the database is unreachable.
   */
  append?: (entries: LogEntry[]) => Promise<unknown>;
  cursors: CursorStoreLike;
  /**
   * Team mode: whether this seat holds the source's lease. A source it does not hold is on
   * standby (not polled) until `setStandby(id, false)`; checked again before every poll.
   */
  holds?: (sourceId: string) => boolean;
  score: ScoreReach;
  /** Fills lang, sentiment and topics (src-main/enrich) before the mention is validated and stored. */
  enrich?: (m: Mention) => Mention;
  log: Logger;
  now?: () => Date;
  onHealth?: (h: SourceHealth) => void;
}

interface Runner {
  source: Source;
  health: SourceHealth;
  timer?: NodeJS.Timeout;
  inFlight?: Promise<void>;
  abort?: AbortController;
  paused: boolean;
  /** Another seat polls this source (team mode): scheduled polls wait for the lease. */
  standby: boolean;
}

const STANDBY_HEALTH = { state: 'starting', message: 'Polled by another seat', action: 'Nothing to do: this seat takes over if that seat stops.' } as const;

const MAX_BACKOFF_MS = 15 * 60_000;
const STOP_GRACE_MS = 10_000;

export class Poller {
  private readonly runners = new Map<string, Runner>();
  private running = false;
  private readonly now: () => Date;

  constructor(private readonly deps: PollerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  add(source: Source, opts: { paused?: boolean } = {}): void {
    if (this.runners.has(source.id)) throw new Error(`a source with id "${source.id}" is already running`);
    const paused = opts.paused ?? false;
    const standby = this.deps.holds ? !this.deps.holds(source.id) : false;
    const runner: Runner = {
      source,
      paused,
      standby,
      health: {
        sourceId: source.id,
        kind: source.kind as SourceKind,
        state: paused ? 'paused' : 'starting',
        message: paused ? 'Paused' : 'Waiting for the first poll',
        lastItems: 0,
        totalItems: 0,
        consecutiveFailures: 0,
      },
    };
    if (standby && !paused) runner.health = { ...runner.health, ...STANDBY_HEALTH };
    this.runners.set(source.id, runner);
    this.deps.cursors.connectedAt(source.id, this.now());
    if (this.running && !paused) this.schedule(runner, 0);
  }

  async remove(id: string): Promise<void> {
    const r = this.runners.get(id);
    if (!r) return;
    this.runners.delete(id);
    clearTimeout(r.timer);
    r.abort?.abort();
    await r.inFlight;
    await r.source.close?.();
  }

  setPaused(id: string, paused: boolean): void {
    const r = this.mustGet(id);
    r.paused = paused;
    clearTimeout(r.timer);
    if (paused) {
      this.update(r, { state: 'paused', message: 'Paused', action: 'Resume it to poll again.', nextPollAt: undefined });
    } else if (r.standby) {
      this.update(r, STANDBY_HEALTH);
    } else {
      this.update(r, { state: 'starting', message: 'Resumed; polling now', action: undefined });
      if (this.running) this.schedule(r, 0);
    }
  }

  /**
   * Team mode: this seat lost (`true`) or took (`false`) the source's lease. Standby stops the
   * schedule; a poll already in flight finishes, and the cursor store refuses its late write.
   */
  setStandby(id: string, standby: boolean): void {
    const r = this.runners.get(id);
    if (!r || r.standby === standby) return;
    r.standby = standby;
    clearTimeout(r.timer);
    if (r.paused) return;
    if (standby) {
      this.update(r, { ...STANDBY_HEALTH, nextPollAt: undefined });
    } else {
      this.update(r, { state: 'starting', message: 'This seat polls it now', action: undefined });
      if (this.running) this.schedule(r, 0);
    }
  }

  health(): SourceHealth[] {
    return [...this.runners.values()].map((r) => r.health);
  }

  has(id: string): boolean {
    return this.runners.has(id);
  }

  start(): void {
    this.running = true;
    for (const r of this.runners.values()) if (!r.paused) this.schedule(r, 0);
  }

  /** Stops scheduling, lets polls in flight finish (aborting them after a grace period). */
  async stop(): Promise<void> {
    this.running = false;
    const inflight: Promise<void>[] = [];
    for (const r of this.runners.values()) {
      clearTimeout(r.timer);
      if (r.inFlight) inflight.push(r.inFlight);
    }
    const grace = setTimeout(() => {
      for (const r of this.runners.values()) r.abort?.abort();
    }, STOP_GRACE_MS);
    await Promise.allSettled(inflight);
    clearTimeout(grace);
    await Promise.allSettled([...this.runners.values()].map((r) => r.source.close?.()));
  }

  /** Polls one source now (unless a poll is already running) and resolves when it is done. */
  pollNow(id: string): Promise<void> {
    const r = this.mustGet(id);
    clearTimeout(r.timer);
    return r.inFlight ?? this.runPoll(r);
  }

  /** One poll that touches neither the cursor nor the log: "what would this source give me?" */
  async test(source: Source): Promise<{ mentions: Mention[]; error?: SourceError }> {
    const abort = new AbortController();
    try {
      const res = await source.poll({ cursor: undefined, signal: abort.signal, now: this.now, log: this.deps.log.child(source.id) });
      return { mentions: this.finalize(res.mentions, undefined).mentions };
    } catch (e) {
      return { mentions: [], error: asSourceError(e) };
    }
  }

  private mustGet(id: string): Runner {
    const r = this.runners.get(id);
    if (!r) throw noSourceWithId(id);
    return r;
  }

  private schedule(r: Runner, delayMs: number): void {
    this.scheduleAt(r, this.now().getTime() + delayMs);
  }

  /** Schedules the next poll at an absolute time, so the health line shows exactly that time (x-rate-limit-reset). */
  private scheduleAt(r: Runner, at: number): void {
    clearTimeout(r.timer);
    if (!this.running || r.paused || r.standby || !this.runners.has(r.source.id)) return;
    this.update(r, { nextPollAt: new Date(at).toISOString() });
    r.timer = setTimeout(() => void this.runPoll(r), Math.max(0, at - this.now().getTime()));
  }

  private runPoll(r: Runner): Promise<void> {
    const p = this.pollOnce(r).finally(() => {
      r.inFlight = undefined;
      r.abort = undefined;
    });
    r.inFlight = p;
    return p;
  }

  private async pollOnce(r: Runner): Promise<void> {
    const { source } = r;
    const log = this.deps.log.child(source.id);
    // The lease may have gone between scheduling and now: another seat polls it then.
    if (this.deps.holds && !this.deps.holds(source.id)) {
      this.setStandby(source.id, true);
      return;
    }
    const cursor = this.deps.cursors.get(source.id);
    r.abort = new AbortController();
    const started = this.now();
    let result: PollResult;
    try {
      result = await source.poll({ cursor, signal: r.abort.signal, now: this.now, log });
    } catch (e) {
      this.failed(r, asSourceError(e), started);
      return;
    }
    try {
      // A backfill (the first poll of a new source) starts the SLA clock now, not at the post time.
      const backfillFrom = cursor === undefined && !source.simulatesHistory ? this.deps.cursors.connectedAt(source.id, started) : undefined;
      const { mentions, rejected } = this.finalize(result.mentions, backfillFrom);
      if (rejected.length) log.warn(`dropped ${rejected.length} malformed mention(s)`, { first: rejected[0] });
      const entries = mentions.map((m) => mentionEntry(m));
      await (this.deps.append ? this.deps.append(entries) : this.deps.store.append(entries));
      await this.deps.cursors.set(source.id, result.cursor, started);
      const fails = r.health.consecutiveFailures;
      this.update(r, {
        state: 'ok',
        message: mentions.length ? `OK, ${mentions.length} new` : 'OK, nothing new',
        action: undefined,
        lastPollAt: started.toISOString(),
        lastSuccessAt: this.now().toISOString(),
        lastItems: mentions.length,
        totalItems: r.health.totalItems + mentions.length,
        consecutiveFailures: 0,
        ...usageFields(result.usage),
      });
      if (fails) log.info('recovered', { after: fails });
      const wait = Math.max(source.intervalMs, (result.notBefore ?? 0) - this.now().getTime());
      this.schedule(r, wait);
    } catch (e) {
      // The log or cursor write failed (disk full?). Nothing advanced; try again later.
      this.failed(r, new SourceError('error', `Could not save what was polled: ${(e as Error).message}`, { action: 'Check free disk space.' }), started);
    }
  }

  private finalize(items: SourceMention[], backfillFrom: Date | undefined): { mentions: Mention[]; rejected: string[] } {
    const receivedAt = this.now().toISOString();
    const mentions: Mention[] = [];
    const rejected: string[] = [];
    for (const item of items) {
      const { reachInputs, ...rest } = item;
      const scored: Mention = { ...rest, reach: this.deps.score(reachInputs, item.channel), receivedAt };
      if (backfillFrom && Date.parse(scored.createdAt) < backfillFrom.getTime()) {
        scored.clockStartAt = backfillFrom.toISOString();
      }
      const candidate = this.deps.enrich ? this.deps.enrich(scored) : scored;
      const parsed = MentionSchema.safeParse(candidate);
      if (parsed.success) mentions.push(parsed.data);
      else rejected.push(describeZodError(String(item.id), parsed.error));
    }
    return { mentions, rejected };
  }

  private failed(r: Runner, err: SourceError, started: Date): void {
    const failures = r.health.consecutiveFailures + 1;
    const log = this.deps.log.child(r.source.id);
    log.warn(`poll failed: ${err.message}`, { state: err.state, failures });
    const backoff = Math.min(MAX_BACKOFF_MS, Math.max(r.source.intervalMs, 30_000 * 2 ** (failures - 1)));
    const now = this.now().getTime();
    // Retry exactly when the network said (x-rate-limit-reset); a time already past means in a second.
    const retryAt = err.opts.retryAt;
    let next: number | undefined = retryAt !== undefined ? (retryAt > now ? retryAt : now + 1000) : now + backoff;
    if (err.state === 'auth-error') next = undefined; // waits for the user to fix the credential
    const times = failures > 1 && err.state === 'error' ? ` (${failures} times in a row)` : '';
    this.update(r, {
      state: err.state,
      message: `${err.message}${times}`,
      // The health line shows when the next poll is; the action only says whether the user must act.
      action: err.opts.action ?? (next !== undefined ? 'Nothing to do: it retries by itself.' : undefined),
      lastPollAt: started.toISOString(),
      consecutiveFailures: failures,
      lastItems: 0,
      nextPollAt: next !== undefined ? new Date(next).toISOString() : undefined,
      ...usageFields(err.opts.usage),
    });
    if (next !== undefined) this.scheduleAt(r, next);
  }

  private update(r: Runner, patch: Partial<SourceHealth>): void {
    r.health = { ...r.health, ...patch };
    this.deps.onHealth?.(r.health);
  }
}

function usageFields(u: SourceUsage | undefined): Partial<SourceHealth> {
  if (!u) return {};
  const out: Partial<SourceHealth> = {};
  if (u.rateLimitRemaining !== undefined) out.rateLimitRemaining = u.rateLimitRemaining;
  if (u.rateLimitResetAt !== undefined) out.rateLimitResetAt = new Date(u.rateLimitResetAt).toISOString();
  if (u.readsThisMonth !== undefined) out.readsThisMonth = u.readsThisMonth;
  if (u.projectedReadsThisMonth !== undefined) out.projectedReadsThisMonth = Math.round(u.projectedReadsThisMonth);
  if (u.monthlyReadBudget !== undefined) out.monthlyReadBudget = u.monthlyReadBudget;
  return out;
}

export function asSourceError(e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new SourceError('error', `Unexpected failure: ${msg}`, { cause: e });
}
