/**
 * The polite live region: new mentions and breaches, said at most once every few seconds, without
 * ever moving focus. Mounted once in App, always present (a region added with its text is not read).
 */
import { useEffect, useRef, useState } from 'react';
import { getDb } from '../db/schema';
import { announceCounts } from './announce-counts';
import { listShown } from '../state/list-shown';
import { caughtUp } from '../state/caught-up';
import { useUi } from '../state/ui-store';
import { due, initialAnnounce, observe } from './announce';
import { sinceLooked, useNewSince } from './new-since';
import { historyAfter, liveTotal } from './history-writes';
import { onDueChanges } from '../db/due-changes';

const POLL_MS = 2_000;
export const ANNOUNCE_GAP_MS = 5_000;

export function LiveAnnouncer({ pollMs = POLL_MS, gapMs = ANNOUNCE_GAP_MS }: { pollMs?: number; gapMs?: number }) {
  const [message, setMessage] = useState('');
  const state = useRef(initialAnnounce);
  useLooking();

  useEffect(() => {
    let alive = true;
    let clear: ReturnType<typeof setTimeout> | undefined;
    // Both figures from what is held in memory (announce-counts.ts): the store is read once.
    const db = getDb();
    // The history mentions stored, told by the same due changes as the total (history-writes.ts).
    let history = 0;
    const offHistory = onDueChanges((c) => {
      if (c.db === db.name) history = historyAfter(history, c);
    });
    let busy = false;
    let ready = false;
    const tick = async (): Promise<void> => {
      if (busy || !ready) return; // the last count is still running: this tick is skipped, not queued
      busy = true;
      const now = Date.now();
      const counts = await announceCounts(db, now).finally(() => (busy = false));
      if (!alive) return;
      // Imported history (the demo weeks, a log) is stored but is not news.
      const total = liveTotal(counts.total, history);
      const { pastDue } = counts;
      useNewSince.getState().setTotal(total);
      state.current = observe(state.current, total, pastDue);
      const r = due(state.current, now, gapMs, sinceLooked(useNewSince.getState()));
      state.current = r.state;
      if (!r.say) return;
      // Emptied first, so the same sentence twice in a row is still read the second time.
      setMessage('');
      clear = setTimeout(() => alive && setMessage(r.say!), 100);
    };
    // The first count waits for the inbox's first rows (state/list-shown.ts) and for the start-up
    // catch-up (state/caught-up.ts): it is the baseline, so the backlog still being written when the
    // first rows are drawn is not said as new mentions, nor its past-due ones as breaches.
    void Promise.all([listShown(), caughtUp()]).then(() => {
      ready = true;
      void tick();
    });
    const t = setInterval(() => void tick().catch(() => undefined), pollMs);
    return () => {
      alive = false;
      offHistory();
      clearInterval(t);
      clearTimeout(clear);
    };
  }, [pollMs, gapMs]);

  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {message}
    </div>
  );
}

/** The agent looks at the inbox when it opens, when the open mention changes, and when the list takes focus. */
function useLooking(): void {
  const screen = useUi((s) => s.screen);
  const selectedId = useUi((s) => s.selectedId);
  useEffect(() => {
    if (screen === 'inbox') useNewSince.getState().look();
  }, [screen, selectedId]);
  useEffect(() => {
    const onFocus = (e: FocusEvent): void => {
      if (e.target instanceof Element && e.target.closest('[role="listbox"][data-focus-home]')) useNewSince.getState().look();
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
}

/** "3 new since you last looked", beside the inbox's title; nothing when there is nothing new. */
export function NewSinceBadge() {
  const n = useNewSince(sinceLooked);
  if (!n) return null;
  return (
    <span className="new-since" data-testid="new-since">
      {n.toLocaleString()} new since you last looked
    </span>
  );
}
