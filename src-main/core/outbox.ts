/**
 * The outbox journal: every mention main has heard, in numbered batches, on disk before anyone
 * relies on it (DESIGN.md "Delivery"). A poll's mentions are appended and fsync'd; only then does
 * the poller advance the source's cursor. Batches leave the journal when the renderer acks them.
 *
 * File format, one JSON object per line:
 *   {"t":"h","journal":"<id>","acked":N,"lastSeq":M}   header, first line (rewritten on compaction)
 *   {"t":"m","seq":N,"mentions":[...]}                   a batch
 *   {"t":"a","seq":N}                                    the renderer has committed every batch <= N
 *
 * A crash can leave a torn last line: it is ignored and cut off on open. A batch whose line is torn
 * was never fsync'd, so its cursor never advanced and the next poll fetches it again.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Mention } from '../shared/mention';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, SerialQueue, readFileIfExists, syncDir } from './fsutil';
import type { Logger } from './log';

export interface OutboxEntry {
  seq: number;
  mentions: Mention[];
}

export interface OutboxOptions {
  /** Compact once this many acked batches sit in the file. */
  compactAfterAcked?: number;
  /** Split appends so no batch is larger than this. */
  maxBatch?: number;
  log?: Logger;
}

type Line = { t: 'h'; journal: string; acked: number; lastSeq: number } | { t: 'm'; seq: number; mentions: Mention[] } | { t: 'a'; seq: number };

export class Outbox {
  private entries: OutboxEntry[] = [];
  private acked = 0;
  private seq = 0;
  private ackedSinceCompaction = 0;
  private fh: fs.FileHandle | undefined;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(e: OutboxEntry) => void>();
  /** Lines skipped on open (torn or corrupt), for tests and logs. */
  skippedLines = 0;

  private constructor(
    private readonly path: string,
    public journalId: string,
    private readonly opts: Required<Omit<OutboxOptions, 'log'>> & { log?: Logger },
  ) {}

  static async open(dir: string, options: OutboxOptions = {}): Promise<Outbox> {
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const path = join(dir, 'outbox.jsonl');
    const opts = { compactAfterAcked: 200, maxBatch: 500, ...options };
    const box = new Outbox(path, randomUUID(), opts);
    await box.load();
    return box;
  }

  private async load(): Promise<void> {
    const text = await readFileIfExists(this.path);
    if (text === undefined || text.length === 0) {
      await this.rewrite();
      return;
    }
    const lines = text.split('\n');
    // The part after the last newline is either empty or a torn write.
    const tail = lines.pop() ?? '';
    if (tail.length > 0) {
      this.skippedLines++;
      this.opts.log?.warn('outbox: ignoring a torn last line (a crash during a write)', { bytes: tail.length });
    }
    const byseq = new Map<number, OutboxEntry>();
    for (const raw of lines) {
      if (!raw.trim()) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        this.skippedLines++;
        this.opts.log?.warn('outbox: skipping an unreadable line');
        continue;
      }
      if (line.t === 'h') {
        this.journalId = line.journal;
        this.acked = Math.max(this.acked, line.acked);
        this.seq = Math.max(this.seq, line.lastSeq);
      } else if (line.t === 'm') {
        byseq.set(line.seq, { seq: line.seq, mentions: line.mentions });
        this.seq = Math.max(this.seq, line.seq);
      } else if (line.t === 'a') {
        this.acked = Math.max(this.acked, line.seq);
      }
    }
    this.entries = [...byseq.values()].filter((e) => e.seq > this.acked).sort((a, b) => a.seq - b.seq);
    if (tail.length > 0) {
      // Cut the torn line off so the next append starts on a clean line.
      await fs.truncate(this.path, Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8'));
    }
    this.fh = await fs.open(this.path, 'a', PRIVATE_FILE_MODE);
  }

  get lastSeq(): number {
    return this.seq;
  }
  get lastAcked(): number {
    return this.acked;
  }
  /** Batches written but not yet acked. */
  get pending(): readonly OutboxEntry[] {
    return this.entries;
  }
  get pendingMentions(): number {
    return this.entries.reduce((n, e) => n + e.mentions.length, 0);
  }

  /** Entries with seq > after, oldest first. */
  entriesAfter(after: number): OutboxEntry[] {
    // entries are sorted by seq: binary search for the first one above `after`.
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.entries.slice(lo);
  }

  onAppend(cb: (e: OutboxEntry) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Appends mentions durably (fsync'd) and resolves with the batches written. */
  append(mentions: Mention[]): Promise<OutboxEntry[]> {
    if (mentions.length === 0) return Promise.resolve([]);
    return this.queue.run(async () => {
      const written: OutboxEntry[] = [];
      let text = '';
      for (let i = 0; i < mentions.length; i += this.opts.maxBatch) {
        const entry = { seq: this.seq + written.length + 1, mentions: mentions.slice(i, i + this.opts.maxBatch) };
        text += JSON.stringify({ t: 'm', seq: entry.seq, mentions: entry.mentions }) + '\n';
        written.push(entry);
      }
      const fh = this.handle();
      await fh.write(text);
      await fh.datasync();
      // Only now, with the batch on disk, does it exist for anyone else.
      this.seq += written.length;
      this.entries.push(...written);
      for (const e of written) for (const l of this.listeners) l(e);
      return written;
    });
  }

  /**
   * Records that the renderer committed every batch up to seq. The ack line is not fsync'd: losing
   * it in a crash only means a harmless replay (the renderer writes by mention id).
   */
  ack(seq: number): Promise<void> {
    return this.queue.run(async () => {
      if (seq <= this.acked) return;
      const upTo = Math.min(seq, this.seq);
      const before = this.entries.length;
      this.entries = this.entries.filter((e) => e.seq > upTo);
      this.acked = upTo;
      this.ackedSinceCompaction += before - this.entries.length;
      await this.handle().write(JSON.stringify({ t: 'a', seq: upTo }) + '\n');
      if (this.ackedSinceCompaction >= this.opts.compactAfterAcked) await this.rewrite();
    });
  }

  /** Rewrites the file with only the unacked batches (temp file, fsync, rename, fsync dir). */
  compact(): Promise<void> {
    return this.queue.run(() => this.rewrite());
  }

  private async rewrite(): Promise<void> {
    const header: Line = { t: 'h', journal: this.journalId, acked: this.acked, lastSeq: this.seq };
    let text = JSON.stringify(header) + '\n';
    for (const e of this.entries) text += JSON.stringify({ t: 'm', seq: e.seq, mentions: e.mentions }) + '\n';
    const tmp = `${this.path}.tmp`;
    const out = await fs.open(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      await out.writeFile(text);
      await out.sync();
    } finally {
      await out.close();
    }
    await this.fh?.close();
    await fs.rename(tmp, this.path);
    await syncDir(join(this.path, '..'));
    this.fh = await fs.open(this.path, 'a', PRIVATE_FILE_MODE);
    this.ackedSinceCompaction = 0;
  }

  private handle(): fs.FileHandle {
    if (!this.fh) throw new Error('outbox is closed');
    return this.fh;
  }

  /** Waits for every queued write, then closes the file. */
  async close(): Promise<void> {
    await this.queue.run(async () => {
      await this.fh?.sync();
      await this.fh?.close();
      this.fh = undefined;
    });
  }

  /** Resolves when every write queued so far is on disk. */
  flush(): Promise<void> {
    return this.queue.idle();
  }
}
