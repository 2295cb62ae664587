/**
 * The way this seat's own entries (its agent's actions, the mentions it heard) reach the team log,
 * online or not. `submit` appends to the team database; when the database cannot be reached the
 * entries go to the local journal (fsync'd) and the seat is `offline` with the count waiting. A
 * reconnect loop (backoff up to `maxBackoffMs`) sends them up in order, once each (entry ids make a
 * repeat harmless), then the seat is `connected` again. Entries waiting from a seat that was killed
 * while offline go up when it starts again.
 *
 * While anything waits, new entries queue behind it, so this seat's entries reach the log in the
 * order it made them.
 */
import type { LogEntry } from '../shared/log-entry';
import type { TeamStatus } from '../shared/team';
import type { AppendResult, LogStore } from '../log/log-store';
import { prepareEntries } from '../log/pg-log';
import { OfflineJournal } from './offline-journal';
import { isConnectionError } from './pg-connect';
import { createLogger, type Logger } from '../core/log';

export type SubmitResult = { state: 'appended'; results: AppendResult[] } | { state: 'queued'; waiting: number };

export interface UplinkOptions {
  log: LogStore;
  dataDir: string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: Logger;
}

const DRAIN_BATCH = 200;

export class Uplink {
  private journal!: OfflineJournal;
  private status: TeamStatus = { state: 'connected', waiting: 0 };
  private readonly listeners = new Set<(s: TeamStatus) => void>();
  private timer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private draining: Promise<void> | undefined;
  private stopped = false;
  private readonly logger: Logger;

  constructor(private readonly opts: UplinkOptions) {
    this.backoffMs = opts.minBackoffMs ?? 500;
    this.logger = opts.logger ?? createLogger('uplink');
  }

  async start(): Promise<void> {
    this.journal = await OfflineJournal.open(this.opts.dataDir);
    if (this.journal.size > 0) {
      this.setStatus({ state: 'offline', waiting: this.journal.size, message: 'sending entries that waited while the team database was unreachable' });
      await this.drain();
    }
  }

  get(): TeamStatus {
    return { ...this.status };
  }

  onStatus(cb: (s: TeamStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Appends entries to the team log, or, when it cannot be reached, keeps them in the local
   * journal. Resolves once they are durable in one or the other. Invalid entries are refused
   * (thrown) and stored nowhere.
   */
  async submit(entries: readonly LogEntry[]): Promise<SubmitResult> {
    prepareEntries(entries); // refuse a bad entry before it can wait anywhere
    if (this.journal.size > 0 || this.draining) return this.queue(entries, this.status.message);
    try {
      return { state: 'appended', results: await this.opts.log.append(entries) };
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      return this.queue(entries, (e as Error).message);
    }
  }

  /** Tries to send the waiting entries now (also called by the reconnect loop). */
  drain(): Promise<void> {
    this.draining ??= this.drainNow().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** The log's tailing connection went down or came back (PgLogStore.onConnection). */
  connection(up: boolean, message?: string): void {
    if (up) {
      void this.drain();
    } else {
      this.setStatus({ state: 'offline', waiting: this.journal?.size ?? 0, message: message ?? 'lost the team database; reconnecting' });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
  }

  private async queue(entries: readonly LogEntry[], why: string | undefined): Promise<SubmitResult> {
    await this.journal.add(entries);
    this.setStatus({ state: 'offline', waiting: this.journal.size, message: why ?? 'the team database cannot be reached' });
    this.scheduleDrain();
    return { state: 'queued', waiting: this.journal.size };
  }

  private async drainNow(): Promise<void> {
    while (this.journal.size > 0 && !this.stopped) {
      const batch = this.journal.peek(DRAIN_BATCH);
      try {
        await this.opts.log.append(batch);
      } catch (e) {
        if (isConnectionError(e)) {
          this.setStatus({ state: 'offline', waiting: this.journal.size, message: (e as Error).message });
          this.scheduleDrain();
          return;
        }
        // Entries were validated before they waited, so this is the database refusing (rights,
        // disk full): keep them, say so, and try again later rather than drop anything.
        this.logger.error('the team database refused waiting entries; they stay in the local journal', { why: (e as Error).message });
        this.setStatus({ state: 'offline', waiting: this.journal.size, message: (e as Error).message });
        this.scheduleDrain();
        return;
      }
      await this.journal.drop(batch.length);
      this.setStatus({ state: this.journal.size > 0 ? 'offline' : 'connected', waiting: this.journal.size });
    }
    this.backoffMs = this.opts.minBackoffMs ?? 500;
    if (this.journal.size === 0) this.setStatus({ state: 'connected', waiting: 0 });
  }

  private scheduleDrain(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.backoffMs);
    this.timer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 10_000);
  }

  private setStatus(s: TeamStatus): void {
    if (s.state === this.status.state && s.waiting === this.status.waiting && s.message === this.status.message) return;
    this.status = s;
    for (const cb of this.listeners) cb({ ...s });
  }
}
