/**
 * The due times of the mentions waiting for us (AWAITING), held in memory for the SLA banner and the
 * live region, and kept current from the mentions each write touched (db/changed-keys.ts). Counting
 * them on the [status+dueAt] index walks the range: on disk, 0.4-1 s per count at 100,000 open
 * mentions, which a polled mention's write and the inbox's read of it waited behind (the polled
 * mention bench's slowest samples). Read once (index keys and ids of the same range, in one
 * transaction), then a write of a few mentions costs a read of those few; a write of many (Dexie
 * names the keys of writes under 50 records only) reads the whole range again.
 *
 * Known cost, not yet removed: Dexie's `keys()` walks a cursor, one step per entry (IndexedDB has no
 * batch read of index keys), so the full read is 100,000 steps in one transaction at 100,000 open
 * mentions: 2 s idle, up to 14 s beside other reads (Chromium trace, stop 25), and a write asked for
 * meanwhile waits for it (the polled-mention bench's late samples after a rebuild). The same walk in
 * chunks of 5,000, each its own transaction, was tried: the rebuild of 100,000 took 245 s instead
 * of 160 s. The fix is a read without the walk.
 */
import type { EarshotDb } from './schema';
import { AWAITING } from './queries';
import { STATUS_DUE } from './inbox-query';
import { onKeysChange } from './changed-keys';
import { backoffAfter } from './throttled-live-query';

export interface AwaitingDue {
  /** Waiting for us and due before `nowMs` (`atNow: 'late'`: at or before). */
  pastDue(nowMs: number, atNow: 'late' | 'soon'): number;
  /** Due from `fromMs` to `toMs`, both included. */
  dueBetween(fromMs: number, toMs: number): number;
  /** The first due time from `fromMs` on (up to `toMs`), if any. */
  nextDue(fromMs: number, toMs?: number): number | undefined;
}

class Held implements AwaitingDue {
  due = new Map<string, number>();
  pastDue(nowMs: number, atNow: 'late' | 'soon'): number {
    let n = 0;
    for (const d of this.due.values()) if (d < nowMs || (atNow === 'late' && d === nowMs)) n++;
    return n;
  }
  dueBetween(fromMs: number, toMs: number): number {
    let n = 0;
    for (const d of this.due.values()) if (d >= fromMs && d <= toMs) n++;
    return n;
  }
  nextDue(fromMs: number, toMs = Infinity): number | undefined {
    let best: number | undefined;
    for (const d of this.due.values()) if (d >= fromMs && d <= toMs && (best === undefined || d < best)) best = d;
    return best;
  }
}

/** One per database: the writes it listens to, what is held, and what is left to read. */
class Tracker {
  private held = new Held();
  private all = true;
  private dirty = new Set<string>();
  /** The read under way, and the change notices seen when it was asked for. */
  private reading: { p: Promise<AwaitingDue>; seen: number } | undefined;
  private notices = 0;
  /** Full reads so far (tests). */
  fullReads = 0;
  /** No full read again before this (Date.now()). */
  private notBefore = -Infinity;

  constructor(private db: EarshotDb) {
    onKeysChange('mentions', (ids) => {
      this.notices++;
      if (!ids) this.all = true;
      else for (const id of ids) this.dirty.add(id);
    });
  }

  /**
   * The due times as of the last write seen; one read at a time. A second ask shares the read under
   * way, unless a write was seen since it was asked for: then another read follows it.
   */
  current(): Promise<AwaitingDue> {
    if (this.reading && this.reading.seen === this.notices) return this.reading.p;
    const before = this.reading?.p.catch(() => undefined) ?? Promise.resolve();
    const p = before.then(() => this.bring());
    const mine = (this.reading = { p, seen: this.notices });
    const done = (): void => {
      if (this.reading === mine) this.reading = undefined;
    };
    p.then(done, done);
    return p;
  }

  private async bring(): Promise<AwaitingDue> {
    // After a write of many (a rebuild's batches), the whole range again, but no more than
    // BACKGROUND_SHARE of the time: meanwhile the figures stay as last read. Read again on every
    // ask, the rebuild of 100,000 mentions took 270 s instead of 147 s.
    if (this.all && this.fullReads > 0 && Date.now() < this.notBefore) return this.held;
    if (this.all) {
      const started = Date.now();
      this.all = false;
      this.dirty.clear();
      const db = this.db;
      const parts = await db.transaction('r', db.mentions, () =>
        Promise.all(
          AWAITING.map((s) => {
            const range = () => db.mentions.where(STATUS_DUE).between([s, -Infinity], [s, Infinity], true, true);
            return Promise.all([range().keys(), range().primaryKeys()]);
          }),
        ),
      );
      const next = new Held();
      // The same range in the same order: index keys ([status, dueAt]) beside the ids they point to.
      for (const [keys, ids] of parts) ids.forEach((id, i) => next.due.set(id, (keys[i] as unknown as [string, number])[1]));
      this.held = next;
      this.fullReads++;
      const ended = Date.now();
      this.notBefore = ended + backoffAfter(ended - started, Infinity);
    } else if (this.dirty.size) {
      const ids = [...this.dirty];
      this.dirty.clear();
      const rows = await this.db.mentions.bulkGet(ids);
      const awaiting: readonly string[] = AWAITING;
      rows.forEach((r, i) => {
        if (r && awaiting.includes(r.status)) this.held.due.set(ids[i]!, r.dueAt);
        else this.held.due.delete(ids[i]!);
      });
    }
    return this.held;
  }
}

const trackers = new Map<EarshotDb, Tracker>();

/** The awaiting mentions' due times for `db`, current as of the last write seen. */
export function awaitingDue(db: EarshotDb): Promise<AwaitingDue> {
  let t = trackers.get(db);
  if (!t) trackers.set(db, (t = new Tracker(db)));
  return t.current();
}

/** Full reads of the range made for `db` so far (tests). */
export function awaitingFullReads(db: EarshotDb): number {
  return trackers.get(db)?.fullReads ?? 0;
}
