/**
 * Entries waiting to go up to the team database while it cannot be reached: JSON lines in the data
 * folder (`team-pending.jsonl`), each batch fsync'd before it is acknowledged, so a seat killed
 * while offline loses nothing. A torn last line (killed mid-write) was never acknowledged and is
 * skipped. Once uploaded, the file is rewritten atomically without what went up.
 */
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { LogEntryEnvelopeSchema, type LogEntry } from '../shared/log-entry';
import { SerialQueue, readFileIfExists, syncDir, writeFileAtomic } from '../core/fsutil';

export const PENDING_FILE = 'team-pending.jsonl';

export class OfflineJournal {
  private entries: LogEntry[] = [];
  private readonly queue = new SerialQueue();

  private constructor(readonly path: string) {}

  static async open(dataDir: string): Promise<OfflineJournal> {
    const j = new OfflineJournal(join(dataDir, PENDING_FILE));
    await fs.mkdir(dirname(j.path), { recursive: true });
    const text = (await readFileIfExists(j.path)) ?? '';
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = LogEntryEnvelopeSchema.safeParse(JSON.parse(line));
        if (e.success) j.entries.push(e.data);
      } catch {
        // torn last line: that batch was never acknowledged
      }
    }
    return j;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The waiting entries, oldest first. */
  peek(limit: number): LogEntry[] {
    return this.entries.slice(0, limit);
  }

  /** Resolves once the entries are on disk (fsync'd). */
  add(entries: readonly LogEntry[]): Promise<void> {
    return this.queue.run(async () => {
      const existed = (await readFileIfExists(this.path)) !== undefined;
      const fh = await fs.open(this.path, 'a');
      try {
        await fh.appendFile(entries.map((e) => JSON.stringify(e) + '\n').join(''));
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (!existed) await syncDir(dirname(this.path));
      this.entries.push(...entries);
    });
  }

  /** Forgets the oldest `count` entries (they are in the team log now). */
  drop(count: number): Promise<void> {
    return this.queue.run(async () => {
      this.entries = this.entries.slice(count);
      await writeFileAtomic(this.path, this.entries.map((e) => JSON.stringify(e) + '\n').join(''));
    });
  }
}
