/**
 * Unread mentions per view, kept current from the mentions each write touched. Counting from scratch
 * reads every unread key and each status's keys: at 100,000 unread on disk, one request of about 2 s,
 * which every write asked for meanwhile (a polled mention's) waits behind. So it counts from scratch
 * once, and again only after a write told as "anything" (a clear, a range delete) or when more than
 * RECOUNT_ABOVE mentions are pending; otherwise it re-reads the mentions written, in short reads of
 * READ_CHUNK (a write can go between them), and checks each against each view with `matchesFilter`,
 * the in-memory meaning of the filter. Writes of any size name their mentions (db/due-changes.ts),
 * so a rebuild's pages are read once each instead of counting everything again after each page.
 */
import type { EarshotDb } from './schema';
import { matchesFilter, type SavedView } from './inbox-filter';
import { unreadMembers } from './queries';

/** A mention's views are kept as bits of one number. */
const MAX_VIEWS = 31;
/** Mentions re-read per request: each a short read, so a write waits for one chunk at most. */
const READ_CHUNK = 500;
/** More mentions pending than this: counting from scratch reads less. */
export const RECOUNT_ABOVE = 25_000;

export class UnreadCounter {
  /** Unread mention → the views (bits, in the order of `views`) it counts in. */
  private readonly member = new Map<string, number>();
  private readonly counts: number[];
  private readonly pending = new Set<string>();
  private everything = true;
  /** What the last run did: tests and the benchmark read it. */
  lastRun: 'all' | 'some' | 'none' = 'none';

  constructor(
    private readonly db: EarshotDb,
    private readonly views: readonly SavedView[],
    private readonly me: string,
  ) {
    this.counts = views.map(() => 0);
  }

  /** Mentions a write touched; undefined when it could have touched any. */
  changed(ids: readonly string[] | undefined): void {
    if (!ids || this.everything) {
      this.everything = true;
      return;
    }
    for (const id of ids) this.pending.add(id);
    if (this.pending.size > RECOUNT_ABOVE) this.everything = true;
  }

  /** Brings the counts up to date with the writes reported so far. */
  async run(): Promise<Record<string, number>> {
    if (this.everything || this.views.length > MAX_VIEWS) {
      // Writes reported while this runs land in `pending` and are checked by the next run.
      this.everything = false;
      this.pending.clear();
      this.lastRun = 'all';
      await this.recount();
    } else if (this.pending.size) {
      const ids = [...this.pending];
      this.pending.clear();
      this.lastRun = 'some';
      await this.update(ids);
    } else this.lastRun = 'none';
    return Object.fromEntries(this.views.map((v, i) => [v.id, this.counts[i]!]));
  }

  private async recount(): Promise<void> {
    const members = await unreadMembers(this.db, [...this.views], this.me);
    this.member.clear();
    members.forEach((ids, i) => {
      this.counts[i] = ids.length;
      for (const id of ids) this.member.set(id, (this.member.get(id) ?? 0) | (1 << i));
    });
  }

  private async update(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += READ_CHUNK) await this.check(ids.slice(i, i + READ_CHUNK));
  }

  private async check(ids: string[]): Promise<void> {
    const rows = await this.db.mentions.bulkGet(ids);
    rows.forEach((m, k) => {
      const id = ids[k]!;
      let bits = 0;
      if (m?.unread === 1) this.views.forEach((v, i) => (bits |= matchesFilter(m, v.filter, this.me) ? 1 << i : 0));
      const was = this.member.get(id) ?? 0;
      if (bits === was) return;
      this.views.forEach((_, i) => (this.counts[i]! += ((bits >> i) & 1) - ((was >> i) & 1)));
      if (bits) this.member.set(id, bits);
      else this.member.delete(id);
    });
  }
}
