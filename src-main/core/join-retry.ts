/**
 * A seat configured for a team that could not join at start runs solo (team-seat.ts) and keeps
 * trying to join while it runs: first after `minMs`, then twice as long each time up to `maxMs`
 * (5 s, 10 s, 20 s, 40 s, 60 s, 60 s...), so a database that comes back is joined within a minute
 * and one that stays down costs one connection attempt a minute. `attempt` does the joining (and
 * says whether it worked); `onWait` tells the status bar when the next try is.
 */
import type { Logger } from './log';

export const JOIN_RETRY_MIN_MS = 5_000;
export const JOIN_RETRY_MAX_MS = 60_000;

/** The wait after `previous` (undefined: the first). */
export function nextJoinDelay(previous: number | undefined, minMs = JOIN_RETRY_MIN_MS, maxMs = JOIN_RETRY_MAX_MS): number {
  return previous === undefined ? minMs : Math.min(maxMs, previous * 2);
}

export interface JoinRetryOptions {
  /** Tries to join; true when the seat is now in its team (the retry ends). */
  attempt: () => Promise<boolean>;
  /** A try failed (or is the first one to come): the next one is in `delayMs`. */
  onWait?: (delayMs: number) => void;
  log: Logger;
  minMs?: number;
  maxMs?: number;
}

export class JoinRetry {
  private timer: NodeJS.Timeout | undefined;
  private delay: number | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: JoinRetryOptions) {}

  start(): void {
    this.schedule();
  }

  /** No further tries; waits for one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.delay = nextJoinDelay(this.delay, this.opts.minMs, this.opts.maxMs);
    this.opts.onWait?.(this.delay);
    this.timer = setTimeout(() => {
      this.running = this.tryOnce().finally(() => (this.running = undefined));
    }, this.delay);
    this.timer.unref();
  }

  private async tryOnce(): Promise<void> {
    if (this.stopped) return;
    let joined = false;
    try {
      joined = await this.opts.attempt();
    } catch (e) {
      this.opts.log.warn(`joining the team failed: ${(e as Error).message}`);
    }
    if (!joined) this.schedule();
  }
}
