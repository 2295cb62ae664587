/** Live reads the inbox screen needs, each a thin hook over db/queries.ts. */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { knownAgents, knownFacets, knownSources, knownTags, savedViews } from '../db/queries';
import { UnreadCounter } from '../db/unread-counter';
import { onDueChanges } from '../db/due-changes';
import { BUILTIN_VIEWS, parseFilter, type SavedView } from '../db/inbox-filter';
import { warmSearch } from '../db/search-store';
import { whenNoRequest } from '../lib/report-requests';
import { prepareReports, readyReports } from '../reports/report-client';
import { reportsScreen } from '../reports/screen-loader';
import { vocScreen } from '../voc/screen-loader';
import { throttledRunner, useThrottledLiveQuery } from '../db/throttled-live-query';

export { useInboxIds } from './use-inbox-ids';

/** Built-in views, then the saved ones in the order they were made. */
export function useViews(): SavedView[] {
  const saved = useLiveQuery(() => savedViews(getDb()), []);
  return [...BUILTIN_VIEWS, ...(saved ?? []).map((v) => ({ id: v.id, name: v.name, filter: parseFilter(v.filter), builtin: false }))];
}

/**
 * After a change, the counters below wait this long before reading the whole store again, so the
 * list's read of the head of the queue (a mention just heard) goes first.
 */
const BACKGROUND_SETTLE_MS = 500;

/**
 * Unread per view, at most every 1.5 s while mentions stream in; `enabled` once the list is drawn.
 * Counted once, then kept current from what each write tells (db/unread-counter.ts).
 */
export function useUnreadCounts(views: SavedView[], me: string, enabled = true): Record<string, number> | undefined {
  const key = JSON.stringify(views.map((v) => [v.id, v.filter]));
  const viewsRef = useRef(views);
  viewsRef.current = views;
  const [counts, setCounts] = useState<Record<string, number> | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const db = getDb();
    const counter = new UnreadCounter(db, viewsRef.current, me);
    // Listen before the first count starts, so no write falls between the two.
    const off = onDueChanges((c) => {
      if (c.db !== db.name) return;
      counter.changed(c);
      runner.kick();
    });
    const runner = throttledRunner(async () => {
      try {
        const v = await counter.run();
        if (alive) setCounts(v);
      } catch (e) {
        console.error('earshot: counting unread mentions failed', e);
        counter.countAgain();
      }
    }, 1500, BACKGROUND_SETTLE_MS);
    return () => {
      alive = false;
      off();
      runner.stop();
    };
  }, [key, me, enabled]);
  return counts;
}

export interface FilterChoices {
  tags: string[];
  agents: string[];
  sources: string[];
  langs: string[];
  topics: string[];
}

/** Tags, agents, sources, languages and topics in use; `enabled` once the list is drawn (the list comes first). */
export function useFilterChoices(enabled = true): FilterChoices {
  const r = useThrottledLiveQuery(
    async () => {
      const db = getDb();
      const [tags, agents, sources, facets] = await Promise.all([knownTags(db), knownAgents(db), knownSources(db), knownFacets(db)]);
      return { tags, agents, sources, langs: facets.lang, topics: facets.topic };
    },
    [],
    // This seat's own tag or assignment (written with its pending entry, db/actions.ts) shows in the
    // filter at once; everything else (the stream of new mentions) at most every 3 s.
    { tables: ['mentions'], intervalMs: 3000, settleMs: BACKGROUND_SETTLE_MS, enabled, promptTables: ['pending'] },
  );
  return r ?? { tags: [], agents: [], sources: [], langs: [], topics: [] };
}

/**
 * Once the list is complete: loads text search into memory, so the first search does not wait for
 * it (after any report being worked out: it reads every search row, the report would wait behind
 * it); then, when the page is idle, the report and VoC screens' code; and starts the report
 * worker. Once search is loaded and the page idle again, the worker makes the report's stored facts
 * ready (readyReports), so a lead's Fairness open a little later finds them in memory. A lead's
 * first report waits for none of this. Started with the app instead, the worker's start and reads
 * made the 200,000-mention list complete about 0.8 s later (inbox bench, 3 runs each).
 */
export function useWarmUp(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    void whenNoRequest().then(() => {
      const searchLoaded = warmSearch(getDb());
      // Search loading goes first. Where nothing says when the page is idle (tests), not at all.
      if (typeof requestIdleCallback !== 'function') return;
      // Loaded once (preloadable); a failure is left to the screen's own load.
      requestIdleCallback(() => void Promise.all([reportsScreen.preload(), vocScreen.preload()]).catch(() => undefined), { timeout: 10_000 });
      void searchLoaded.then(() => requestIdleCallback(readyReports, { timeout: 10_000 }));
    });
    prepareReports();
  }, [enabled]);
}
