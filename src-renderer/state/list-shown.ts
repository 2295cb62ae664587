/**
 * At start the inbox's first rows, with their records, come before the counts. IndexedDB answers one
 * request after another: on disk, at 200,000 mentions with 120,000 open, the live region's, the SLA
 * banner's and the unread counts (3-6 s) were asked for as soon as the list's ids were in, and the
 * rows' records waited 6.5 s behind them. The counters wait for `listShown()` or `useListShown()`.
 */
import { useSyncExternalStore } from 'react';
import { createLatch } from '../lib/latch';

const shown = createLatch();

/** The inbox has drawn its first rows with their records (or found none). */
export const markListShown = (): void => shown.set();

/** Whether the inbox has drawn its first rows since the app started (a component re-renders when it has). */
export function useListShown(): boolean {
  return useSyncExternalStore(shown.subscribe, shown.isSet);
}

/**
 * Resolves once the inbox has shown its list, or after `timeoutMs` at most (the app may open on
 * another screen, or the list take long: the counts must come in the end).
 */
export const listShown = (timeoutMs = 5_000): Promise<void> => shown.wait(timeoutMs);
