/**
 * Runs the report for the chosen parameters (in the worker), and notices when new activity arrives
 * after it was computed, so the screen can offer a refresh instead of recounting every few seconds.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { countArrivedAfter } from '../db/arrivals';
import { oldWritesSeq } from '../db/old-writes';
import { onReportProgress, requestReport, requestVerification, takeHeadStart } from './report-client';
import type { ReportProgress } from './progress';
import { useWorkProgress } from './useWorkProgress';
import type { ReportResponse } from './engine';
import { rangeOf, type ReportParams } from './params';
import { holdDraws } from './charts/draw-queue';

export interface ReportState {
  status: 'loading' | 'ready' | 'error';
  response?: ReportResponse;
  error?: string;
  /** The "as of" instant of the report shown (or being computed). */
  nowMs: number;
  /** Wall time from request to answer, as the lead experienced it. */
  elapsedMs?: number;
}

/** `progress`: while loading, what the work under way last told (progress.ts), if anything yet. */
export function useReport(params: ReportParams): { state: ReportState; refresh(): void; newActivity: number; progress: ReportProgress | undefined } {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<ReportState>(() => ({ status: 'loading', nowMs: Date.now() }));
  const key = JSON.stringify(params);

  useEffect(() => {
    let live = true;
    const p = JSON.parse(key) as ReportParams;
    // The screen's first report may have been asked for while its code loaded (report-client.ts).
    const head = tick === 0 ? takeHeadStart(key) : undefined;
    const nowMs = head?.nowMs ?? Date.now();
    const t0 = head?.startedAt ?? performance.now();
    setState((s) => ({ ...s, status: 'loading', nowMs }));
    const req = { range: rangeOf(p, nowMs), agent: p.agent, by: p.by, nowMs };
    // The charts of the report shown wait to be drawn until this one is in (draw-queue.ts).
    const release = holdDraws();
    (head?.response ?? requestReport(req)).finally(release).then(
      (response) => {
        if (!live) return;
        setState({ status: 'ready', response, nowMs, elapsedMs: performance.now() - t0 });
        // Shown at once; a count check follows when idle, and a report it proves stale is computed again.
        if (response.checking) void requestVerification(req).then((ok) => live && !ok && setTick((t) => t + 1), () => undefined);
      },
      (e: unknown) => live && setState({ status: 'error', error: (e as Error).message, nowMs }),
    );
    return () => {
      live = false;
      release();
    };
  }, [key, tick]);

  const since = new Date(state.nowMs).toISOString();
  const shown = state.status === 'ready';
  // Arrivals count as activity; they are kept on the mentions (db/arrivals.ts). Counted once the
  // report is shown (the count is shown with it): asked for with the report, these two counts
  // waited 0.5-1.9 s on IndexedDB beside the report's own reads, and held them up as long.
  const newActivity =
    useLiveQuery(async () => {
      if (!shown) return 0;
      const db = getDb();
      const [events, arrivals] = await Promise.all([db.events.where('at').above(since).count(), countArrivedAfter(db, since)]);
      return events + arrivals;
    }, [since, shown]) ?? 0;
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  // Old history written or removed since the report's reads (an imported log, a replay, the demo
  // history; in this window, another or a worker): its dates fall before the report's instant, so
  // the count above misses it, and the figures shown no longer hold. Asked again at once: such
  // writes are rare and change the figures a lead is reading.
  const oldWrites = useLiveQuery(() => oldWritesSeq(getDb()), []);
  const seenOldWrites = state.status === 'ready' ? state.response?.oldWrites : undefined;
  const outdated = oldWrites !== undefined && seenOldWrites !== undefined && oldWrites > seenOldWrites;
  useEffect(() => {
    if (outdated) refresh();
  }, [outdated, refresh]);
  const progress = useWorkProgress(onReportProgress, state.status === 'loading', `${key}/${tick}`);
  return { state, refresh, newActivity, progress };
}
