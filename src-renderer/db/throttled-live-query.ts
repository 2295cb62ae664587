/**
 * Live reads that are too costly at 200,000 mentions for a Dexie liveQuery (which records every key
 * a query returns in order to know when to run it again). These re-run when the tables they name
 * change, at most once per interval; `ignore` lists indexes whose changes cannot matter to them (the
 * queue does not care that a mention was read).
 */
import { useEffect, useRef, useState, type DependencyList } from 'react';
import Dexie from 'dexie';

type Parts = Record<string, { d?: number } | undefined>;

/** Calls back when a write touched `table` in a way not limited to the ignored indexes. */
export function onTableChange(table: string, cb: () => void, ignore: readonly string[] = []): () => void {
  const prefix = `/${table}/`;
  const handler = (parts: Parts): void => {
    for (const [key, range] of Object.entries(parts)) {
      const at = key.indexOf(prefix);
      if (at < 0 || !range || range.d === 0) continue;
      if (!ignore.includes(key.slice(at + prefix.length))) {
        cb();
        return;
      }
    }
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}

/**
 * A background read may take at most this share of the main thread while writes stream in: after a
 * run that took d ms the next waits at least d * (1 / share - 1) after it ended. At 100,000 mentions
 * a full recount takes hundreds of milliseconds, and re-running it after every page of a rebuild
 * would leave the page no time to apply the log. The wait never exceeds MAX_BACKOFF_MS, so one slow
 * run during a rebuild does not hold back the first change after it.
 */
export const BACKGROUND_SHARE = 0.2;
const MAX_BACKOFF_MS = 2_000;

/**
 * What a job returns when the runner should not hold the next run back: it stopped early because a
 * newer run was asked for, or it paces its own work (see `backoffAfter`).
 */
export const NO_BACKOFF = 'no backoff';

/** How long to wait after a background read that took `ms` so it keeps to BACKGROUND_SHARE of the time (`max` at most). */
export function backoffAfter(ms: number, max = MAX_BACKOFF_MS): number {
  return Math.min(max, ms * (1 / BACKGROUND_SHARE - 1));
}

/**
 * Runs `job` now, and again after changes, never two at once, at most once per interval and never
 * more than BACKGROUND_SHARE of the time (a run that returns NO_BACKOFF is not held back). With
 * `settleMs`, a run after a change waits at least that long: counters that read the whole store let
 * the inbox read the head of the queue first (IndexedDB answers one request after another).
 */
export function throttledRunner(job: () => Promise<void | typeof NO_BACKOFF>, intervalMs: number, settleMs = 0, maxBackoffMs = MAX_BACKOFF_MS): { kick(): void; kickNow(): void; stop(): void } {
  let running = false;
  let dirty = false;
  /** A kickNow came while a run was going: the next run starts as soon as it ends. */
  let urgent = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = 0;
  let notBefore = 0;
  const run = async (): Promise<void> => {
    running = true;
    dirty = false;
    urgent = false;
    lastRun = Date.now();
    let free = false;
    try {
      free = (await job()) === NO_BACKOFF;
    } finally {
      running = false;
      const ended = Date.now();
      const backoff = free ? 0 : backoffAfter(ended - lastRun, maxBackoffMs);
      notBefore = Math.max(lastRun + intervalMs, ended + backoff);
      if (urgent && !stopped) kickNow();
      else if (dirty && !stopped) kick();
    }
  };
  const kick = (): void => {
    if (stopped) return;
    if (running) {
      dirty = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, Math.max(settleMs, notBefore - Date.now()));
  };
  /** Runs as soon as no run is going: for a change someone is waiting to see (their own action). */
  const kickNow = (): void => {
    if (stopped) return;
    if (running) {
      dirty = true;
      urgent = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, 0);
  };
  void run();
  return {
    kick,
    kickNow,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export function useThrottledLiveQuery<T>(
  query: () => Promise<T>,
  deps: DependencyList,
  opts: {
    tables: string[];
    intervalMs: number;
    settleMs?: number;
    enabled?: boolean;
    ignore?: string[];
    /** Tables whose changes run the query at once: this seat's own actions (human-paced), which the person is waiting to see. */
    promptTables?: string[];
    /** The longest wait the pacing may impose after a slow run (default 2 s; see BACKGROUND_SHARE). */
    maxBackoffMs?: number;
    /** Another source of changes (a stable function): calls `kick` on each, returns its unsubscribe. */
    kickOn?: (kick: () => void) => () => void;
  },
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const queryRef = useRef(query);
  queryRef.current = query;
  const { intervalMs, settleMs = 0, maxBackoffMs } = opts;
  const enabled = opts.enabled ?? true;
  const tables = opts.tables.join(',');
  const ignore = (opts.ignore ?? []).join(',');
  const promptTables = (opts.promptTables ?? []).join(',');
  const kickOn = opts.kickOn;

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const runner = throttledRunner(async () => {
      try {
        const v = await queryRef.current();
        if (alive) setValue(v);
      } catch (e) {
        console.error('earshot: a background read failed', e);
      }
    }, intervalMs, settleMs, maxBackoffMs);
    const offs = [
      ...tables.split(',').filter(Boolean).map((t) => onTableChange(t, runner.kick, ignore ? ignore.split(',') : [])),
      ...(promptTables ? promptTables.split(',').map((t) => onTableChange(t, runner.kickNow)) : []),
      ...(kickOn ? [kickOn(runner.kick)] : []),
    ];
    return () => {
      alive = false;
      runner.stop();
      for (const off of offs) off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, like useLiveQuery
  }, [...deps, tables, intervalMs, settleMs, enabled, ignore, promptTables, maxBackoffMs, kickOn]);

  return value;
}
