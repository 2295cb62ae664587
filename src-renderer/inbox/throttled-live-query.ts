/**
 * A live query that re-runs at most once per interval when the tables it names change. For reads
 * that cost real time at 200,000 mentions (unread counts over every view) and need not be to the
 * millisecond; everything else uses dexie-react-hooks' useLiveQuery.
 */
import { useEffect, useRef, useState, type DependencyList } from 'react';
import Dexie from 'dexie';

export function useThrottledLiveQuery<T>(query: () => Promise<T>, deps: DependencyList, opts: { tables: string[]; intervalMs: number }): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const queryRef = useRef(query);
  queryRef.current = query;
  const { intervalMs } = opts;
  const tables = opts.tables.join(',');

  useEffect(() => {
    let alive = true;
    let running = false;
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRun = 0;
    const names = tables.split(',');

    const run = async (): Promise<void> => {
      running = true;
      dirty = false;
      lastRun = Date.now();
      try {
        const v = await queryRef.current();
        if (alive) setValue(v);
      } catch (e) {
        console.error('earshot: a background count failed', e);
      } finally {
        running = false;
        if (dirty && alive) schedule();
      }
    };
    const schedule = (): void => {
      if (running) {
        dirty = true;
        return;
      }
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, Math.max(0, lastRun + intervalMs - Date.now()));
    };
    const onChange = (parts: Record<string, unknown>): void => {
      if (Object.keys(parts).some((k) => names.some((t) => k.includes(`/${t}/`) || k.endsWith(`/${t}`)))) schedule();
    };
    Dexie.on('storagemutated', onChange);
    void run();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onChange);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, like useLiveQuery
  }, [...deps, tables, intervalMs]);

  return value;
}
