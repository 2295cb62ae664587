/**
 * Per-source cursors (X since_id, feed validators and seen ids, the demo's position) and the time
 * each source was first connected (a backfill's SLA clock starts then). Saved atomically, and only
 * after the outbox holds the mentions a cursor moves past.
 */
import { join } from 'node:path';
import { SerialQueue, readFileIfExists, writeFileAtomic } from './fsutil';

interface CursorFile {
  sources: Record<string, { cursor?: unknown; connectedAt: string }>;
}

export class CursorStore {
  private data: CursorFile = { sources: {} };
  private readonly queue = new SerialQueue();

  private constructor(private readonly path: string) {}

  static async open(dir: string): Promise<CursorStore> {
    const store = new CursorStore(join(dir, 'cursors.json'));
    const text = await readFileIfExists(store.path);
    if (text) {
      try {
        const parsed = JSON.parse(text) as CursorFile;
        if (parsed && typeof parsed === 'object' && parsed.sources) store.data = parsed;
      } catch {
        // An unreadable cursor file costs a re-poll (deduplicated by mention id), never a crash.
      }
    }
    return store;
  }

  get(sourceId: string): unknown {
    return this.data.sources[sourceId]?.cursor;
  }

  /** When the source was first connected; records now if it never was. */
  connectedAt(sourceId: string, now: Date): Date {
    const existing = this.data.sources[sourceId];
    if (existing) return new Date(existing.connectedAt);
    this.data.sources[sourceId] = { connectedAt: now.toISOString() };
    return now;
  }

  set(sourceId: string, cursor: unknown, now: Date = new Date()): Promise<void> {
    const entry = this.data.sources[sourceId] ?? { connectedAt: now.toISOString() };
    this.data.sources[sourceId] = { ...entry, cursor };
    return this.save();
  }

  remove(sourceId: string): Promise<void> {
    delete this.data.sources[sourceId];
    return this.save();
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.data);
    return this.queue.run(() => writeFileAtomic(this.path, snapshot));
  }

  flush(): Promise<void> {
    return this.queue.idle();
  }
}
