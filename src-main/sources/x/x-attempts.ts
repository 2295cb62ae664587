/**
 * The record of reply attempts that makes "never post twice" hold across timeouts and restarts.
 * An attempt is written (fsync'd) as `sending` BEFORE the POST leaves, so after a crash or an
 * unanswered request we know a post may exist and check X before sending again.
 *
 * Stored as JSON lines, one line per state change, the last line for an attempt wins. Appending a
 * line is the cheapest durable write; a torn last line (a crash mid-write) is skipped on reading,
 * and the file is compacted (rewritten atomically) when it has grown well past its live records.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, SerialQueue, readFileIfExists, syncDir, writeFileAtomic } from '../../core/fsutil';

export const ATTEMPT_STATES = [
  'sending', // recorded, POST about to go or gone, no answer yet
  'unknown', // the POST got no clear answer (timeout, reset, 5xx): it may exist on X
  'sent', // X confirmed (or the check found it): replyId is set
  'failed', // X clearly refused; nothing was posted
] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

const AttemptSchema = z.object({
  attemptId: z.string().min(1),
  targetTweetId: z.string().regex(/^\d+$/),
  text: z.string(),
  state: z.enum(ATTEMPT_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  replyId: z.string().optional(),
  url: z.string().optional(),
  postedAt: z.string().optional(),
  error: z.string().optional(),
});
export type ReplyAttempt = z.infer<typeof AttemptSchema>;

export interface ReplyAttemptStore {
  get(attemptId: string): Promise<ReplyAttempt | undefined>;
  /** Resolves once the record is durable. */
  put(attempt: ReplyAttempt): Promise<void>;
}

export class JsonlAttemptStore implements ReplyAttemptStore {
  private readonly latest = new Map<string, ReplyAttempt>();
  private readonly queue = new SerialQueue();
  /** A new file's directory entry must be fsync'd too, once, or a crash could lose the file. */
  private dirSynced = true;

  private constructor(private readonly path: string) {}

  static async open(path: string): Promise<JsonlAttemptStore> {
    const store = new JsonlAttemptStore(path);
    await fs.mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
    const existing = await readFileIfExists(path);
    store.dirSynced = existing !== undefined;
    const text = existing ?? '';
    const lines = text.split('\n').filter((l) => l.trim());
    for (const line of lines) {
      try {
        const a = AttemptSchema.safeParse(JSON.parse(line));
        if (a.success) store.latest.set(a.data.attemptId, a.data);
      } catch {
        // a torn line from a crash mid-append: the previous state of that attempt stands
      }
    }
    const torn = text.length > 0 && !text.endsWith('\n');
    if (torn || lines.length > 2 * store.latest.size + 100) await store.compact();
    return store;
  }

  async get(attemptId: string): Promise<ReplyAttempt | undefined> {
    const a = this.latest.get(attemptId);
    return a ? { ...a } : undefined;
  }

  put(attempt: ReplyAttempt): Promise<void> {
    const record = AttemptSchema.parse(attempt);
    return this.queue.run(async () => {
      const fh = await fs.open(this.path, 'a', PRIVATE_FILE_MODE);
      try {
        await fh.appendFile(JSON.stringify(record) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (!this.dirSynced) {
        await syncDir(dirname(this.path));
        this.dirSynced = true;
      }
      this.latest.set(record.attemptId, record);
    });
  }

  private compact(): Promise<void> {
    const body = [...this.latest.values()].map((a) => JSON.stringify(a) + '\n').join('');
    return this.queue.run(() => writeFileAtomic(this.path, body));
  }
}

/** For tests that do not restart: forgets everything when the process ends. */
export function createMemoryAttemptStore(): ReplyAttemptStore {
  const map = new Map<string, ReplyAttempt>();
  return {
    get: async (id) => (map.has(id) ? { ...(map.get(id) as ReplyAttempt) } : undefined),
    put: async (a) => void map.set(a.attemptId, AttemptSchema.parse(a)),
  };
}
