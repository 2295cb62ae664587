/**
 * What X reads cost: every post returned counts as a read, X bills (and caps) reads per month, and
 * the user may set a monthly read budget per source. The count must survive restarts, so it is
 * kept in a small store; the JSON-file store writes atomically (temp file, fsync, rename).
 *
 * Pacing rule for a budget, chosen so it agrees with the projection the health line shows: the
 * projection is linear (reads so far / time elapsed x the month's length), and the next poll may
 * not start before the moment the projection would be back at the budget. A new source gets one
 * day's grace (elapsed time counts as at least a day), so its backfill does not stop it for hours.
 */
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PRIVATE_DIR_MODE, readFileIfExists, writeFileAtomic } from '../../core/fsutil';

export interface UsageState {
  /** The UTC month counted, `YYYY-MM`. */
  month: string;
  reads: number;
  /** When counting began in this month (the month's start, or when the source was added). */
  trackingSince: string;
}

export interface UsageStore {
  load(): Promise<UsageState | undefined>;
  save(s: UsageState): Promise<void>;
}

const StateSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), reads: z.number().int().nonnegative(), trackingSince: z.string().datetime() });

/** One JSON file per source, e.g. `<dataDir>/x-usage/<source id>.json`. */
export function createJsonFileUsageStore(path: string): UsageStore {
  return {
    async load() {
      const text = await readFileIfExists(path);
      if (!text) return undefined;
      try {
        const p = StateSchema.safeParse(JSON.parse(text));
        return p.success ? p.data : undefined;
      } catch {
        return undefined; // an unreadable file restarts the count rather than stopping the source
      }
    },
    async save(s) {
      await fs.mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFileAtomic(path, JSON.stringify(s) + '\n');
    },
  };
}

/** For tests and one-off runs: forgets on restart. */
export function createMemoryUsageStore(initial?: UsageState): UsageStore {
  let state = initial;
  return {
    load: async () => state,
    save: async (s) => {
      state = { ...s };
    },
  };
}

export const DAY_MS = 24 * 3600_000;
/** Elapsed time counts as at least this much in the projection (see the file comment). */
const MIN_ELAPSED_MS = DAY_MS;

export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
export function monthStartMs(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
export function nextMonthStartMs(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The month's count, rolled over at a UTC month boundary. */
export class UsageMeter {
  private state?: UsageState;
  private loaded = false;

  constructor(
    private readonly store: UsageStore,
    readonly budget?: number,
  ) {}

  async load(nowMs: number): Promise<UsageState> {
    if (!this.loaded) {
      this.state = await this.store.load();
      this.loaded = true;
    }
    return this.current(nowMs);
  }

  current(nowMs: number): UsageState {
    const month = monthKey(nowMs);
    if (!this.state) {
      this.state = { month, reads: 0, trackingSince: new Date(nowMs).toISOString() };
    } else if (this.state.month !== month) {
      // We were counting last month too, so this month is tracked from its first instant.
      this.state = { month, reads: 0, trackingSince: new Date(monthStartMs(nowMs)).toISOString() };
    }
    return this.state;
  }

  add(reads: number, nowMs: number): void {
    this.current(nowMs).reads += reads;
  }

  save(): Promise<void> {
    return this.state ? this.store.save({ ...this.state }) : Promise.resolve();
  }

  /** Reads the budget still allows this month (Infinity without a budget). */
  left(nowMs: number): number {
    return this.budget === undefined ? Infinity : Math.max(0, this.budget - this.current(nowMs).reads);
  }

  projected(nowMs: number): number {
    const s = this.current(nowMs);
    const since = Date.parse(s.trackingSince);
    const span = nextMonthStartMs(nowMs) - since;
    const elapsed = Math.max(nowMs - since, Math.min(MIN_ELAPSED_MS, span));
    return Math.max(s.reads, Math.round((s.reads * span) / elapsed));
  }

  /** Earliest next poll that keeps the projection at or under the budget (undefined: no limit). */
  budgetNotBefore(nowMs: number): number | undefined {
    if (this.budget === undefined) return undefined;
    const s = this.current(nowMs);
    const since = Date.parse(s.trackingSince);
    const span = nextMonthStartMs(nowMs) - since;
    const needElapsed = (s.reads * span) / this.budget;
    if (needElapsed <= Math.min(MIN_ELAPSED_MS, span)) return undefined;
    // Past the budget the wait ends with the month anyway: the count starts again at zero.
    const at = Math.min(since + needElapsed, nextMonthStartMs(nowMs));
    return at > nowMs ? Math.ceil(at) : undefined;
  }

  snapshot(nowMs: number): { readsThisMonth: number; projectedReadsThisMonth: number; monthlyReadBudget?: number } {
    return {
      readsThisMonth: this.current(nowMs).reads,
      projectedReadsThisMonth: this.projected(nowMs),
      ...(this.budget !== undefined ? { monthlyReadBudget: this.budget } : {}),
    };
  }
}
