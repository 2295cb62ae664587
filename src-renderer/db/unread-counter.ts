/**
 * Unread mentions per view, kept current from what each write tells (db/due-changes.ts: writes of
 * every size, from every context). Counting from scratch reads every unread key and each status's
 * keys: at 100,000 unread on disk, requests of 2 s and more, which every write asked for meanwhile (a
 * polled mention's) waits behind. So it counts from scratch once, and again only after a write told
 * as "anything" (a clear, a range delete). Otherwise each write names the mentions it touched and
 * gives the filter fields of those it left unread: each is checked against each view with
 * `matchesFields`, with no read at all. Only views that search text need the records (the text is
 * not told): then the unread mentions written are read, in at most READS_PER_RUN requests per run.
 */
import type { EarshotDb, MentionRecord } from './schema';
import { matchesFields, matchesFilter, searchesText, type FilterFields, type SavedView } from './inbox-filter';
import { unreadMembers } from './queries';
import { NewestChange, type DueChange } from './due-changes';

/** A mention's views are kept as bits of one number. */
const MAX_VIEWS = 31;
/**
 * Records read per request, at least, for views that search text; a run makes at most READS_PER_RUN
 * requests. During a rebuild each request also waits for the write ahead of it (0.5 s or so): 20,000
 * pending read 500 at a time took 26 s, in which more than that many arrived.
 */
const READ_CHUNK = 500;
const READS_PER_RUN = 4;

export class UnreadCounter {
  /** Unread mention → the views (bits, in the order of `views`) it counts in. */
  private readonly member = new Map<string, number>();
  private readonly counts: number[];
  /** Per mention told since the last run: its filter fields when it is unread, null when not (or gone). */
  private readonly pending = new Map<string, FilterFields | null>();
  private everything = true;
  /** The newest change taken per mention; changes numbered up to `floor` (the last clear) are ignored. */
  private readonly order = new NewestChange();
  private floor = -Infinity;
  /** The views that search text: their bits need the records. */
  private readonly textViews: number[];
  /** What the last run did, and how many records it read: tests and the benchmark read them. */
  lastRun: 'all' | 'some' | 'none' = 'none';
  recordsRead = 0;

  constructor(
    private readonly db: EarshotDb,
    private readonly views: readonly SavedView[],
    private readonly me: string,
  ) {
    this.counts = views.map(() => 0);
    this.textViews = views.flatMap((v, i) => (searchesText(v.filter) ? [i] : []));
  }

  /** A committed write, told by due-changes.ts (in this context or another). */
  changed(c: DueChange): void {
    if ('all' in c) {
      this.everything = true;
      this.pending.clear();
      this.floor = Math.max(this.floor, c.seq);
      this.order.forgetUpTo(this.floor);
      return;
    }
    if (c.seq <= this.floor) return;
    const unread = new Map(c.unread.map((f) => [f.id, f] as const));
    for (const id of [...c.due.map(([id]) => id), ...c.gone]) {
      if (this.order.take(id, c.seq) && !this.everything) this.pending.set(id, unread.get(id) ?? null);
    }
  }

  /** Counts from scratch on the next run (after a run that failed part way). */
  countAgain(): void {
    this.everything = true;
    this.pending.clear();
  }

  /** Brings the counts up to date with the writes told so far. */
  async run(): Promise<Record<string, number>> {
    if (this.everything || this.views.length > MAX_VIEWS) {
      // Writes told while this runs land in `pending` and are applied by the next run.
      this.everything = false;
      this.pending.clear();
      this.lastRun = 'all';
      await this.recount();
      this.order.forgetOld();
    } else if (this.pending.size) {
      const told = [...this.pending];
      this.pending.clear();
      this.lastRun = 'some';
      await this.update(told);
      this.order.forgetOld();
    } else this.lastRun = 'none';
    return Object.fromEntries(this.views.map((v, i) => [v.id, this.counts[i]!]));
  }

  private async recount(): Promise<void> {
    const members = await unreadMembers(this.db, [...this.views], this.me);
    this.member.clear();
    this.counts.fill(0);
    members.forEach((ids, i) => {
      this.counts[i] = ids.length;
      for (const id of ids) this.member.set(id, (this.member.get(id) ?? 0) | (1 << i));
    });
  }

  private async update(told: Array<[string, FilterFields | null]>): Promise<void> {
    const records = this.textViews.length ? await this.readUnread(told) : undefined;
    for (const [id, fields] of told) {
      let bits = 0;
      if (fields) {
        const record = records?.get(id);
        this.views.forEach((v, i) => {
          const match = record ? matchesFilter(record, v.filter, this.me) : !this.textViews.includes(i) && matchesFields(fields, v.filter, this.me);
          if (match) bits |= 1 << i;
        });
      }
      this.set(id, bits);
    }
  }

  /** The records of the unread mentions told (a mention deleted since: none; its deletion is told next). */
  private async readUnread(told: Array<[string, FilterFields | null]>): Promise<Map<string, MentionRecord>> {
    const ids = told.flatMap(([id, f]) => (f ? [id] : []));
    const out = new Map<string, MentionRecord>();
    const chunk = Math.max(READ_CHUNK, Math.ceil(ids.length / READS_PER_RUN));
    for (let i = 0; i < ids.length; i += chunk) {
      const rows = await this.db.mentions.bulkGet(ids.slice(i, i + chunk));
      this.recordsRead += rows.length;
      for (const m of rows) if (m?.unread === 1) out.set(m.id, m);
    }
    return out;
  }

  private set(id: string, bits: number): void {
    const was = this.member.get(id) ?? 0;
    if (bits === was) return;
    this.views.forEach((_, i) => (this.counts[i]! += ((bits >> i) & 1) - ((was >> i) & 1)));
    if (bits) this.member.set(id, bits);
    else this.member.delete(id);
  }
}
