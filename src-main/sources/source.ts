/**
 * What every source connector implements. A source knows how to ask its network for what is new
 * since a cursor; the poller (core/poller.ts) owns scheduling, the outbox hand-off, cursor saving,
 * reach scoring and health. Cursors are plain JSON, saved only after the outbox has the mentions.
 */
import type { SourceMention } from '../shared/mention';
import type { HealthState } from '../shared/sources';
import type { Logger } from '../core/log';

export interface PollContext {
  /** The cursor the last successful poll returned, or undefined on the first poll. */
  cursor: unknown;
  signal: AbortSignal;
  now: () => Date;
  log: Logger;
}

/** Usage figures a source reports for its health line. */
export interface SourceUsage {
  rateLimitRemaining?: number | null;
  rateLimitResetAt?: number; // epoch ms
  readsThisMonth?: number;
  projectedReadsThisMonth?: number;
  monthlyReadBudget?: number;
}

export interface PollResult {
  mentions: SourceMention[];
  /** The cursor to persist once the mentions are in the outbox. */
  cursor: unknown;
  /** Earliest time (epoch ms) the next poll may run, when the network or a budget says so. */
  notBefore?: number;
  usage?: SourceUsage;
}

export interface Source {
  readonly id: string;
  readonly kind: string;
  /** Default time between polls when nothing else says otherwise. */
  readonly intervalMs: number;
  /**
   * The demo replays history as if Earshot had been listening all along, so its first poll is not a
   * backfill and the SLA clock runs from each post's own time.
   */
  readonly simulatesHistory?: boolean;
  poll(ctx: PollContext): Promise<PollResult>;
  /** Releases sockets, timers. Optional. */
  close?(): Promise<void>;
}

/** A poll failure that knows how it should show in the source's health line. */
export class SourceError extends Error {
  constructor(
    readonly state: Exclude<HealthState, 'ok' | 'paused' | 'starting'>,
    message: string,
    readonly opts: { action?: string; retryAt?: number; usage?: SourceUsage; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
