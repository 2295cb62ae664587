/**
 * The due times of the mentions waiting for us (AWAITING) and the ids of every mention, held in
 * memory for the SLA banner and the live region. Counting them on the [status+dueAt] index walks
 * the range: on disk, 0.4-2 s per count at 100,000 waiting mentions, which a polled mention's write
 * and the inbox's read of it waited behind (and counting every mention, 0.4-0.5 s at 100,000). So
 * the range and the ids are read once (the range in one transaction, the ids in chunks: IDS_CHUNK),
 * and from then on they follow what each committed write tells about the mentions it wrote or
 * deleted (db/due-changes.ts), whatever its size and whichever context wrote it: no read at all.
 * Only a write that cannot say which mentions it touched (a clear, a range deleted) makes the next
 * ask read again.
 *
 * Why not re-read after big writes, as this did until stop 26: Dexie's `keys()` walks a cursor, one
 * step per entry, in one transaction (100,133 steps and a transaction alive 14 s in a Chromium trace
 * of the polled-mention bench), and IndexedDB's own count or getAllKeys of the range took 1.2-2.2 s
 * on the inbox bench's profile; a write asked for meanwhile waits for it. Reading it in chunks made
 * the rebuild of 100,000 take 245 s instead of 160 s.
 */
import type { EarshotDb } from './schema';
import { AWAITING } from '../../src-main/shared/workflow';
import { STATUS_DUE } from './inbox-query';
import { NewestChange, onDueChanges, DUE_SEQ, type DueChange } from './due-changes';
import { getMeta } from './meta';
import { whenNoRequest } from '../lib/report-requests';

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
  ids = new Set<string>();
  get stored(): number {
    return this.ids.size;
  }
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

/**
 * Ids of every mention read per transaction: at 200,000 mentions one transaction that read them all
 * took 2.4-2.7 s on disk, and the report screen's reads and the report worker's opening waited
 * behind it when a lead opened Fairness just after the inbox (fairness bench, after new events:
 * queued 2.1-2.3 s). In chunks the whole read costs about the same (2.0-2.7 s for 202,000 ids in
 * chunks of 2,000, 5,000 or 10,000), and a request waits for one chunk at most: the longest of 5,000
 * took 66-73 ms, of 10,000 106-225 ms. The due times are read with the first chunk, and the banner
 * counts as soon as they are in: only the live region's total (storedMentions) waits for every chunk.
 */
const IDS_CHUNK = 5_000;

/** One per database: what is held, and the change numbers it is as of. */
class Tracker {
  private held = new Held();
  /** Per mention, the last change applied to it after the last full read. */
  private order = new NewestChange();
  /** The change number the last full read is as of (every change up to it is in what it read). */
  private readSeq = -Infinity;
  private needRead = true;
  /** The read under way: its due times (the banner's figures), then every id (the stored count). */
  private reading: { due: Promise<AwaitingDue>; all: Promise<AwaitingDue> } | undefined;
  /** Full reads so far (tests). */
  fullReads = 0;

  constructor(
    private db: EarshotDb,
    private idsChunk: number,
  ) {
    onDueChanges((c) => {
      if (c.db === db.name) this.changed(c);
    });
  }

  private changed(c: DueChange): void {
    if ('all' in c) {
      if (c.seq > this.readSeq || c.seq === -Infinity) this.needRead = true;
      return;
    }
    if (c.seq <= this.readSeq) return;
    for (const [id, due] of c.due) {
      if (!this.order.take(id, c.seq)) continue;
      this.held.ids.add(id);
      if (due === null) this.held.due.delete(id);
      else this.held.due.set(id, due);
    }
    for (const id of c.gone) {
      if (!this.order.take(id, c.seq)) continue;
      this.held.ids.delete(id);
      this.held.due.delete(id);
    }
    // Not while a full read runs: it needs every change newer than what it read.
    if (!this.reading) this.order.forgetOld();
  }

  /** The due times as of the last change told; the range is read once, and again only after a clear. */
  current(): Promise<AwaitingDue> {
    return this.read()?.due ?? Promise.resolve(this.held);
  }

  /** How many mentions are stored: known once every id was read (in chunks, after the due times). */
  stored(): Promise<number> {
    return (this.read()?.all ?? Promise.resolve(this.held)).then(() => this.held.stored);
  }

  /** The read under way, or one started now when needed; none when what is held is current. */
  private read(): { due: Promise<AwaitingDue>; all: Promise<AwaitingDue> } | undefined {
    // Asked again while a read runs: the same read (not what is held before it ends).
    if (this.reading || !this.needRead) return this.reading;
    this.needRead = false;
    const due = this.readDue();
    const all = due
      .then((d) => this.readIds(d))
      .catch((e: unknown) => {
        this.needRead = true; // the next ask tries again
        throw e;
      })
      .finally(() => (this.reading = undefined));
    // Its failure reaches whoever asked; the banner alone asks only for the due times.
    all.catch(() => undefined);
    this.reading = { due: due.then(() => this.held), all };
    return this.reading;
  }

  /** The range and the first chunk of ids, in one transaction: the due times are current after it. */
  private async readDue(): Promise<{ asOf: number; firstIds: string[] }> {
    const db = this.db;
    const [seq, firstIds, parts] = await db.transaction('r', db.mentions, db.meta, () =>
      Promise.all([
        getMeta(db, DUE_SEQ),
        db.mentions.limit(this.idsChunk).primaryKeys(),
        Promise.all(
          AWAITING.map((s) => {
            const range = () => db.mentions.where(STATUS_DUE).between([s, -Infinity], [s, Infinity], true, true);
            return Promise.all([range().keys(), range().primaryKeys()]);
          }),
        ),
      ]),
    );
    const asOf = seq ?? -Infinity;
    const next = new Map<string, number>();
    // The same range in the same order: index keys ([status, dueAt]) beside the ids they point to;
    // per mention, only when nothing was told about it after what was read.
    for (const [keys, keyIds] of parts)
      keyIds.forEach((id, i) => {
        if (this.order.noneAfter(id, asOf)) next.set(id, (keys[i] as unknown as [string, number])[1]);
      });
    // Changes told while the read ran, later than what it read: kept.
    for (const id of this.order.idsAfter(asOf)) {
      const due = this.held.due.get(id);
      if (due !== undefined) next.set(id, due);
    }
    this.held.due = next;
    // From here on only changes newer than the read are applied: the banner can count.
    this.readSeq = Math.max(this.readSeq, asOf);
    this.fullReads++;
    return { asOf, firstIds };
  }

  /**
   * The other ids a chunk at a time, each in its own transaction: requests asked for meanwhile wait
   * for one chunk, not for all. A later chunk may already hold writes made after `asOf`; every such
   * write is told after `asOf` too, and the mentions it touched are taken from what it told, as for
   * writes made while one transaction read them all. Each chunk waits while a report is being
   * worked out (lib/report-requests.ts): only the live region's total waits for them, and on disk
   * they cost IndexedDB 2 s or so at 200,000 mentions, which a lead opening Fairness just after the
   * inbox waited behind.
   */
  private async readIds({ asOf, firstIds }: { asOf: number; firstIds: string[] }): Promise<AwaitingDue> {
    const allIds = firstIds;
    for (let chunk = firstIds; chunk.length === this.idsChunk; ) {
      await whenNoRequest();
      chunk = await this.db.mentions.where(':id').above(chunk[chunk.length - 1]!).limit(this.idsChunk).primaryKeys();
      for (const id of chunk) allIds.push(id);
    }
    const ids = new Set<string>();
    for (const id of allIds) if (this.order.noneAfter(id, asOf)) ids.add(id);
    for (const id of this.order.idsAfter(asOf)) if (this.held.ids.has(id)) ids.add(id);
    this.order.forgetUpTo(asOf);
    this.held.ids = ids;
    return this.held;
  }
}

const trackers = new Map<EarshotDb, Tracker>();

function trackerOf(db: EarshotDb, idsChunk: number): Tracker {
  let t = trackers.get(db);
  if (!t) trackers.set(db, (t = new Tracker(db, idsChunk)));
  return t;
}

/**
 * The awaiting mentions' due times for `db`, current as of the last write seen; the first ask waits
 * for the range's read only, not for every id (`idsChunk`: tests).
 */
export function awaitingDue(db: EarshotDb, idsChunk = IDS_CHUNK): Promise<AwaitingDue> {
  return trackerOf(db, idsChunk).current();
}

/** Every mention stored in `db`, whatever its status, current as of the last write seen. */
export function storedMentions(db: EarshotDb, idsChunk = IDS_CHUNK): Promise<number> {
  return trackerOf(db, idsChunk).stored();
}

/** Full reads of the range made for `db` so far (tests). */
export function awaitingFullReads(db: EarshotDb): number {
  return trackers.get(db)?.fullReads ?? 0;
}
